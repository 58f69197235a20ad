import { err, ok } from '@linkmall/kernel';
import type { LanguageModel } from '@linkmall/assistant';
import { LLM_DEFAULT_TIMEOUT_MS, type OpenAiCompatibleConfig } from './openai-config.ts';

interface CompletionBody {
  model?: unknown;
  choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown };
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0);

/** {baseUrl}/chat/completions, whether or not the base ends in a slash. */
export function completionsUrl(baseUrl: string): URL {
  return new URL('chat/completions', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/**
 * The OpenAI chat-completions protocol over plain fetch: POST {baseUrl}/chat/completions with a
 * Bearer key, `model`, `messages`, `max_tokens` and `temperature`, no streaming; the answer is
 * `choices[0].message.content`. Failures are values (timeout, unavailable, rejected, bad response),
 * so the assistant can answer offline instead; the key never appears in an error.
 */
export function createOpenAiChatModel(config: OpenAiCompatibleConfig): LanguageModel {
  if (!config.apiKey.trim() || !config.model.trim()) throw new Error('OpenAI-compatible model: apiKey and model are required');
  const url = completionsUrl(config.baseUrl);
  const timeoutMs = config.timeoutMs ?? LLM_DEFAULT_TIMEOUT_MS;
  const fetchImpl = config.fetch ?? fetch;

  return {
    name: `openai:${config.model}`,
    async chat(messages, options) {
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${config.apiKey}` },
          body: JSON.stringify({
            model: config.model,
            messages: messages.map((message) => ({ role: message.role, content: message.content })),
            stream: false,
            ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}),
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          }),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        return err(timedOut ? 'llm_timeout' : 'llm_unavailable', { reason: timedOut ? 'timeout' : 'network' });
      }
      if (response.status === 429 || response.status >= 500) return err('llm_unavailable', { status: response.status });
      if (response.status >= 400) return err('llm_rejected', { status: response.status, message: errorMessage(text) });
      let body: CompletionBody;
      try {
        body = JSON.parse(text) as CompletionBody;
      } catch {
        return err('llm_bad_response', { reason: 'not_json' });
      }
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || !content.trim()) return err('llm_bad_response', { reason: 'no_content' });
      const promptTokens = count(body.usage?.prompt_tokens);
      const completionTokens = count(body.usage?.completion_tokens);
      return ok({
        text: content.trim(),
        model: typeof body.model === 'string' && body.model ? body.model : config.model,
        usage: { promptTokens, completionTokens, totalTokens: count(body.usage?.total_tokens) || promptTokens + completionTokens },
      });
    },
  };
}

/** The server's own explanation of a 4xx (`{"error":{"message":…}}`), cut short. */
function errorMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
