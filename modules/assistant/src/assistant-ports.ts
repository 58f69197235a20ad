/**
 * What the assistant needs from other modules, as small ports the composition root wires: the card
 * and its products (card + catalog + storefront, through a flow), consent (radar), behaviour (radar),
 * the lead's context (crm) and claimable coupons (promotion).
 */

/** A product as the assistant may talk about it: prices only as the catalog or storefront gives them. */
export interface ProductFact {
  readonly productId: string;
  readonly title: string;
  readonly subtitle: string;
  readonly description: string;
  readonly category: string;
  /** "规格: 250g" lines from the SKUs' specs. */
  readonly specs: readonly string[];
  /** The lowest price the visitor would pay (storefront price, else the catalog's), or null if unknown. */
  readonly priceFen: bigint | null;
  /** Higher sells or features more; recommendations fall back on it. */
  readonly popularity: number;
}

export interface CardKnowledgeView {
  readonly cardId: string;
  readonly organizationId: string | null;
  readonly ownerUserId: string;
  /** Who the visitor is told to contact when the assistant cannot answer. */
  readonly ownerName: string;
  readonly company: string | null;
  readonly products: readonly ProductFact[];
}

export interface OwnerKnowledgeView {
  readonly organizationId: string | null;
  readonly ownerName: string;
  readonly company: string | null;
  /** The owner's cards' featured products and their organisation's storefront products. */
  readonly products: readonly ProductFact[];
}

/** The signed-in owner, as the request context knows them. */
export interface OwnerRef {
  readonly userId: string;
  readonly organizationId: string | null;
  readonly displayName: string;
}

export interface CardKnowledge {
  /** A published card with its products; null when there is no such card. */
  card(cardId: string): Promise<CardKnowledgeView | null>;
  /** What an owner sells, for drafts and recommendations. */
  owner(owner: OwnerRef): Promise<OwnerKnowledgeView>;
  /** An organisation's products (null: the platform's own channel), for the console's "test a question". */
  organization(organizationId: string | null): Promise<readonly ProductFact[]>;
}

/** Whether a visitor agreed (PIPL) to have this card's interactions tied to them; radar records it. */
export interface VisitorConsent {
  granted(cardId: string, visitorId: string): Promise<boolean>;
}

/** Typed like radar's `behaviour`; the assistant reads only the products and the display name. */
export interface VisitorBehaviour {
  readonly visitorId: string;
  readonly userId: string | null;
  readonly displayName: string | null;
  readonly products: readonly { readonly productId: string; readonly seconds: number; readonly clicks: number }[];
}

export interface BehaviourSource {
  behaviour(ownerUserId: string, visitorIds: readonly string[]): Promise<Map<string, VisitorBehaviour>>;
}

/** crm.leadContext: what the owner knows about a lead. `ownerUserId`, when given, is checked again by the assistant. */
export interface LeadContext {
  readonly name: string | null;
  readonly viewedProducts: readonly { readonly productId: string; readonly title?: string; readonly seconds: number }[];
  readonly stage: string;
  readonly tags: readonly string[];
  readonly ownerUserId?: string;
}

export interface LeadContextSource {
  /** The lead's context when it belongs to this owner; null for a missing lead or another owner's. */
  leadContext(leadId: string, ownerUserId: string): Promise<LeadContext | null>;
}

/** A coupon the visitor could claim now from the owner's organisation, summarised for a message. */
export interface CouponOffer {
  readonly name: string;
  /** e.g. 满100减20 / "¥20 off ¥100" — already in the caller's locale. */
  readonly summary: string;
  readonly productIds: readonly string[];
}

export interface CouponOffers {
  claimable(organizationId: string | null, productIds: readonly string[], locale: 'zh-CN' | 'en'): Promise<CouponOffer | null>;
}

/**
 * Which of a card's products to suggest first to this visitor (the recommender: item-to-item from
 * purchases and card clicks, else popular), best first, only among the candidates given.
 */
export interface ProductRecommender {
  rank(visitor: { readonly visitorId: string; readonly userId: string | null }, candidateProductIds: readonly string[]): Promise<string[]>;
}
