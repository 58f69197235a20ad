import { defineErrors, err, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, pageWindow, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { IdentityModule, PersonalDataRequestRow } from '@linkmall/identity';
import { orderPersonalData } from '@linkmall/order';
import { reviewPersonalData } from '@linkmall/review';
import { growthPersonalData } from '@linkmall/growth';
import { distributionPersonalData } from '@linkmall/distribution';
import { payoutPersonalData } from '@linkmall/payout';
import { radarPersonalData } from '@linkmall/radar';
import { crmPersonalData } from '@linkmall/crm';
import { memberBalances } from '@linkmall/ledger';
import { assistantPersonalData } from '@linkmall/assistant';
import { cardPersonalData } from '@linkmall/card';

/**
 * PIPL rights (个人信息保护法 第四十五条、第四十七条) across modules: a member downloads everything the
 * platform holds about them, and asks for deletion. Deletion is anonymisation: personal fields become
 * tombstones in every module in one transaction, while orders keep their amounts and the ledger is
 * never touched, so its hash chain still verifies. A request waits out a cooling-off period in which
 * the member may cancel it; unfinished business (orders, after-sales, withdrawals, money) refuses it.
 */
export const personalDataErrors = defineErrors({
  deletion_blocked: {
    status: 409,
    'zh-CN': '暂时无法注销：{reason}',
    en: 'The account cannot be deleted yet: {reasonEn}',
  },
  deletion_request_not_found: { status: 404, 'zh-CN': '没有待处理的注销申请', en: 'There is no pending deletion request' },
  deletion_cooling_off: {
    status: 409,
    'zh-CN': '注销申请仍在冷静期内，{dueAt} 之后才能执行',
    en: 'The deletion request is still in its cooling-off period until {dueAt}',
  },
  deletion_already_done: { status: 409, 'zh-CN': '该注销申请已处理或已撤销', en: 'This deletion request was already completed or cancelled' },
});

export interface PersonalDataDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly identity: IdentityModule['personalData'];
  /** How long a deletion request waits before it is executed (default 7 days). */
  readonly coolingOffMs: number;
  /** Display names for the console list. */
  readonly userNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, { displayName: string; phoneMasked: string | null }>>;
}

type Blocker = { code: 'staff_account' | 'open_orders' | 'open_after_sales' | 'pending_withdrawals' | 'unsettled_balance'; count?: number; fen?: string };

const BLOCKER_TEXT: Record<Blocker['code'], { 'zh-CN': string; en: string }> = {
  staff_account: { 'zh-CN': '这是员工账号，请联系所在组织的管理员停用', en: 'this is a staff account; ask your organisation’s administrator to disable it' },
  open_orders: { 'zh-CN': '您还有未完成的订单，请等待订单完成或取消后再申请', en: 'you have unfinished orders; wait until they complete or cancel them' },
  open_after_sales: { 'zh-CN': '您还有处理中的售后申请，请等待处理完成', en: 'you have after-sales requests in progress; wait until they are decided' },
  pending_withdrawals: { 'zh-CN': '您还有处理中的提现，请等待到账或被驳回', en: 'you have withdrawals in progress; wait until they are paid or rejected' },
  unsettled_balance: { 'zh-CN': '您的佣金账户还有未结清的余额，请先提现或等待结算完成', en: 'your commission account still has an unsettled balance; withdraw it or wait for settlement first' },
};

