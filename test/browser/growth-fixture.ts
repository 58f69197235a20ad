import { expect } from 'vitest';
import { newId, systemClock, systemContext, type RequestContext } from '@linkmall/kernel';
import { inTransaction } from '@linkmall/db';
import { createDistributionService } from '@linkmall/distribution';
import { commissionLedgerSink, growthDistributionFacts, growthLedgerMoney } from '@linkmall/flows';
import { createGrowthModule, growthSubscribers } from '@linkmall/growth';
import type { BrowserSuite } from './browser-harness.ts';

/**
 * 林小雨 (13500000001) buys the gift package and then invites one person per purchase in
 * `inviteePurchases` (the package, or ¥ goods), each paid through the same path as a real payment:
 * the 链动 engine sees order.paid first, then the growth subscribers; the reward queue runs last.
 */
export async function linInvitesBuyers(started: BrowserSuite, inviteePurchases: readonly ('package' | number)[]): Promise<void> {
  const db = started.platform.database.db;
  const ctx = systemContext(systemClock);
  const asUser = (userId: string): RequestContext => ({ ...ctx, actor: { userId, sessionId: 'ses', displayName: userId, organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set(), scope: { kind: 'self', userId } } });
  const distribution = createDistributionService(db, { writeMoney: commissionLedgerSink });
  const growth = createGrowthModule({ db, money: growthLedgerMoney, distribution: growthDistributionFacts(db, distribution) });
  const [points, invites] = growthSubscribers(growth);
  const packageId = ((await started.platform.database.executeSql('select product_id from distribution_package_products limit 1')).rows[0] as { product_id: string }).product_id;
  const lin = (await started.call('GET', '/shop/me', { token: await started.login('13500000001', 'shop') })).body.id as string;
  const pay = async (buyerUserId: string, payableFen: number, productId: string) => {
    const orderId = newId('ord');
    await distribution.commerce.orderPaid(db, ctx, { orderId, buyerUserId, payableFen: BigInt(payableFen), productIds: [productId], paidAt: new Date() });
    const event = { id: newId('evt'), type: 'order.paid', aggregateId: orderId, payload: { orderId, buyerUserId, payableFen, lines: [{ productId }] }, occurredAt: new Date(), requestId: null, position: 1n, attempt: 1 };
    await inTransaction(db, async (tx) => {
      await points!.handle(tx, event, ctx);
      await invites!.handle(tx, event, ctx);
    });
  };
  await pay(lin, 39_900, packageId);
  const code = (await distribution.members.inviteCode(lin))!;
  for (const purchase of inviteePurchases) {
    const invitee = newId('usr');
    expect((await distribution.members.bind(asUser(invitee), code)).ok).toBe(true);
    await pay(invitee, purchase === 'package' ? 39_900 : purchase, purchase === 'package' ? packageId : newId('prd'));
  }
  await growth.rewards.workQueue(ctx);
}
