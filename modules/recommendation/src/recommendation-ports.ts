import type { Db } from '@linkmall/db';
import type { PurchaseFact, Region } from './domain/interaction-model.ts';

/**
 * What the recommender needs from other modules, as small ports the composition root wires: paid
 * orders (order), card product clicks (radar), and what a viewer may buy now (catalog + storefront).
 * Reads that feed the model take the caller's `db`, so a subscriber reads inside its delivery
 * transaction (the embedded database has one connection).
 */

export interface PurchaseSource {
  /** These orders where paid, as facts (person = the buyer's user id). */
  ofOrders(db: Db, orderIds: readonly string[]): Promise<PurchaseFact[]>;
  /** Paid orders after an order id, in id order: replaying every purchase from the first. */
  after(db: Db, afterOrderId: string | null, limit: number): Promise<PurchaseFact[]>;
}

/** A consented card visitor's act on a product (radar's per-person rows). */
export interface CardInterest {
  readonly id: bigint;
  readonly visitorId: string;
  readonly userId: string | null;
  readonly productId: string;
  readonly occurredAt: Date;
  readonly receivedAt: Date;
}

export interface CardBehaviourSource {
  after(db: Db, afterId: bigint, limit: number): Promise<CardInterest[]>;
}

/** Where the viewer shops: the platform's catalog, or one merchant's storefront (its products, its prices). */
export interface ShopScope {
  readonly merchantId: string | null;
}

/** A product as a recommendation shows it, priced for the scope. */
export interface ShowableProduct {
  readonly productId: string;
  readonly title: string;
  readonly subtitle: string;
  readonly category: string;
  readonly imageUrl: string | null;
  readonly retailPriceFen: bigint;
  /** 爆品专享: listed for everyone, sold only to members whose level grants hot-product access. */
  readonly hotProduct: boolean;
}

export interface ProductShelf {
  /** Of these products, the ones the viewer may buy now in the scope: listed, on sale, in stock. */
  showable(scope: ShopScope, productIds: readonly string[]): Promise<Map<string, ShowableProduct>>;
  /** More products the viewer may buy in the scope (newest first), to fill a short list. */
  more(scope: ShopScope, limit: number): Promise<ShowableProduct[]>;
}

/** The region of a pickup store (a member's order, or an anonymous visitor's chosen store). */
export type StoreRegions = (storeId: string) => Promise<Region | null>;

/**
 * The catalog category (a leaf id) of these products, where known: category affinity lifts the
 * popular products of the categories a person buys. Products missing from the answer count as unknown.
 */
export type ProductCategories = (productIds: readonly string[]) => Promise<Map<string, string>>;
