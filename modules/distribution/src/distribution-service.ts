import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { businessDay, dayPeriod, monthPeriod } from './domain/calendar.ts';
import { activateProfile, complianceReport, type ComplianceReport } from './domain/compliance.ts';
import type { EventOutcome } from './domain/engine.ts';
import type { DistributionEvent } from './domain/engine-events.ts';
import type { MemberState } from './domain/model.ts';
import { DEFAULT_PROFILE, parseProfile, profileToJson, profileVersion, type Profile, type ProfileIssue } from './domain/profile.ts';
import { runEngineEvent, type DeltaSink } from './distribution-engine-service.ts';
import type { DistributionErrorCode } from './distribution-errors.ts';
import { distributionReads as reads, type LineFilter, type ProfileRow } from './distribution-reads.ts';
import { distributionStore as store } from './distribution-store.ts';

export interface DistributionServiceOptions {
  /** The ledger side of every delta (flows/commission-ledger.ts). */
  readonly writeMoney: DeltaSink;
  /** Lines posted per settle transaction (default 200). */
  readonly settleBatch?: number;
}

export interface ActiveProfile {
  readonly rowId: string;
  readonly profile: Profile;
  readonly version: string;
}

export interface ProfileView {
  id: string;
  profileKey: string;
  version: string;
  name: string;
  status: 'draft' | 'active' | 'retired';
  definition: Record<string, unknown>;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface CommerceOrderPaid {
  readonly orderId: string;
  readonly buyerUserId: string;
  readonly payableFen: bigint;
  readonly productIds: readonly string[];
  readonly paidAt: Date;
}

export type PaidOrderOutcome = 'package' | 'repurchase' | 'not_distribution' | 'no_active_profile' | 'duplicate' | `rejected:${string}`;

/** Rows one team-facts read returns at most (detection runs over a day or so of facts). */
const TEAM_FACTS_LIMIT = 50_000;

const toProfileView = (row: ProfileRow): ProfileView => ({
  id: row.id,
  profileKey: row.profile_key,
  version: row.version,
  name: row.name,
  status: row.status,
  definition: row.definition,
  createdAt: row.created_at.toISOString(),
  activatedAt: row.activated_at?.toISOString() ?? null,
  retiredAt: row.retired_at?.toISOString() ?? null,
});

/**
 * The database-backed 链动2+1 service: versioned profiles, the engine run against the tables (one
 * transaction per event, idempotent per order and event, serialised per referrer and team boss),
 * referrer binding by invite code, and the reads of the console and the distribution centre.
 */
export function createDistributionService(db: Db, options: DistributionServiceOptions) {
  const settleBatch = options.settleBatch ?? 200;
  const run = (tx: Db, ctx: RequestContext, event: DistributionEvent, active: ActiveProfile): Promise<EventOutcome> =>
    runEngineEvent(tx, ctx, event, active.profile, active.version, { settleBasis: 'after_sales_closed', settleBatch, publishEffects: true, writeMoney: options.writeMoney });

  async function activeProfile(tx: Db = db): Promise<ActiveProfile | null> {
    return toActiveProfile(await reads.activeProfile(tx));
  }

  function toActiveProfile(row: { id: string; definition: unknown; version: string } | null): ActiveProfile | null {
    if (!row) return null;
    const parsed = parseProfile(row.definition);
    if (!parsed.ok) throw new Error(`the active distribution profile ${row.id} no longer parses`);
    return { rowId: row.id, profile: parsed.value, version: row.version };
  }

  /** Binding and registration do not depend on the money rules; before any activation they use the default. */
  async function structuralProfile(): Promise<ActiveProfile> {
    return (await activeProfile()) ?? { rowId: 'default', profile: DEFAULT_PROFILE, version: profileVersion(DEFAULT_PROFILE) };
  }

  const profiles = {
    active: () => activeProfile(),
    async list(page: PageRequest): Promise<{ items: ProfileView[]; total: number }> {
      const { items, total } = await reads.profiles(db, page);
      return { items: items.map(toProfileView), total };
    },
    async get(id: string): Promise<Result<ProfileView & { compliance: ComplianceReport }, DistributionErrorCode>> {
      const row = await reads.profile(db, id);
      if (!row) return err('profile_not_found');
      const parsed = parseProfile(row.definition);
      if (!parsed.ok) return err('invalid_profile', parsed.details);
      return ok({ ...toProfileView(row), compliance: complianceReport(parsed.value) });
    },
    /** A new draft version of a profile key (the next integer); validated, never active yet. Audited. */
    async createDraft(ctx: RequestContext, definition: unknown): Promise<Result<ProfileView, DistributionErrorCode>> {
      const parsed = parseProfile(definition);
      if (!parsed.ok) return err('invalid_profile', { issues: parsed.details?.issues as ProfileIssue[] });
      return inTransaction(db, async (tx) => {
        const key = parsed.value.id;
        await store.lockKeys(tx, [`profile:${key}`]);
        const version = String((await reads.maxProfileVersion(tx, key)) + 1);
        const json = profileToJson({ ...parsed.value, version });
        const now = ctx.clock.now();
        const row = await reads.insertProfile(tx, { id: newId('dpf', now.getTime()), profile_key: key, version, name: parsed.value.name ?? '', definition: JSON.stringify(json), status: 'draft', created_by: ctx.actor?.userId ?? null, created_at: now });
        await recordAudit(tx, ctx, { action: 'distribution.profile_created', entityType: 'distribution_profile', entityId: row.id, organizationId: null, before: null, after: { profileKey: key, version } });
        return ok(toProfileView(row));
      });
    },
    /** The compliance report of any definition, stored or not (the console shows it before activating). */
    validate(definition: unknown): Result<ComplianceReport, DistributionErrorCode> {
      const parsed = parseProfile(definition);
      if (!parsed.ok) return err('invalid_profile', { issues: parsed.details?.issues as ProfileIssue[] });
      return ok(complianceReport(parsed.value));
    },
    /**
     * Activates a draft and retires the active one, in one transaction. A profile that violates its
     * own caps is refused (the refusal is audited too, so attempts are visible).
     */
    async activate(ctx: RequestContext, id: string): Promise<Result<ProfileView, DistributionErrorCode>> {
      return inTransaction(db, async (tx) => {
        await store.lockKeys(tx, ['profile:activation']);
        const row = await reads.profile(tx, id);
        if (!row) return err('profile_not_found');
        if (row.status !== 'draft') return err('profile_not_draft', { status: row.status });
        const parsed = parseProfile(row.definition);
        if (!parsed.ok) return err('invalid_profile', parsed.details);
        const activated = activateProfile(parsed.value);
        if (!activated.ok) {
          await recordAudit(tx, ctx, { action: 'distribution.profile_activation_refused', entityType: 'distribution_profile', entityId: id, organizationId: null, before: { status: 'draft' }, after: { violations: complianceReport(parsed.value).violations.map((finding) => finding.code) } });
          return err('profile_not_compliant', { violations: complianceReport(parsed.value).violations });
        }
        const now = ctx.clock.now();
        const previous = await reads.activeProfile(tx);
        if (previous) await reads.setProfileStatus(tx, previous.id, 'retired', now);
        const updated = await reads.setProfileStatus(tx, id, 'active', now);
        await recordAudit(tx, ctx, { action: 'distribution.profile_activated', entityType: 'distribution_profile', entityId: id, organizationId: null, before: { status: 'draft', previousActive: previous?.id ?? null }, after: { status: 'active', version: row.version } });
        await publishEvent(tx, ctx, { type: 'distribution.profile_activated', aggregateId: id, payload: { profileId: id, profileKey: row.profile_key, version: row.version } });
        return ok(toProfileView(updated));
      });
    },
  };

  const commerce = {
    /**
     * `order.paid`: a package order (it holds a package product) is PACKAGE_PAID; any other order of
     * an agent or boss is a repurchase (GOODS_PAID); anything else is not the engine's business.
     * Idempotent on the order: a redelivery finds the processed key and changes nothing.
     */
    async orderPaid(tx: Db, ctx: RequestContext, order: CommerceOrderPaid): Promise<PaidOrderOutcome> {
      const key = `order.paid:${order.orderId}`;
      const facts = await store.paidOrderFacts(tx, key, order.productIds);
      if (facts.processed) return 'duplicate';
      const active = toActiveProfile(facts.activeProfile);
      if (!active) return 'no_active_profile';
      const isPackage = facts.packageProductIds.size > 0;
      let event: DistributionEvent;
      if (isPackage) {
        event = { type: 'PACKAGE_PAID', orderId: order.orderId, userId: order.buyerUserId, referrerId: null, amountFen: order.payableFen, atMs: order.paidAt.getTime() };
      } else {
        const [buyer] = await store.members(tx, [order.buyerUserId]);
        if (!buyer || buyer.role === 'MEMBER') return 'not_distribution';
        event = { type: 'GOODS_PAID', orderId: order.orderId, userId: order.buyerUserId, amountFen: order.payableFen, atMs: order.paidAt.getTime() };
      }
      const outcome = await run(tx, ctx, event, active);
      const result: PaidOrderOutcome = outcome.accepted ? (isPackage ? 'package' : 'repurchase') : `rejected:${outcome.code}`;
      if (!(await store.markProcessed(tx, { key, type: 'order.paid', orderId: order.orderId, outcome: result }, ctx.clock.now()))) throw new Error(`order.paid ${order.orderId} processed twice concurrently`);
      return result;
    },

    /** `order.refunded` (one after-sales case): reverses or claws back that share of the order's rewards. */
    async orderRefunded(tx: Db, ctx: RequestContext, refund: { orderId: string; refundId: string; refundFen: bigint; at: Date }): Promise<'applied' | 'duplicate' | 'not_distribution' | 'no_active_profile'> {
      const key = `order.refunded:${refund.orderId}:${refund.refundId}`;
      if (await store.isProcessed(tx, key)) return 'duplicate';
      const [known] = await store.orders(tx, [refund.orderId]);
      if (!known) return 'not_distribution';
      const active = await activeProfile(tx);
      if (!active) return 'no_active_profile';
      const outcome = await run(tx, ctx, { type: 'ORDER_REFUNDED', orderId: refund.orderId, amountFen: refund.refundFen, refundId: refund.refundId, atMs: refund.at.getTime() }, active);
      await store.markProcessed(tx, { key, type: 'order.refunded', orderId: refund.orderId, outcome: outcome.accepted ? 'applied' : outcome.code }, ctx.clock.now());
      return 'applied';
    },

    /** `order.completed`: the after-sales window closed; the freeze days start counting from today. */
    async orderCompleted(tx: Db, ctx: RequestContext, completed: { orderId: string; subOrderId: string; at: Date }): Promise<boolean> {
      const key = `order.completed:${completed.orderId}:${completed.subOrderId}`;
      if (!(await store.markProcessed(tx, { key, type: 'order.completed', orderId: completed.orderId, outcome: 'freeze_started' }, ctx.clock.now()))) return false;
      return store.startFreeze(tx, completed.orderId, businessDay(completed.at.getTime()));
    },

    /** The settle job: posts lines whose freeze has passed, one batch per transaction; returns lines posted. */
    async settleDue(ctx: RequestContext): Promise<number> {
      const active = await activeProfile();
      if (!active) return 0;
      let posted = 0;
      for (;;) {
        const outcome = await run(db, ctx, { type: 'SETTLE', atMs: ctx.clock.now().getTime() }, active);
        posted += outcome.delta.lineChanges.length;
        if (outcome.delta.lineChanges.length < settleBatch) return posted;
      }
    },
  };

  const members = {
    async get(memberId: string): Promise<MemberState | null> {
      return (await store.members(db, [memberId]))[0] ?? null;
    },
    /**
     * 锁粉: binds the caller's referrer from an invite code. The first valid binding wins; no
     * self-referral, no cycle, no rebinding (the engine's BIND_REFERRER rules).
     */
    async bind(ctx: RequestContext, inviteCode: string): Promise<Result<{ referrerId: string; duplicate: boolean }, DistributionErrorCode>> {
      const userId = ctx.actor!.userId;
      const referrer = await store.memberByInviteCode(db, inviteCode.trim().toUpperCase());
      if (!referrer) return err('invite_code_not_found');
      const active = await structuralProfile();
      const outcome = await inTransaction(db, (tx) => run(tx, ctx, { type: 'BIND_REFERRER', userId, referrerId: referrer.id, atMs: ctx.clock.now().getTime() }, active));
      if (!outcome.accepted) return err(outcome.code as DistributionErrorCode, outcome.details);
      return ok({ referrerId: referrer.id, duplicate: outcome.duplicate });
    },
    /** Registers the caller (as a plain member) so that they have an invite code to share. */
    async ensure(ctx: RequestContext, userId: string): Promise<MemberState> {
      const existing = await members.get(userId);
      if (existing) return existing;
      await run(db, ctx, { type: 'MEMBER_REGISTERED', userId, atMs: ctx.clock.now().getTime() }, await structuralProfile());
      return (await members.get(userId)) ?? { id: userId, role: 'MEMBER', referrerId: null, teamBossId: null, peerUplineId: null, leftTeamBossId: null, contributionSlots: [], packageOrderId: null, upgradeOrderId: null, activeReferralCount: 0, flags: [] };
    },
    inviteCode: (memberId: string) => store.inviteCodeOf(db, memberId),
    referralChildren: (memberId: string, page: PageRequest) => reads.children(db, 'referrer_id', memberId, page),
    teamMembers: (memberId: string, page: PageRequest) => reads.children(db, 'team_boss_id', memberId, page),
    /** Bosses who broke away from this member's team (their 平级上级 is this member). */
    brokeAway: (memberId: string, page: PageRequest) => reads.children(db, 'peer_upline_id', memberId, page),
    counts: (memberId: string) => reads.childCounts(db, memberId),
    byIds: (ids: readonly string[]) => store.members(db, ids),
    reviewFlags: (memberId: string) => reads.reviewFlags(db, memberId),
  };

  const packages = {
    async mark(ctx: RequestContext, productId: string, isPackage: boolean): Promise<{ productId: string; isPackage: boolean }> {
      return inTransaction(db, async (tx) => {
        const before = await reads.isPackage(tx, productId);
        if (before !== isPackage) {
          await reads.setPackage(tx, productId, isPackage, ctx.actor?.userId ?? null, ctx.clock.now());
          await recordAudit(tx, ctx, { action: isPackage ? 'distribution.package_marked' : 'distribution.package_unmarked', entityType: 'product', entityId: productId, organizationId: null, before: { isPackage: before }, after: { isPackage } });
        }
        return { productId, isPackage };
      });
    },
    list: () => reads.packageProducts(db),
    isPackage: (productId: string) => reads.isPackage(db, productId),
  };

  const rewards = {
    lines: (filter: LineFilter, page: PageRequest) => reads.lines(db, filter, page),
    /** Every line matching the filter, for the CSV export (bounded by the caller). */
    linesForExport: (filter: LineFilter, limit: number) => reads.lines(db, filter, { page: 1, pageSize: limit }),
    totalsOf: (memberId: string) => reads.lineTotals(db, memberId),
    cappedOf: (memberId: string) => reads.capped(db, memberId),
  };

  /** Read-only team facts for team health (the payouts module's TeamFacts port, wired by the composition root). */
  const teamFacts = {
    bindingsSince: (since: Date) => reads.bindingsSince(db, since, TEAM_FACTS_LIMIT),
    upgradesSince: (since: Date) => reads.upgradesSince(db, since, TEAM_FACTS_LIMIT),
    uplines: (memberIds: readonly string[], depth: number) => reads.uplines(db, memberIds, depth),
  };

  /**
   * The daily and monthly income caps bind every payer of cash, not only the engine: a growth campaign
   * reads a payee's income under the engine's own lock on that payee (so neither can spend the same
   * remaining cap) and adds what it pays, in the caller's transaction, where the engine will see it.
   */
  const income = {
    async lockedFor(tx: Db, payeeId: string, atMs: number): Promise<{ dayFen: bigint; monthFen: bigint }> {
      await store.lockKeys(tx, [payeeId]);
      const day = dayPeriod(atMs);
      const month = monthPeriod(atMs);
      const found = await store.income(tx, [{ payeeId, period: day }, { payeeId, period: month }]);
      return { dayFen: found.get(`${payeeId}|${day}`) ?? 0n, monthFen: found.get(`${payeeId}|${month}`) ?? 0n };
    },
    addExternal: (tx: Db, payeeId: string, atMs: number, amountFen: bigint) => store.addIncome(tx, payeeId, [dayPeriod(atMs), monthPeriod(atMs)], amountFen),
  };

  return { profiles, commerce, members, packages, rewards, teamFacts, income, profileVersion };
}
export type DistributionService = ReturnType<typeof createDistributionService>;
