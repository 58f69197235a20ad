import type { CatalogService } from '@linkmall/catalog';
import { createCrmModule, type BehaviourReader, type CouponIssuer, type OwnerNotifier } from '@linkmall/crm';
import type { Db } from '@linkmall/db';
import type { UserService } from '@linkmall/identity';
import { err, ok, type Clock, type PiiCipher } from '@linkmall/kernel';
import type { OrderService } from '@linkmall/order';
import type { PromotionService } from '@linkmall/promotion';
import type { RadarModule } from '@linkmall/radar';

/** What tests may put in place of the wired ports. */
export interface CrmPlatformOptions {
  readonly notifier?: OwnerNotifier;
  readonly coupons?: CouponIssuer;
  readonly behaviour?: BehaviourReader;
}

export interface CrmWiring {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly clock: Clock;
  readonly catalog: CatalogService;
  readonly orders: OrderService;
  readonly promotion: PromotionService;
  readonly users: UserService;
  readonly radar: RadarModule;
}

/**
 * A churn-warning coupon is claimed on the lead's behalf: the promotion module's own claim, with its
 * per-user limit and stock checks, run as that shop user (an actor with no permissions of its own).
 */
function couponsThroughPromotion(promotion: PromotionService): CouponIssuer {
  return {
    async issue(ctx, { userId, couponTemplateId }) {
      const actor = { userId, sessionId: 'crm-automation', displayName: 'crm-automation', organizationId: null, organizationKind: null, roles: [], permissions: new Set<string>(), scope: { kind: 'self' as const, userId } };
      const claimed = await promotion.coupons.claim({ ...ctx, actor }, couponTemplateId);
      return claimed.ok ? ok({ couponId: claimed.value.id }) : err(claimed.code);
    },
  };
}

/** The CRM over its ports: radar behaviour and notifications, paid orders, catalog titles, promotion coupons. */
export function wireCrm(wiring: CrmWiring, options: CrmPlatformOptions = {}) {
  return createCrmModule({
    db: wiring.db,
    pii: wiring.pii,
    clock: wiring.clock,
    users: (userId) => wiring.users.organizationOfUser(userId),
    behaviour: options.behaviour ?? wiring.radar.behaviour,
    purchases: { purchasesOf: (userIds) => wiring.orders.paidPurchases(userIds) },
    titles: async (productIds) => new Map([...(await wiring.catalog.shop.byIds(productIds))].map(([id, item]) => [id, { title: item.title, subtitle: item.subtitle }])),
    coupons: options.coupons ?? couponsThroughPromotion(wiring.promotion),
    notifier: options.notifier ?? {
      async notify(ownerUserId, notification) {
        await wiring.radar.notify(ownerUserId, notification);
      },
    },
  });
}
