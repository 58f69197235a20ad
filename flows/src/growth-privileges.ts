import type { Db } from '@linkmall/db';
import type { GrowthModule } from '@linkmall/growth';
import type { PriorityShippingPolicy } from '@linkmall/order';

type Levels = GrowthModule['levels'];

/** What checkout needs to know before it sells a hot product (爆品专享) to a buyer. */
export type HotProductVerdict =
  | { readonly granted: true }
  /** The lowest level that grants access, for the refusal; null names when no level grants it yet. */
  | { readonly granted: false; readonly levelNameZh: string | null; readonly levelNameEn: string | null };

export interface HotProductAccess {
  /** Read in the checkout's transaction (`tx`), so the embedded database's one connection is not waited on. */
  check(tx: Db, buyerUserId: string): Promise<HotProductVerdict>;
}

/**
 * 优先发货 from growth levels: the buyer's level as it stands when the order is paid. The order module
 * calls this once, inside the payment's transaction, right after the guarded unpaid → paid update, so
 * a duplicate or concurrent notification never decides again, and the level is read before this
 * order's own points are credited (growth.points credits them later, on the delivered `order.paid`).
 */
export function growthPriorityShipping(levels: Levels): PriorityShippingPolicy {
  return async (tx, buyerUserId) => {
    const member = await levels.memberLevel(buyerUserId, tx);
    if (!member.level || !member.privileges.priorityShipping) return null;
    return {
      kind: 'member_level',
      levelId: member.level.id,
      levelNameZh: member.level.nameZh,
      levelNameEn: member.level.nameEn,
      points: member.points,
      qualifiedInvites: member.qualifiedInvites,
    };
  };
}

/** 爆品专享 from growth levels: granted when the buyer's current level grants hot-product access. */
export function growthHotProductAccess(levels: Levels): HotProductAccess {
  return {
    async check(tx, buyerUserId) {
      if ((await levels.privilegesOf(buyerUserId, tx)).hotProductAccess) return { granted: true };
      const lowest = await levels.lowestWithHotProductAccess(tx);
      return { granted: false, levelNameZh: lowest?.nameZh ?? null, levelNameEn: lowest?.nameEn ?? null };
    },
  };
}

/** Without growth wired, nobody holds the privilege: hot products stay reserved rather than open to all. */
export const noHotProductAccess: HotProductAccess = {
  async check() {
    return { granted: false, levelNameZh: null, levelNameEn: null };
  },
};
