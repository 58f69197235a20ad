import type { Db } from '@linkmall/db';
import type { SharedLimits } from '@linkmall/events';
import { createAnswerEngine, type AnswerEngineLogger } from './answer-engine.ts';
import type { BehaviourSource, CardKnowledge, CouponOffers, LeadContextSource, ProductRecommender, VisitorConsent } from './assistant-ports.ts';
import { createChatService, DEFAULT_CHAT_LIMITS, type ChatLimits } from './chat-service.ts';
import { createKnowledgeService, type OrganizationExists } from './knowledge-service.ts';
import type { LanguageModel } from './language-model.ts';
import { createOwnerService } from './owner-service.ts';

export interface AssistantDependencies {
  readonly db: Db;
  /** An OpenAI-compatible model; null or absent: the offline model answers everything. */
  readonly model?: LanguageModel | null;
  readonly cards: CardKnowledge;
  readonly organizationExists: OrganizationExists;
  /** Radar's consent record; without it nobody counts as consented and no conversation is kept. */
  readonly consent?: VisitorConsent;
  readonly behaviour?: BehaviourSource;
  readonly leads?: LeadContextSource;
  readonly coupons?: CouponOffers;
  readonly limits?: ChatLimits;
  readonly logger?: AnswerEngineLogger;
  /** Ranks a card's products when a visitor asks what to buy; absent: retrieval alone. */
  readonly recommender?: ProductRecommender;
  /** Rate-limit counters shared by every API process; absent, per process. */
  readonly sharedLimits?: SharedLimits;
}

/** The AI assistant: knowledge base, visitor chat, owner drafts and recommendations, over one language model. */
export function createAssistantModule(deps: AssistantDependencies) {
  const engine = createAnswerEngine(deps.model ?? null, deps.logger);
  return {
    modelName: deps.model?.name ?? 'offline',
    knowledge: createKnowledgeService(deps.db, deps.organizationExists),
    chat: createChatService({
      db: deps.db,
      engine,
      cards: deps.cards,
      consent: deps.consent ?? { granted: async () => false },
      limits: deps.limits ?? DEFAULT_CHAT_LIMITS,
      recommender: deps.recommender,
      sharedLimits: deps.sharedLimits,
    }),
    owner: createOwnerService({
      engine,
      cards: deps.cards,
      leads: deps.leads ?? { leadContext: async () => null },
      behaviour: deps.behaviour ?? { behaviour: async () => new Map() },
      coupons: deps.coupons ?? { claimable: async () => null },
    }),
  };
}
export type AssistantModule = ReturnType<typeof createAssistantModule>;
