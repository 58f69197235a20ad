import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineLanguageModel, type ChatOptions, type LanguageModel } from '@linkmall/assistant';
import { createOpenAiChatModel, llmConfigFromEnv } from '../src/index.ts';
import { startFakeOpenAi } from './fake-openai-server.ts';

const KEY = 'sk-local-test-key-123';
let server: Awaited<ReturnType<typeof startFakeOpenAi>>;
let reply = '西湖龙井明前茶售价¥198.00起 [1]。';

beforeAll(async () => {
  server = await startFakeOpenAi({ apiKey: KEY, reply: () => reply });
});
afterAll(() => server?.close());
beforeEach(() => {
  server.setMode('normal');
  server.seen.length = 0;
  reply = '西湖龙井明前茶售价¥198.00起 [1]。';
});

const grounding: ChatOptions['grounding'] = { task: 'answer', locale: 'zh-CN', question: '龙井多少钱', evidence: [], contactName: '吴婷' };
const messages = [
  { role: 'system' as const, content: '只根据资料回答' },
  { role: 'user' as const, content: '龙井多少钱' },
];

/** The contract every LanguageModel passes: text and usage for a grounded question. */
async function contract(model: LanguageModel) {
  const result = await model.chat(messages, { grounding, maxTokens: 200 });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.value.text.length).toBeGreaterThan(0);
  expect(result.value.usage.totalTokens).toBeGreaterThanOrEqual(result.value.usage.completionTokens);
  expect(result.value.model).toMatch(/.+/);
}

describe('the OpenAI-compatible client against a local server speaking the protocol', () => {
  it('posts model, messages and options with the Bearer key to {baseUrl}/chat/completions', async () => {
    const model = createOpenAiChatModel({ baseUrl: server.baseUrl, apiKey: KEY, model: 'qwen2.5:7b' });
    const result = await model.chat(messages, { grounding, maxTokens: 300, temperature: 0.2 });
    expect(result).toEqual({ ok: true, value: { text: '西湖龙井明前茶售价¥198.00起 [1]。', model: 'qwen2.5:7b-0613', usage: { promptTokens: 42, completionTokens: 17, totalTokens: 59 } } });
    const [request] = server.seen;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', authorization: `Bearer ${KEY}`, contentType: 'application/json' });
    expect(request!.body).toEqual({ model: 'qwen2.5:7b', messages, stream: false, max_tokens: 300, temperature: 0.2 });
  });

  it('passes the same contract as the offline model', async () => {
    await contract(createOpenAiChatModel({ baseUrl: `${server.baseUrl}/`, apiKey: KEY, model: 'm' }));
    await contract(createOfflineLanguageModel());
  });

  it('reports a wrong key as rejected, with the server’s message and without the key', async () => {
    const result = await createOpenAiChatModel({ baseUrl: server.baseUrl, apiKey: 'sk-wrong', model: 'm' }).chat(messages, { grounding });
    expect(result).toEqual({ ok: false, code: 'llm_rejected', details: { status: 401, message: 'Incorrect API key provided.' } });
    expect(JSON.stringify(result)).not.toContain('sk-wrong');
  });

  it('reports 5xx and 429 as unavailable', async () => {
    const model = createOpenAiChatModel({ baseUrl: server.baseUrl, apiKey: KEY, model: 'm' });
    server.setMode('server_error');
    expect(await model.chat(messages, { grounding })).toEqual({ ok: false, code: 'llm_unavailable', details: { status: 500 } });
    server.setMode('rate_limited');
    expect(await model.chat(messages, { grounding })).toEqual({ ok: false, code: 'llm_unavailable', details: { status: 429 } });
  });

  it('times out on a server that never answers, and rejects a body that is not the protocol', async () => {
    const model = createOpenAiChatModel({ baseUrl: server.baseUrl, apiKey: KEY, model: 'm', timeoutMs: 200 });
    server.setMode('hang');
    const started = Date.now();
    expect(await model.chat(messages, { grounding })).toEqual({ ok: false, code: 'llm_timeout', details: { reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    server.setMode('garbage');
    expect(await model.chat(messages, { grounding })).toEqual({ ok: false, code: 'llm_bad_response', details: { reason: 'not_json' } });
  });

  it('reports an unreachable server as unavailable', async () => {
    const result = await createOpenAiChatModel({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY, model: 'm', timeoutMs: 2_000 }).chat(messages, { grounding });
    expect(result.ok ? null : result.code).toBe('llm_unavailable');
  });
});

describe('configuration from the environment', () => {
  it('is all three variables or none', () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_API_KEY: 'ollama', LLM_MODEL: 'qwen2.5', LLM_TIMEOUT_MS: '5000' })).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'ollama', model: 'qwen2.5', timeoutMs: 5000 });
    expect(() => llmConfigFromEnv({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/together/);
    expect(() => llmConfigFromEnv({ LLM_BASE_URL: 'ftp://x', LLM_API_KEY: 'k', LLM_MODEL: 'm' })).toThrow(/http/);
  });
});
