import type { Locale, Result } from '@linkmall/kernel';
import type { Evidence } from './domain/evidence.ts';
import type { CopyFacts } from './domain/copywriting.ts';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/**
 * What the text must stand on. Every model gets it: a remote model already finds it rendered into the
 * messages and may ignore it; the offline model composes its text from it alone.
 */
export type Grounding =
  | { readonly task: 'answer'; readonly locale: Locale; readonly question: string; readonly evidence: readonly Evidence[]; readonly contactName: string }
  | { readonly task: 'follow_up' | 'invitation'; readonly locale: Locale; readonly facts: CopyFacts };

export interface ChatOptions {
  readonly grounding: Grounding;
  readonly maxTokens?: number;
  readonly temperature?: number;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface ChatCompletion {
  readonly text: string;
  readonly usage: TokenUsage;
  /** The model that answered, as the server named it (or "offline"). */
  readonly model: string;
}

/** Why a model gave no text: the assistant then falls back to the offline model. */
export type LanguageModelErrorCode = 'llm_timeout' | 'llm_unavailable' | 'llm_rejected' | 'llm_bad_response';

/**
 * The port every text generator implements: an OpenAI-compatible server (providers/llm-openai) or
 * the offline default, which answers from the grounding alone.
 */
export interface LanguageModel {
  readonly name: string;
  chat(messages: readonly ChatMessage[], options: ChatOptions): Promise<Result<ChatCompletion, LanguageModelErrorCode>>;
}
