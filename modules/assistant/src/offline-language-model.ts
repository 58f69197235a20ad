import { ok } from '@linkmall/kernel';
import { composeAnswer } from './domain/answer-composer.ts';
import { composeCopy } from './domain/copywriting.ts';
import type { ChatMessage, LanguageModel } from './language-model.ts';

/** A rough token count (one per Chinese character, one per English word), so usage is comparable to a server's. */
export function estimateTokens(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return han + words;
}

/**
 * The default model, fully offline and deterministic: it writes from the grounding alone (answers
 * from retrieved evidence with citations, or filled copy templates), so it cannot invent anything
 * the catalog and the knowledge base do not say.
 */
export function createOfflineLanguageModel(): LanguageModel {
  return {
    name: 'offline',
    async chat(messages: readonly ChatMessage[], options) {
      const grounding = options.grounding;
      const text =
        grounding.task === 'answer'
          ? composeAnswer(grounding.question, grounding.evidence, grounding.contactName, grounding.locale)
          : composeCopy(grounding.facts, grounding.locale);
      const promptTokens = messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
      const completionTokens = estimateTokens(text);
      return ok({ text, model: 'offline', usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } });
    },
  };
}
