import { expect } from 'vitest';
import { fixedClock, newId, systemContext, type RequestContext } from '@linkmall/kernel';
import { inTransaction } from '@linkmall/db';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createDistributionService, type DistributionService, type ProfileInput } from '@linkmall/distribution';
import { commissionLedgerSink, growthDistributionFacts, growthLedgerMoney } from '@linkmall/flows';
import { createGrowthModule, growthSubscribers, type CampaignInput, type CouponGrants, type GrowthModule } from '@linkmall/growth';
import { memberBalances } from '@linkmall/ledger';

/**
 * A growth world over real PostgreSQL: the 链动2+1 engine with its ledger sink, the growth module on
 * the same flows ports as the platform, and helpers that walk an invitee's purchase through both
 * the way the outbox does (the commission flow first, then the growth subscriber and job).
 */
export const PACKAGE = 'prd_growthpackage0000000000000';

export interface GrowthWorld {
  readonly database: TestDatabase;
  readonly distribution: DistributionService;
  readonly growth: GrowthModule;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly ctx: RequestContext;
  readonly coupons: { memberId: string; couponTemplateId: string }[];
  activate(profile: ProfileInput): Promise<void>;
  /** A boss (bought the package with no referrer), who can invite. */
  inviter(): Promise<string>;
  /** A consumer bound to the inviter's invite code (a sign-up, no purchase yet). */
  invitee(inviterId: string): Promise<string>;
  /** The invitee pays an order: the engine processes it, then the growth subscriber queues it. Returns the order id and event id. */
  pay(buyerId: string, amountFen: bigint, options?: { package?: boolean; queueOnly?: boolean }): Promise<{ orderId: string; eventId: string }>;
  refund(orderId: string, refundFen: bigint): Promise<void>;
  complete(orderId: string): Promise<void>;
  /** Works off the growth queue (what the growth.rewards job does first). */
  work(): Promise<{ processed: number; waiting: number }>;
  campaign(input: Partial<CampaignInput>): Promise<string>;
  pendingFen(memberId: string): Promise<bigint>;
  availableFen(memberId: string): Promise<bigint>;
  close(): Promise<void>;
}

export async function growthWorld(options: { poolSize?: number } = {}): Promise<GrowthWorld> {
  const database = await createTestDatabase({ poolSize: options.poolSize ?? 5 });
  const db = database.db;
  const clock = fixedClock(new Date('2026-12-10T10:00:00+08:00'));
  const ctx = systemContext(clock);
  const asUser = (userId: string): RequestContext => ({ ...ctx, actor: { userId, sessionId: 'ses', displayName: userId, organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set(), scope: { kind: 'self', userId } } });
  const distribution = createDistributionService(db, { writeMoney: commissionLedgerSink });
  const issued: { memberId: string; couponTemplateId: string }[] = [];
  const coupons: CouponGrants = { issue: async (_ctx, grant) => (issued.push(grant), { ok: true, value: { couponId: newId('cpn') } }) };
  const growth = createGrowthModule({ db, money: growthLedgerMoney, distribution: growthDistributionFacts(db, distribution), coupons });
  const invites = growthSubscribers(growth).find((subscriber) => subscriber.name === 'growth.invites')!;
  await db.insertInto('distribution_package_products' as never).values({ product_id: PACKAGE, created_by: null, created_at: new Date() } as never).execute();

  const queue = (type: string, eventId: string, payload: object) =>
    inTransaction(db, (tx) => invites.handle(tx, { id: eventId, type, aggregateId: null, payload, occurredAt: clock.now(), requestId: null, position: 1n, attempt: 1 }, ctx));

  const world: GrowthWorld = {
    database,
    distribution,
    growth,
    clock,
    ctx,
    coupons: issued,
    async activate(profile) {
      const draft = await distribution.profiles.createDraft(ctx, profile);
      if (!draft.ok) throw new Error(`${draft.code} ${JSON.stringify(draft.details)}`);
      const activated = await distribution.profiles.activate(ctx, draft.value.id);
      expect(activated.ok, JSON.stringify(activated)).toBe(true);
    },
    async inviter() {
      const id = newId('usr');
      expect(await distribution.commerce.orderPaid(db, ctx, { orderId: newId('ord'), buyerUserId: id, payableFen: 39_900n, productIds: [PACKAGE], paidAt: clock.now() })).toBe('package');
      return id;
    },
    async invitee(inviterId) {
      const id = newId('usr');
      const code = await distribution.members.inviteCode(inviterId);
      const bound = await distribution.members.bind(asUser(id), code!);
      expect(bound.ok, JSON.stringify(bound)).toBe(true);
      return id;
    },
    async pay(buyerId, amountFen, payOptions = {}) {
      const orderId = newId('ord');
      const eventId = newId('evt');
      if (!payOptions.queueOnly) await distribution.commerce.orderPaid(db, ctx, { orderId, buyerUserId: buyerId, payableFen: amountFen, productIds: [payOptions.package ? PACKAGE : 'prd_goods00000000000000000000'], paidAt: clock.now() });
      await queue('order.paid', eventId, { orderId, buyerUserId: buyerId, payableFen: Number(amountFen), lines: [] });
      return { orderId, eventId };
    },
    async refund(orderId, refundFen) {
      const caseId = newId('asc');
      await distribution.commerce.orderRefunded(db, ctx, { orderId, refundId: caseId, refundFen, at: clock.now() });
      await queue('order.refunded', newId('evt'), { orderId, caseId, refundFen: Number(refundFen) });
    },
    async complete(orderId) {
      await queue('order.completed', newId('evt'), { orderId, subOrderId: 'sub_1' });
    },
    async work() {
      return growth.rewards.workQueue(ctx);
    },
    async campaign(input) {
      const created = await growth.campaigns.create(ctx, {
        nameZh: '邀请有礼',
        nameEn: 'Invite and earn',
        startsAt: new Date('2026-12-01T00:00:00+08:00'),
        endsAt: new Date('2027-01-01T00:00:00+08:00'),
        budgetUnit: 'fen',
        budgetTotal: 10_000_000n,
        minOrderFen: 100n,
        ladder: [],
        tiers: [],
        ...input,
      });
      if (!created.ok) throw new Error(`${created.code} ${JSON.stringify(created.details)}`);
      const active = await growth.campaigns.act(ctx, created.value.id, 'activate');
      expect(active.ok).toBe(true);
      return created.value.id;
    },
    async pendingFen(memberId) {
      const balances = await memberBalances(db, memberId);
      return balances.ok ? balances.value.pendingFen : 0n;
    },
    async availableFen(memberId) {
      const balances = await memberBalances(db, memberId);
      return balances.ok ? balances.value.availableFen : 0n;
    },
    close: () => database.destroy(),
  };
  return world;
}
