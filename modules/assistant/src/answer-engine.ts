import type { Locale } from '@linkmall/kernel';
import { allowedPrices, citationsOf, type Citation, type Evidence } from './domain/evidence.ts';
import type { CopyFacts } from './domain/copywriting.ts';
import { guardOutput, pricesMentioned } from './domain/output-guard.ts';
import type { ChatMessage, Grounding, LanguageModel, TokenUsage } from './language-model.ts';
import { createOfflineLanguageModel } from './offline-language-model.ts';
import { answerMessages, copyMessages } from './prompts.ts';

export interface GeneratedText {
  readonly text: string;
  readonly citations: Citation[];
  /** Which model's text this is: the configured one, or "offline" when there is none or it failed. */
  readonly model: string;
  readonly usage: TokenUsage;
  /** What the guard removed from the model's text (income promises, unknown prices). */
  readonly removed: readonly string[];
}

export interface AnswerEngineLogger {
  warn(object: object, message?: string): void;
}

/**
 * Runs a model over grounded messages and makes its text safe: the configured model first, the
 * offline model when it fails or when the guard leaves nothing; the guard runs on every text, so a
 * price outside the evidence or an income promise never reaches a visitor, whichever model wrote it.
 */
export function createAnswerEngine(model: LanguageModel | null, logger: AnswerEngineLogger = { warn() {} }) {
  const offline = createOfflineLanguageModel();

  async function generate(messages: ChatMessage[], grounding: Grounding, allowed: ReadonlySet<bigint>, citations: Citation[]): Promise<GeneratedText> {
    if (model && model !== offline) {
      const result = await model.chat(messages, { grounding, maxTokens: 600, temperature: 0.3 });
      if (result.ok) {
        const guarded = guardOutput(result.value.text, allowed);
        if (guarded.removed.length > 0) logger.warn({ model: result.value.model, removed: guarded.removed }, 'assistant guard removed sentences');
        if (guarded.text) return { text: guarded.text, citations, model: result.value.model, usage: result.value.usage, removed: guarded.removed };
      } else {
        logger.warn({ model: model.name, code: result.code }, 'language model failed; answering offline');
      }
    }
    const fallback = await offline.chat(messages, { grounding });
    if (!fallback.ok) throw new Error('the offline model cannot fail');
    const guarded = guardOutput(fallback.value.text, allowed);
    return { text: guarded.text, citations, model: 'offline', usage: fallback.value.usage, removed: guarded.removed };
  }

  return {
    /** Without evidence no model is asked: the answer is the plain "nothing found, ask the owner". */
    async answer(question: string, evidence: readonly Evidence[], history: readonly ChatMessage[], contactName: string, locale: Locale): Promise<GeneratedText> {
      const grounding: Grounding = { task: 'answer', locale, question, evidence, contactName };
      const messages = answerMessages(question, evidence, history, contactName, locale);
      if (evidence.length === 0) {
        const offlineAnswer = await offline.chat(messages, { grounding });
        if (!offlineAnswer.ok) throw new Error('the offline model cannot fail');
        return { text: offlineAnswer.value.text, citations: [], model: 'offline', usage: offlineAnswer.value.usage, removed: [] };
      }
      return generate(messages, grounding, allowedPrices(evidence), citationsOf(evidence));
    },

    async copy(facts: CopyFacts, locale: Locale): Promise<GeneratedText> {
      // Prices from the catalog, and the coupon's own amounts from the promotion (无门槛减5元).
      const allowed = new Set([
        ...facts.products.flatMap((product) => (product.priceFen === null ? [] : [product.priceFen])),
        ...(facts.coupon ? pricesMentioned(`${facts.coupon.name} ${facts.coupon.summary}`) : []),
      ]);
      return generate(copyMessages(facts, locale), { task: facts.kind, locale, facts }, allowed, []);
    },
  };
}
export type AnswerEngine = ReturnType<typeof createAnswerEngine>;
