import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { AnswerEngine } from './answer-engine.ts';
import type { AssistantErrorCode } from './assistant-errors.ts';
import type { BehaviourSource, CardKnowledge, CouponOffers, LeadContext, LeadContextSource, ProductFact } from './assistant-ports.ts';
import type { CopyFacts } from './domain/copywriting.ts';
import { recommendProducts, type Recommendation } from './domain/recommend.ts';
import { retrievalTokens } from './text-tokens.ts';

export interface DraftView {
  text: string;
  model: string;
  visitorName: string | null;
  products: { productId: string; title: string; priceFen: number | null }[];
  coupon: { name: string; summary: string } | null;
}

export interface RecommendationView extends Recommendation {
  title: string;
  priceFen: number | null;
}

export interface OwnerDependencies {
  readonly engine: AnswerEngine;
  readonly cards: CardKnowledge;
  readonly leads: LeadContextSource;
  readonly behaviour: BehaviourSource;
  readonly coupons: CouponOffers;
}

type CopyProduct = CopyFacts['products'][number];

const ownerOf = (ctx: RequestContext) => ({ userId: ctx.actor!.userId, organizationId: ctx.actor!.organizationId, displayName: ctx.actor!.displayName });

/** The lead's viewed products, longest looked at first, priced from what the owner sells now. */
function viewedProducts(lead: LeadContext | null, catalog: ReadonlyMap<string, ProductFact>): CopyProduct[] {
  if (!lead) return [];
  return [...lead.viewedProducts]
    .sort((left, right) => right.seconds - left.seconds)
    .flatMap((viewed) => {
      const product = catalog.get(viewed.productId);
      const title = product?.title ?? viewed.title;
      return title ? [{ productId: viewed.productId, title, priceFen: product?.priceFen ?? null }] : [];
    });
}

/** The owner's drafts (follow-up messages, invitations) and recommendations for their visitors. */
export function createOwnerService(deps: OwnerDependencies) {
  async function lead(ctx: RequestContext, leadId: string): Promise<LeadContext | null> {
    const found = await deps.leads.leadContext(leadId, ctx.actor!.userId);
    // Another owner's lead is as absent as a missing one.
    if (!found || (found.ownerUserId !== undefined && found.ownerUserId !== ctx.actor!.userId)) return null;
    return found;
  }

  async function draft(ctx: RequestContext, kind: CopyFacts['kind'], found: LeadContext | null, seed: string, productId?: string): Promise<Result<DraftView, AssistantErrorCode>> {
    const owner = await deps.cards.owner(ownerOf(ctx));
    const catalog = new Map(owner.products.map((product) => [product.productId, product]));
    let products = viewedProducts(found, catalog);
    if (productId) {
      const chosen = catalog.get(productId);
      if (!chosen) return err('assistant_product_not_found');
      products = [{ productId, title: chosen.title, priceFen: chosen.priceFen }, ...products.filter((product) => product.productId !== productId)];
    }
    const coupon = await deps.coupons.claimable(owner.organizationId, products.map((product) => product.productId), ctx.locale);
    const facts: CopyFacts = { kind, visitorName: found?.name ?? null, ownerName: owner.ownerName, company: owner.company, products: products.slice(0, 3), coupon: coupon ? { name: coupon.name, summary: coupon.summary } : null, seed };
    const generated = await deps.engine.copy(facts, ctx.locale);
    return ok({
      text: generated.text,
      model: generated.model,
      visitorName: facts.visitorName,
      products: facts.products.map((product) => ({ productId: product.productId, title: product.title, priceFen: product.priceFen === null ? null : Number(product.priceFen) })),
      coupon: facts.coupon,
    });
  }

  return {
    async followUp(ctx: RequestContext, leadId: string): Promise<Result<DraftView, AssistantErrorCode>> {
      const found = await lead(ctx, leadId);
      if (!found) return err('assistant_lead_not_found');
      return draft(ctx, 'follow_up', found, leadId);
    },

    async invitation(ctx: RequestContext, input: { leadId?: string | undefined; productId?: string | undefined }): Promise<Result<DraftView, AssistantErrorCode>> {
      const found = input.leadId ? await lead(ctx, input.leadId) : null;
      if (input.leadId && !found) return err('assistant_lead_not_found');
      return draft(ctx, 'invitation', found, `${input.leadId ?? ''}:${input.productId ?? ''}`, input.productId);
    },

    /** What to show a visitor next: what they looked at, similar products, then popular ones. */
    async recommendations(ctx: RequestContext, visitorId: string, limit: number): Promise<RecommendationView[]> {
      const ownerUserId = ctx.actor!.userId;
      const [owner, behaviours] = await Promise.all([deps.cards.owner(ownerOf(ctx)), deps.behaviour.behaviour(ownerUserId, [visitorId])]);
      const catalog = new Map(owner.products.map((product) => [product.productId, product]));
      const candidates = owner.products.map((product) => ({ productId: product.productId, tokens: retrievalTokens(`${product.title} ${product.subtitle} ${product.category}`), popularity: product.popularity }));
      const chosen = recommendProducts(behaviours.get(visitorId)?.products ?? [], candidates, limit);
      return chosen.map((item) => {
        const product = catalog.get(item.productId)!;
        return { ...item, title: product.title, priceFen: product.priceFen === null ? null : Number(product.priceFen) };
      });
    },
  };
}
export type OwnerService = ReturnType<typeof createOwnerService>;
