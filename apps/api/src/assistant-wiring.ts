import type { SharedLimits } from '@linkmall/events';
import { createAssistantModule, type BehaviourSource, type ChatLimits, type LanguageModel, type LeadContextSource, type ProductRecommender, type VisitorConsent } from '@linkmall/assistant';
import type { CatalogService } from '@linkmall/catalog';
import type { Db } from '@linkmall/db';
import { createAssistantCouponOffers, createAssistantKnowledge, type AssistantCardFacts } from '@linkmall/flows';
import { systemContext, type Clock } from '@linkmall/kernel';
import type { CrmModule } from '@linkmall/crm';
import type { PromotionService } from '@linkmall/promotion';
import { createOpenAiChatModel, type OpenAiCompatibleConfig } from '@linkmall/provider-llm-openai';
import type { StorefrontService } from '@linkmall/storefront';

/** What tests and deployments may put in place of the defaults. */
export interface AssistantPlatformOptions {
  /** Overrides the model from LLM_* (tests point it at a local protocol server). */
  readonly model?: LanguageModel | null;
  readonly cardFacts?: (cardId: string) => Promise<AssistantCardFacts | null>;
  readonly consent?: VisitorConsent;
  readonly behaviour?: BehaviourSource;
  readonly leads?: LeadContextSource;
  readonly limits?: ChatLimits;
}

export interface AssistantWiring {
  readonly db: Db;
  readonly clock: Clock;
  readonly catalog: CatalogService;
  readonly storefront: StorefrontService;
  readonly promotion: PromotionService;
  readonly organizationNames: (ids: readonly string[]) => Promise<Map<string, string>>;
  /** The card module's facts of a card (attribution + public view); radar's consent and behaviour; the CRM's lead context. */
  readonly cardFacts: (cardId: string) => Promise<AssistantCardFacts | null>;
  readonly consent?: VisitorConsent | undefined;
  readonly behaviour?: BehaviourSource | undefined;
  readonly leads?: LeadContextSource | undefined;
  /** The recommender, for visitors who ask what to buy (see recommendation-wiring.ts). */
  readonly recommender?: ProductRecommender | undefined;
  /** Several API processes: chat rate limits counted across all of them (scale-wiring.ts). */
  readonly sharedLimits?: SharedLimits | undefined;
}

/** The assistant over its ports: an OpenAI-compatible model when configured, else the offline model. */
export function wireAssistant(wiring: AssistantWiring, llm: OpenAiCompatibleConfig | null | undefined, options: AssistantPlatformOptions = {}) {
  const model = options.model !== undefined ? options.model : llm ? createOpenAiChatModel(llm) : null;
  const consent = options.consent ?? wiring.consent;
  const behaviour = options.behaviour ?? wiring.behaviour;
  const leads = options.leads ?? wiring.leads;
  return createAssistantModule({
    db: wiring.db,
    model,
    cards: createAssistantKnowledge({
      catalog: wiring.catalog,
      storefront: wiring.storefront,
      card: options.cardFacts ?? wiring.cardFacts,
      organizationNames: wiring.organizationNames,
    }),
    organizationExists: async (organizationId) => (await wiring.organizationNames([organizationId])).has(organizationId),
    coupons: createAssistantCouponOffers(wiring.promotion, wiring.clock),
    ...(consent ? { consent } : {}),
    ...(behaviour ? { behaviour } : {}),
    ...(leads ? { leads } : {}),
    ...(wiring.recommender ? { recommender: wiring.recommender } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(wiring.sharedLimits ? { sharedLimits: wiring.sharedLimits } : {}),
  });
}

/**
 * The CRM's leadContext as the assistant's port: the lead is looked up within the owner's own leads
 * first (the CRM's contract leadContext does not say whose lead it is), so no owner drafts from
 * another owner's lead.
 */
export function crmLeadSource(crm: CrmModule, clock: Clock): LeadContextSource {
  return {
    async leadContext(leadId, ownerUserId) {
      const owned = await crm.leads.detail(systemContext(clock, 'assistant'), { kind: 'owner', userId: ownerUserId }, leadId);
      if (!owned.ok) return null;
      const context = await crm.leadContext(leadId);
      return context ? { ...context, ownerUserId } : null;
    },
  };
}
