export { createAssistantModule, type AssistantModule, type AssistantDependencies } from './assistant-service.ts';
export type { LanguageModel, ChatMessage, ChatOptions, ChatCompletion, TokenUsage, Grounding, LanguageModelErrorCode } from './language-model.ts';
export { createOfflineLanguageModel, estimateTokens } from './offline-language-model.ts';
export { createAnswerEngine, type AnswerEngine, type GeneratedText } from './answer-engine.ts';
export type {
  CardKnowledge,
  CardKnowledgeView,
  OwnerKnowledgeView,
  OwnerRef,
  ProductFact,
  VisitorConsent,
  VisitorBehaviour as AssistantVisitorBehaviour,
  BehaviourSource,
  LeadContext,
  LeadContextSource,
  CouponOffer,
  CouponOffers,
  ProductRecommender,
} from './assistant-ports.ts';
export type { Evidence, Citation } from './domain/evidence.ts';
export { yuan } from './domain/evidence.ts';
export type { CopyFacts } from './domain/copywriting.ts';
export { guardOutput, mentionsIncomePromise, pricesMentioned } from './domain/output-guard.ts';
export { buildBm25Index, type Bm25Index, type Bm25Hit, type Bm25Document } from './domain/bm25.ts';
export { plainText, retrieveEvidence, EVIDENCE_THRESHOLD } from './knowledge-retriever.ts';
export { retrievalTokens, warmUpAssistant } from './text-tokens.ts';
export { DEFAULT_CHAT_LIMITS, type ChatLimits, type AssistantAnswer } from './chat-service.ts';
export type { KnowledgeView, NewKnowledge, KnowledgePatch } from './knowledge-service.ts';
export type { DraftView, RecommendationView } from './owner-service.ts';
export { assistantErrors, type AssistantErrorCode } from './assistant-errors.ts';
export type { AssistantTables } from './assistant-tables.ts';
export { assistantAdminRoutes, assistantPublicRoutes, assistantShopRoutes } from './assistant-routes.ts';
export { assistantPersonalData } from './assistant-personal-data.ts';
