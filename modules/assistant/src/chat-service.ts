import { err, newId, ok, type Locale, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import type { AnswerEngine } from './answer-engine.ts';
import type { AssistantErrorCode } from './assistant-errors.ts';
import type { CardKnowledge, ProductRecommender, VisitorConsent } from './assistant-ports.ts';
import { assistantStore as store } from './assistant-store.ts';
import type { Citation, Evidence } from './domain/evidence.ts';
import { createRateLimiter, type RateLimit } from './domain/rate-limit.ts';
import type { SharedLimits } from '@linkmall/events';
import { productEvidence, retrieveEvidence } from './knowledge-retriever.ts';
import { asksForRecommendation } from './domain/recommend.ts';
import type { ChatMessage } from './language-model.ts';

export interface VisitorQuestion {
  readonly cardId: string;
  readonly visitorId: string;
  readonly question: string;
  /** The recent turns the card page kept, oldest first; only the last few are used. */
  readonly history?: readonly { readonly role: 'visitor' | 'assistant'; readonly content: string }[] | undefined;
}

export interface AssistantAnswer {
  answer: string;
  citations: Citation[];
  /** Whether an answer was found in the material (false: the "nothing found, ask the owner" reply). */
  grounded: boolean;
  model: string;
  /** Whether the exchange was kept (only for visitors who consented on this card). */
  stored: boolean;
}

export interface ChatLimits {
  readonly perVisitor: RateLimit;
  readonly perAddress: RateLimit;
}

/** Ten questions a minute per visitor, sixty per network address: a person typing never meets them, a script does. */
export const DEFAULT_CHAT_LIMITS: ChatLimits = { perVisitor: { max: 10, windowMs: 60_000 }, perAddress: { max: 60, windowMs: 60_000 } };

const contactFallback = (locale: Locale) => (locale === 'zh-CN' ? '名片主人' : 'the card owner');

const toChatHistory = (history: VisitorQuestion['history']): ChatMessage[] =>
  (history ?? []).slice(-6).map((turn) => ({ role: turn.role === 'visitor' ? 'user' : 'assistant', content: turn.content }));

export interface ChatDependencies {
  readonly db: Db;
  readonly engine: AnswerEngine;
  readonly cards: CardKnowledge;
  readonly consent: VisitorConsent;
  readonly limits: ChatLimits;
  /** Ranks the card's products for "what should I buy?"; without it such a question is answered from retrieval alone. */
  readonly recommender?: ProductRecommender | undefined;
  /** Counters every API process shares (several processes); absent, this process's own sliding windows. */
  readonly sharedLimits?: SharedLimits | undefined;
}

/** The visitor's chat with a card's assistant, and the console's "test a question". */
export function createChatService(deps: ChatDependencies) {
  const perVisitor = createRateLimiter(deps.limits.perVisitor);
  const perAddress = createRateLimiter(deps.limits.perAddress);
  // With several API processes a visitor's budget must count every process's answers, not N times the limit.
  const admitted = async (scope: 'visitor' | 'address', key: string, now: Date): Promise<boolean> => {
    const limit = scope === 'visitor' ? deps.limits.perVisitor : deps.limits.perAddress;
    if (deps.sharedLimits) return (await deps.sharedLimits.hit(`assistant.${scope}`, key, limit.windowMs, now)) <= limit.max;
    return (scope === 'visitor' ? perVisitor : perAddress).allow(key, now.getTime());
  };

  async function keep(ctx: RequestContext, input: VisitorQuestion, card: { ownerUserId: string; organizationId: string | null }, reply: { text: string; citations: Citation[]; model: string }) {
    const now = ctx.clock.now();
    await inTransaction(deps.db, async (tx) => {
      const conversation = await store.conversation(tx, {
        id: newId('acv', now.getTime()),
        card_id: input.cardId,
        visitor_id: input.visitorId,
        owner_user_id: card.ownerUserId,
        organization_id: card.organizationId,
        created_at: now,
        updated_at: now,
      });
      await store.insertMessages(tx, [
        { id: newId('amg', now.getTime()), conversation_id: conversation.id, role: 'visitor', content: input.question, citations: [], model: null, created_at: now },
        { id: newId('amg', now.getTime() + 1), conversation_id: conversation.id, role: 'assistant', content: reply.text.slice(0, 4000), citations: reply.citations, model: reply.model, created_at: new Date(now.getTime() + 1) },
      ]);
    });
  }

  return {
    async ask(ctx: RequestContext, input: VisitorQuestion): Promise<Result<AssistantAnswer, AssistantErrorCode>> {
      const now = ctx.clock.now();
      if (!(await admitted('visitor', `${input.cardId}:${input.visitorId}`, now)) || (ctx.ip && !(await admitted('address', ctx.ip, now)))) return err('assistant_rate_limited');
      const card = await deps.cards.card(input.cardId);
      if (!card) return err('assistant_card_not_found');
      const knowledge = await store.knowledgeFor(deps.db, card.organizationId);
      let evidence = retrieveEvidence(input.question, card.products, knowledge);
      // "What should I buy?" names no product, so retrieval finds nothing: the recommender picks the card's products for this visitor.
      if (evidence.length === 0 && deps.recommender && card.products.length > 0 && asksForRecommendation(input.question)) {
        const ranked = await deps.recommender.rank({ visitorId: input.visitorId, userId: ctx.actor?.userId ?? null }, card.products.map((product) => product.productId));
        const byId = new Map(card.products.map((product) => [product.productId, product]));
        evidence = ranked.slice(0, 3).flatMap((productId, position) => (byId.has(productId) ? [productEvidence(byId.get(productId)!, 3 - position)] : []));
      }
      const reply = await deps.engine.answer(input.question, evidence, toChatHistory(input.history), card.ownerName || contactFallback(ctx.locale), ctx.locale);
      // PIPL: what a visitor asked is kept only when they agreed to be remembered on this card.
      const stored = await deps.consent.granted(input.cardId, input.visitorId);
      if (stored) await keep(ctx, input, card, reply);
      return ok({ answer: reply.text, citations: reply.citations, grounded: evidence.length > 0, model: reply.model, stored });
    },

    /** The console's check of the knowledge base: the same retrieval and answer, nothing kept. */
    async test(ctx: RequestContext, input: { question: string; organizationId?: string | undefined }): Promise<AssistantAnswer & { evidence: Evidence[] }> {
      const scope = ctx.actor!.scope;
      const organizationId = scope.kind === 'merchant' ? scope.merchantId : (input.organizationId ?? null);
      const [products, knowledge] = await Promise.all([deps.cards.organization(organizationId), store.knowledgeFor(deps.db, organizationId)]);
      const evidence = retrieveEvidence(input.question, products, knowledge);
      const reply = await deps.engine.answer(input.question, evidence, [], ctx.actor!.displayName || contactFallback(ctx.locale), ctx.locale);
      return { answer: reply.text, citations: reply.citations, grounded: evidence.length > 0, model: reply.model, stored: false, evidence };
    },

    /** A consented visitor's stored exchange on a card, oldest first (empty for everyone else). */
    async history(cardId: string, visitorId: string) {
      const rows = await store.messages(deps.db, cardId, visitorId, 50);
      return rows.map((row) => ({ role: row.role, content: row.content, citations: row.citations, createdAt: row.created_at.toISOString() }));
    },
  };
}
export type ChatService = ReturnType<typeof createChatService>;
