import type { RequestContext, Result } from '@linkmall/kernel';
import type { VisitorBehaviour } from './domain/behaviour.ts';

/** The radar's behaviour read (platform.radar.behaviour): visitors of one owner's cards. */
export type BehaviourReader = (ownerUserId: string, visitorIds: readonly string[]) => Promise<Map<string, VisitorBehaviour>>;
export const noBehaviour: BehaviourReader = async () => new Map();

/** One paid order of a shop user: what it cost (after refunds) and which products it held. */
export interface PurchaseRecord {
  readonly orderId: string;
  readonly paidAt: Date;
  readonly amountFen: bigint;
  readonly productIds: readonly string[];
}

/** Paid orders of users, from the order module. */
export interface PurchaseHistory {
  purchasesOf(userIds: readonly string[]): Promise<Map<string, PurchaseRecord[]>>;
}
export const noPurchases: PurchaseHistory = { purchasesOf: async () => new Map() };

/** Product titles (and subtitles, for interest keywords), from the catalog. */
export type ProductTitles = (productIds: readonly string[]) => Promise<Map<string, { title: string; subtitle: string }>>;
export const noProductTitles: ProductTitles = async () => new Map();

/** Which organisation a user belongs to; null when the user does not exist (identity). */
export type UserDirectory = (userId: string) => Promise<{ organizationId: string | null } | null>;

/** Grants a coupon of a template to a shop user (promotion); the default grants nothing. */
export interface CouponIssuer {
  issue(ctx: RequestContext, input: { userId: string; couponTemplateId: string }): Promise<Result<{ couponId: string }, string>>;
}
export const noCouponIssuer: CouponIssuer = { issue: async () => ({ ok: false, code: 'coupon_issuer_unavailable' }) };

export interface OwnerNotification {
  readonly kind: string;
  readonly title: { readonly 'zh-CN': string; readonly en: string };
  readonly body: { readonly 'zh-CN': string; readonly en: string };
  readonly link: string | null;
}

/** Tells a card owner something now (radar.notify: live stream + WeChat subscribe message). */
export interface OwnerNotifier {
  notify(ownerUserId: string, notification: OwnerNotification): Promise<void>;
}
