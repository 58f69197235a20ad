import type { Locale, RequestContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { combineBehaviours, type VisitorBehaviour } from './domain/behaviour.ts';
import { intentScore, type IntentComponents } from './domain/intent-score.ts';
import type { LeadStage } from './domain/lead-stage.ts';
import { segment, SEGMENT_LABELS, type CommunityLayer, type RfmScores, type Segment } from './domain/segmentation.ts';
import type { BehaviourReader, ProductTitles, PurchaseHistory } from './crm-ports.ts';
import { crmStore as store, type LeadRow } from './crm-store.ts';
import { interestTags } from './interest-keywords.ts';

export interface IntentView {
  score: number;
  components: IntentComponents;
  explanation: string;
  lastSeenAt: string;
}

export interface SegmentationView {
  segment: Segment;
  segmentLabel: string;
  layer: CommunityLayer;
  layerLabel: string;
  scores: RfmScores;
  orders365: number;
  paid365Fen: number;
  lastPurchaseAt: string | null;
}

/** What the AI assistant may know of a lead when drafting a follow-up (the contract's leadContext). */
export interface LeadContext {
  name: string | null;
  viewedProducts: { productId: string; title?: string; seconds: number }[];
  stage: LeadStage;
  tags: string[];
}

export interface InsightDeps {
  readonly db: Db;
  readonly behaviour: BehaviourReader;
  readonly purchases: PurchaseHistory;
  readonly titles: ProductTitles;
}

export function createInsightService(deps: InsightDeps) {
  const { db } = deps;

  async function behaviourOf(lead: LeadRow): Promise<VisitorBehaviour | null> {
    if (lead.visitor_ids.length === 0) return null;
    const found = await deps.behaviour(lead.owner_user_id, lead.visitor_ids);
    return combineBehaviours(lead.visitor_ids.map((id) => found.get(id)).filter((behaviour): behaviour is VisitorBehaviour => Boolean(behaviour)));
  }

  async function titlesOf(behaviour: VisitorBehaviour): Promise<Map<string, string>> {
    const titles = await deps.titles(behaviour.products.map((product) => product.productId));
    return new Map([...titles].map(([id, product]) => [id, product.title]));
  }

  function segmentationView(lead: LeadRow, behaviour: VisitorBehaviour | null, purchases: readonly { orderId: string; paidAt: Date; amountFen: bigint }[], now: Date, locale: Locale): SegmentationView {
    const result = segment(purchases, { lastSeenAt: behaviour?.lastSeenAt ?? lead.last_active_at, sharesAndForwards: behaviour ? behaviour.shares + behaviour.forwards : 0 }, now);
    return {
      segment: result.segment,
      segmentLabel: SEGMENT_LABELS[result.segment][locale],
      layer: result.layer,
      layerLabel: SEGMENT_LABELS[`layer_${result.layer}`][locale],
      scores: result.scores,
      orders365: result.orders365,
      paid365Fen: Number(result.paid365Fen),
      lastPurchaseAt: result.lastPurchaseAt?.toISOString() ?? null,
    };
  }

  return {
    behaviourOf,

    /** Recomputes the stored intent score and the automatic interest tags of a lead, inside `tx`. */
    async refresh(tx: Db, ctx: RequestContext, leadId: string): Promise<void> {
      const lead = await store.lead(tx, { kind: 'all' }, leadId);
      if (!lead) return;
      const behaviour = await behaviourOf(lead);
      if (!behaviour) return;
      const titles = await deps.titles(behaviour.products.map((product) => product.productId));
      const score = intentScore(behaviour, new Map([...titles].map(([id, product]) => [id, product.title])));
      const viewed = behaviour.products.flatMap((product) => {
        const title = titles.get(product.productId)?.title;
        return title ? [{ title, seconds: product.seconds, clicks: product.clicks }] : [];
      });
      await store.updateLead(tx, leadId, { intent_score: score.score, last_active_at: lead.last_active_at && lead.last_active_at > behaviour.lastSeenAt ? lead.last_active_at : behaviour.lastSeenAt });
      await store.replaceTags(tx, leadId, 'auto', interestTags(viewed), ctx.clock.now());
    },

    /** Intent with its explanation and the RFM-L segmentation, computed now. */
    async insightsOf(ctx: RequestContext, lead: LeadRow): Promise<{ intent: IntentView | null; segmentation: SegmentationView }> {
      const behaviour = await behaviourOf(lead);
      const purchases = lead.user_id ? ((await deps.purchases.purchasesOf([lead.user_id])).get(lead.user_id) ?? []) : [];
      const segmentation = segmentationView(lead, behaviour, purchases, ctx.clock.now(), ctx.locale);
      if (!behaviour) return { intent: null, segmentation };
      const score = intentScore(behaviour, await titlesOf(behaviour));
      return { intent: { score: score.score, components: score.components, explanation: score.explanation[ctx.locale], lastSeenAt: behaviour.lastSeenAt.toISOString() }, segmentation };
    },

    segmentationView,

    async leadContext(leadId: string): Promise<LeadContext | null> {
      const lead = await store.lead(db, { kind: 'all' }, leadId);
      if (!lead) return null;
      const behaviour = await behaviourOf(lead);
      const titles = behaviour ? await titlesOf(behaviour) : new Map<string, string>();
      const tags = await store.tagsOf(db, [lead.id]);
      return {
        name: lead.name,
        viewedProducts: (behaviour?.products ?? [])
          .filter((product) => product.seconds > 0 || product.clicks > 0)
          .sort((a, b) => b.seconds - a.seconds)
          .map((product) => ({ productId: product.productId, ...(titles.has(product.productId) ? { title: titles.get(product.productId)! } : {}), seconds: product.seconds })),
        stage: lead.stage,
        tags: tags.map((tag) => tag.tag),
      };
    },
  };
}
export type InsightService = ReturnType<typeof createInsightService>;
