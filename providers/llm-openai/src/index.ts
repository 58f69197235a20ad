export { createOpenAiChatModel, completionsUrl } from './openai-chat-model.ts';
export { llmConfigFromEnv, LLM_DEFAULT_TIMEOUT_MS, type OpenAiCompatibleConfig } from './openai-config.ts';