export function createPersonalDataFlow(deps: PersonalDataDeps) {
  const { db, pii, identity } = deps;
  const requests = identity.requests;

  async function blockers(tx: Db, userId: string): Promise<Blocker[]> {
    const found: Blocker[] = [];
    const open = await orderPersonalData.openObligations(tx, userId);
    if (open.openOrders > 0) found.push({ code: 'open_orders', count: open.openOrders });
    if (open.openAfterSales > 0) found.push({ code: 'open_after_sales', count: open.openAfterSales });
    const withdrawals = await payoutPersonalData.pendingWithdrawals(tx, userId);
    if (withdrawals > 0) found.push({ code: 'pending_withdrawals', count: withdrawals });
    // Read in the caller's transaction: embedded PGlite has one connection, so a read beside it would wait for ever.
    const balances = await memberBalances(tx, userId);
    if (balances.ok) {
      const unsettled = balances.value.pendingFen + balances.value.availableFen + balances.value.withdrawingFen + balances.value.clawbackReceivableFen;
      if (unsettled !== 0n) found.push({ code: 'unsettled_balance', fen: unsettled.toString() });
    }
    return found;
  }

  const refusal = (found: Blocker[]) =>
    err('deletion_blocked' as const, {
      reason: found.map((blocker) => BLOCKER_TEXT[blocker.code]['zh-CN']).join('；'),
      reasonEn: found.map((blocker) => BLOCKER_TEXT[blocker.code].en).join('; '),
      blockers: found,
    });

  /** Anonymises the member of a pending request in one transaction; refuses (and notes why) while business is open. */
  async function execute(ctx: RequestContext, requestId: string, by: 'operator' | 'schedule'): Promise<Result<RequestView, keyof typeof personalDataErrors>> {
    return inTransaction(db, async (tx) => {
      const request = await requests.findForUpdate(tx, requestId);
      if (!request) return err('deletion_request_not_found');
      if (request.status !== 'pending') return err('deletion_already_done');
      const now = ctx.clock.now();
      if (request.due_at > now) return err('deletion_cooling_off', { dueAt: request.due_at.toISOString() });
      const found = await blockers(tx, request.user_id);
      if (found.length > 0) {
        await requests.noteRefusal(tx, request.id, now, found.map((blocker) => blocker.code).join(','));
        return refusal(found);
      }
      const userId = request.user_id;
      const radar = await radarPersonalData.anonymise(tx, userId);
      const counts = {
        ...(await identity.anonymise(tx, userId, now)),
        ...(await orderPersonalData.anonymise(tx, userId)),
        ...(await reviewPersonalData.anonymise(tx, userId)),
        ...(await payoutPersonalData.anonymise(tx, pii, userId)),
        ...(await crmPersonalData.anonymise(tx, userId, radar.visitorIds, now)),
        assistantConversations: await assistantPersonalData.erase(tx, radar.visitorIds),
        phoneReveals: await cardPersonalData.anonymise(tx, userId),
        visitors: radar.visitors,
        events: radar.events,
      };
      await requests.complete(tx, request.id, now, by === 'operator' ? (ctx.actor?.userId ?? null) : null);
      await recordAudit(tx, ctx, { action: 'personal_data.anonymised', entityType: 'user', entityId: userId, organizationId: null, before: null, after: { requestId: request.id, by, ...counts } });
      return ok(view({ ...request, status: 'completed', completed_at: now }));
    });
  }

  return {
    /** Everything held about the signed-in member, decrypted for them alone; the download is audited. */
    async exportMine(ctx: RequestContext) {
      const userId = ctx.actor!.userId;
      const account = await identity.exportFor(db, userId);
      const orders = await orderPersonalData.exportFor(db, pii, userId);
      const radar = await radarPersonalData.exportFor(db, pii, userId);
      const balances = await memberBalances(db, userId);
      const visitorIds = radar.visitors.map((visitor) => visitor.visitor_id);
      const data = {
        exportedAt: ctx.clock.now().toISOString(),
        subject: userId,
        account,
        orders: orders.orders,
        afterSales: orders.afterSales,
        reviews: await reviewPersonalData.exportFor(db, userId),
        growth: await growthPersonalData.exportFor(db, userId),
        distribution: await distributionPersonalData.exportFor(db, userId),
        commissionBalances: balances.ok ? { pendingFen: balances.value.pendingFen, availableFen: balances.value.availableFen, withdrawingFen: balances.value.withdrawingFen, paidOutFen: balances.value.paidOutFen } : null,
        payouts: await payoutPersonalData.exportFor(db, pii, userId),
        cardVisits: { visitors: radar.visitors, events: radar.events },
        phoneReveals: await cardPersonalData.exportFor(db, userId, visitorIds),
        assistantConversations: await assistantPersonalData.exportFor(db, visitorIds),
        consents: radar.consents,
        leadsAboutMe: await crmPersonalData.exportFor(db, pii, userId, visitorIds),
        deletionRequests: (await requests.latest(db, userId)) ?? null,
      };
      await recordAudit(db, ctx, {
        action: 'personal_data.exported',
        entityType: 'user',
        entityId: userId,
        organizationId: null,
        before: null,
        after: { orders: data.orders.length, reviews: data.reviews.length, cardEvents: radar.events.length, leads: data.leadsAboutMe.length },
      });
      return data;
    },

    async myDeletionRequest(ctx: RequestContext): Promise<RequestView | null> {
      const row = await requests.latest(db, ctx.actor!.userId);
      return row ? view(row) : null;
    },

    /** Starts the cooling-off period; asking again returns the pending request. Refused while business is open. */
    async requestDeletion(ctx: RequestContext): Promise<Result<RequestView & { created: boolean }, keyof typeof personalDataErrors>> {
      const userId = ctx.actor!.userId;
      return inTransaction(db, async (tx) => {
        const open = await requests.findOpen(tx, userId);
        if (open) return ok({ ...view(open), created: false });
        // Staff accounts belong to their organisation (cards, leads, audit trail): its admin disables them.
        const staff = ctx.actor!.roles.some((role) => role !== 'consumer');
        const found = [...(staff ? [{ code: 'staff_account' as const }] : []), ...(await blockers(tx, userId))];
        if (found.length > 0) return refusal(found);
        const now = ctx.clock.now();
        const row = await requests.insert(tx, { userId, now, dueAt: new Date(now.getTime() + deps.coolingOffMs) });
        await recordAudit(tx, ctx, { action: 'personal_data.deletion_requested', entityType: 'personal_data_request', entityId: row.id, organizationId: null, before: null, after: { userId, dueAt: row.due_at.toISOString() } });
        return ok({ ...view(row), created: true });
      });
    },

    async cancelDeletion(ctx: RequestContext): Promise<Result<RequestView, keyof typeof personalDataErrors>> {
      return inTransaction(db, async (tx) => {
        const open = await requests.findOpen(tx, ctx.actor!.userId);
        if (!open || !(await requests.cancel(tx, open.id, ctx.clock.now()))) return err('deletion_request_not_found');
        await recordAudit(tx, ctx, { action: 'personal_data.deletion_cancelled', entityType: 'personal_data_request', entityId: open.id, organizationId: null, before: { status: 'pending' }, after: { status: 'cancelled' } });
        return ok(view({ ...open, status: 'cancelled', cancelled_at: ctx.clock.now() }));
      });
    },

    async listRequests(query: { status?: PersonalDataRequestRow['status']; page: number; pageSize: number }) {
      const { items, total } = await requests.list(db, { ...(query.status ? { status: query.status } : {}), ...pageWindow(query) });
      const names = await deps.userNames(items.map((item) => item.user_id));
      return { items: items.map((item) => ({ ...view(item), userName: names.get(item.user_id)?.displayName ?? null, phoneMasked: names.get(item.user_id)?.phoneMasked ?? null })), total };
    },

    /** An operator executes a request whose cooling-off period has ended. */
    process: (ctx: RequestContext, requestId: string) => execute(ctx, requestId, 'operator'),

    /** The scheduled job: executes due requests; refused ones stay pending with the reason noted. */
    async runDue(ctx: RequestContext, limit = 50): Promise<{ completed: number; refused: number }> {
      let completed = 0;
      let refused = 0;
      for (const request of await requests.due(db, ctx.clock.now(), limit)) {
        const outcome = await execute(ctx, request.id, 'schedule');
        if (outcome.ok) completed++;
        else refused++;
      }
      return { completed, refused };
    },
  };
}
export type PersonalDataFlow = ReturnType<typeof createPersonalDataFlow>;

export interface RequestView {
  readonly id: string;
  readonly userId: string;
  readonly status: PersonalDataRequestRow['status'];
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly cancelledAt: string | null;
  readonly completedAt: string | null;
  readonly lastRefusal: string | null;
}

function view(row: PersonalDataRequestRow): RequestView {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    lastRefusal: row.last_refusal,
  };
}
