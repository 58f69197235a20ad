import type { RequestContext, Result } from '@linkmall/kernel';

/** A featured product as a visitor sees it: the storefront's title, image and price. */
export interface FeaturedProduct {
  readonly productId: string;
  readonly title: string;
  readonly imageUrl: string | null;
  readonly priceFen: bigint;
}

/**
 * Products a card may feature: what the owner's merchant sells in its storefront, or the platform's
 * catalog for platform staff (merchantId null). Implemented by a flow over catalog and storefront.
 */
export interface CardProducts {
  /** The products among these that are on sale there now, keyed by id; the rest are absent. */
  onSale(merchantId: string | null, productIds: readonly string[]): Promise<Map<string, FeaturedProduct>>;
}

/** A contact as the CRM takes it (its contacts.upsert), for vCard import. */
export interface ContactInput {
  readonly ownerUserId: string;
  readonly source: 'vcard';
  readonly name?: string;
  readonly title?: string;
  readonly company?: string;
  readonly phones?: string[];
  readonly emails?: string[];
  readonly address?: string;
  readonly website?: string;
  readonly note?: string;
}

/** The owner's contacts (the CRM module's contacts.upsert, wired in the composition root). */
export interface CardContacts {
  upsert(ctx: RequestContext, input: ContactInput): Promise<Result<{ leadId: string; created: boolean }, string>>;
}
