import type { Db } from '@linkmall/db';
import type { DistributionService } from '@linkmall/distribution';
import { growthCouponGrants, growthDistributionFacts, growthLedgerMoney } from '@linkmall/flows';
import { createGrowthModule } from '@linkmall/growth';
import type { PromotionService } from '@linkmall/promotion';

export interface GrowthWiring {
  readonly db: Db;
  readonly distribution: DistributionService;
  readonly promotion: PromotionService;
}

/**
 * Growth campaigns over their ports: referrers, caps and credited lines from the 链动2+1 engine, cash
 * through the ledger's commission path, ladder coupons through the promotion module's claim.
 */
export function wireGrowth(wiring: GrowthWiring) {
  return createGrowthModule({
    db: wiring.db,
    money: growthLedgerMoney,
    distribution: growthDistributionFacts(wiring.db, wiring.distribution),
    coupons: growthCouponGrants(wiring.promotion),
  });
}
