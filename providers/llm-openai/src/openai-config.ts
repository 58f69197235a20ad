/** An OpenAI-compatible chat server: OpenAI itself, or a local one (Ollama, llama.cpp server, vLLM). */
export interface OpenAiCompatibleConfig {
  /** Up to and including the API version, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  readonly baseUrl: string;
  /** Sent as a Bearer token; local servers accept any non-empty key. */
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs?: number;
  /** Tests inject a fetch; production uses the global one. */
  readonly fetch?: typeof fetch;
}

export const LLM_DEFAULT_TIMEOUT_MS = 20_000;

/**
 * LLM_BASE_URL, LLM_API_KEY and LLM_MODEL together, or null (the assistant then runs offline); a
 * partial set is a mistake and refused at start-up rather than silently ignored.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv): OpenAiCompatibleConfig | null {
  const baseUrl = env.LLM_BASE_URL?.trim();
  const apiKey = env.LLM_API_KEY?.trim();
  const model = env.LLM_MODEL?.trim();
  if (!baseUrl && !apiKey && !model) return null;
  if (!baseUrl || !apiKey || !model) throw new Error('The assistant model needs LLM_BASE_URL, LLM_API_KEY and LLM_MODEL together (or none, to run offline)');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error('LLM_BASE_URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('LLM_BASE_URL must be an http(s) URL');
  const timeoutMs = env.LLM_TIMEOUT_MS ? Number(env.LLM_TIMEOUT_MS) : undefined;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) throw new Error('LLM_TIMEOUT_MS must be a positive integer');
  return { baseUrl, apiKey, model, ...(timeoutMs ? { timeoutMs } : {}) };
}
