import type { CardKnowledge, CouponOffers, OwnerRef, ProductFact } from '@linkmall/assistant';
import type { CatalogService } from '@linkmall/catalog';
import { formatYuan, type Clock, type RequestContext } from '@linkmall/kernel';
import type { PromotionService } from '@linkmall/promotion';
import type { StorefrontService } from '@linkmall/storefront';

/** What the assistant needs of a card (the card module's attribution and public view, joined in the composition root). */
export interface AssistantCardFacts {
  readonly ownerUserId: string;
  readonly organizationId: string | null;
  readonly ownerName: string;
  readonly company: string | null;
  readonly featuredProductIds: readonly string[];
}

export interface AssistantKnowledgeDeps {
  readonly catalog: CatalogService;
  readonly storefront: StorefrontService;
  /** A published card's facts, or null. */
  readonly card: (cardId: string) => Promise<AssistantCardFacts | null>;
  readonly organizationNames: (ids: readonly string[]) => Promise<Map<string, string>>;
}

/** The most products one answer searches: a card's featured ones first, then its storefront's. */
const MAX_PRODUCTS = 60;

/**
 * The assistant's view of products: catalog text (title, description, specs) priced as the visitor
 * would pay — the storefront's price where the merchant sells it, else the catalog's own — so the
 * assistant never quotes a price the shop would not charge.
 */
export function createAssistantKnowledge(deps: AssistantKnowledgeDeps): CardKnowledge {
  /** `soldSkuIds`: in a storefront, only the SKUs it sells give specs (null: every SKU on sale). */
  async function facts(productIds: readonly string[], prices: ReadonlyMap<string, bigint> | null, soldSkuIds: ReadonlySet<string> | null, popularity: (productId: string) => number): Promise<ProductFact[]> {
    const found: ProductFact[] = [];
    for (const productId of [...new Set(productIds)].slice(0, MAX_PRODUCTS)) {
      const product = await deps.catalog.getOnSale(productId);
      if (!product.ok) continue;
      const value = product.value;
      const skus = soldSkuIds ? value.skus.filter((sku) => soldSkuIds.has(sku.id)) : value.skus;
      const catalogPrice = skus.reduce<bigint | null>((lowest, sku) => (lowest === null || BigInt(sku.priceFen) < lowest ? BigInt(sku.priceFen) : lowest), null);
      // In a storefront the visitor pays the storefront's price; a product it does not sell is left out.
      if (prices && !prices.has(productId)) continue;
      found.push({
        productId,
        title: value.title,
        subtitle: value.subtitle,
        description: [value.description, value.origin ? `<p>产地：${value.origin}</p>` : ''].filter(Boolean).join('\n'),
        category: value.category,
        specs: specLines(skus.flatMap((sku) => sku.specs)),
        priceFen: prices?.get(productId) ?? catalogPrice,
        popularity: popularity(productId),
      });
    }
    return found;
  }

  /** An organisation's products: a merchant's storefront (featured first), or the platform catalog's newest. */
  async function organizationProducts(organizationId: string | null, firstIds: readonly string[] = []): Promise<ProductFact[]> {
    if (organizationId) {
      const [prices, items, decoration] = await Promise.all([deps.storefront.soldProducts(organizationId), deps.storefront.items(organizationId), deps.storefront.decoration(organizationId)]);
      if (prices.size > 0) {
        // The storefront's featured products (its decoration, or featured items) are its popular ones.
        const featured = new Set([...(decoration?.featuredProductIds ?? []), ...items.filter((item) => item.featured).map((item) => item.productId)]);
        const first = new Set(firstIds);
        const ordered = [...firstIds, ...items.map((item) => item.productId)];
        return facts(ordered, prices, new Set(items.map((item) => item.skuId)), (id) => (first.has(id) ? 2 : 0) + (featured.has(id) ? 1 : 0));
      }
    }
    const onSale = await deps.catalog.listOnSale(MAX_PRODUCTS);
    const first = new Set(firstIds);
    return facts([...firstIds, ...onSale.map((product) => product.id)], null, null, (id) => (first.has(id) ? 2 : 0));
  }

  return {
    async card(cardId) {
      const card = await deps.card(cardId);
      if (!card) return null;
      return {
        cardId,
        organizationId: card.organizationId,
        ownerUserId: card.ownerUserId,
        ownerName: card.ownerName,
        company: card.company,
        products: await organizationProducts(card.organizationId, card.featuredProductIds),
      };
    },

    async owner(owner: OwnerRef) {
      const names = owner.organizationId ? await deps.organizationNames([owner.organizationId]) : new Map<string, string>();
      return {
        organizationId: owner.organizationId,
        ownerName: owner.displayName,
        company: owner.organizationId ? (names.get(owner.organizationId) ?? null) : null,
        products: await organizationProducts(owner.organizationId),
      };
    },

    organization: (organizationId) => organizationProducts(organizationId),
  };
}

/** SKU specs as one line per spec name: 规格: 250g / 500g. */
function specLines(specs: readonly { name: string; value: string }[]): string[] {
  const values = new Map<string, string[]>();
  for (const spec of specs) {
    const list = values.get(spec.name) ?? [];
    if (!list.includes(spec.value)) list.push(spec.value);
    values.set(spec.name, list);
  }
  return [...values].map(([name, list]) => `${name}: ${list.join(' / ')}`);
}

/** A coupon template's rule in a few words, in the reader's language. */
function couponSummary(rule: { kind: string; thresholdFen: number; reductionFen: number | null; rateBps: number | null }, locale: 'zh-CN' | 'en'): string {
  const yuanOf = (fen: number) => formatYuan(BigInt(fen)).replace(/\.00$/, '');
  if (rule.kind === 'discount' && rule.rateBps !== null) {
    // rateBps is what comes off: 1000 = 10 % off = 9折.
    const zhe = ((10_000 - rule.rateBps) / 1000).toString();
    return locale === 'zh-CN' ? `${rule.thresholdFen > 0 ? `满${yuanOf(rule.thresholdFen)}元` : ''}打${zhe}折` : `${rule.rateBps / 100}% off${rule.thresholdFen > 0 ? ` over ¥${yuanOf(rule.thresholdFen)}` : ''}`;
  }
  const reduction = yuanOf(rule.reductionFen ?? 0);
  if (rule.kind === 'full_reduction') return locale === 'zh-CN' ? `满${yuanOf(rule.thresholdFen)}减${reduction}` : `¥${reduction} off orders over ¥${yuanOf(rule.thresholdFen)}`;
  return locale === 'zh-CN' ? `无门槛减${reduction}元` : `¥${reduction} off, no minimum`;
}

/** Claimable coupons of the owner's merchant (or the platform's): one that fits the products, else a store-wide one. */
export function createAssistantCouponOffers(promotion: PromotionService, clock: Clock): CouponOffers {
  return {
    async claimable(organizationId, productIds, locale) {
      const ctx: RequestContext = { requestId: 'assistant', locale, clock, actor: null };
      const templates = await promotion.coupons.listClaimable(ctx, organizationId);
      const fits = templates.find((template) => template.productIds.length > 0 && template.productIds.some((id) => productIds.includes(id)));
      const chosen = fits ?? templates.find((template) => template.productIds.length === 0);
      return chosen ? { name: chosen.name, summary: couponSummary(chosen.rule, locale), productIds: chosen.productIds } : null;
    },
  };
}
