import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isUniqueViolation, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { isValidIdNumber, maskAccountNumber, maskIdNumber, normalizeIdNumber } from './domain/id-number.ts';
import { readyToSubmit, transition, type WithdrawalAction } from './domain/withdrawal-state.ts';
import { beijingDay, checkWithdrawal, withdrawalFeeFen, type WithdrawalPolicy } from './domain/withdrawal-rules.ts';
import type { PayoutErrorCode } from './payout-errors.ts';
import { payoutEvent } from './payout-events.ts';
import type { OpenIdLookup, PayoutLedger, PayoutOutcome, PayoutProvider } from './payout-ports.ts';
import { payoutStore as store, type WithdrawalFilter, type WithdrawalRow } from './payout-store.ts';
import type { Updateable } from 'kysely';
import type { PayoutWithdrawalTable } from './payout-tables.ts';
import { failedLegs, paidLegs, rejectLegs, requestLegs, submitLegs } from './withdrawal-legs.ts';
import { auditSnapshot, formatYuan, toCsv, toWithdrawalView, type WithdrawalView } from './withdrawal-view.ts';

export interface WithdrawalDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly ledger: PayoutLedger;
  readonly policy: WithdrawalPolicy;
  /** WeChat transfers (商家转账到零钱); null when not configured, then only bank withdrawals are offered. */
  readonly wechat: { readonly provider: PayoutProvider; readonly openIdOf: OpenIdLookup } | null;
}

export interface WithdrawalRequest {
  readonly amountFen: bigint;
  readonly method: 'wechat' | 'bank';
  readonly bankAccount?: { readonly bankName: string; readonly accountNumber: string } | undefined;
  readonly deviceId?: string | undefined;
}

export interface IdentityView {
  verified: boolean;
  realName: string | null;
  idNumberMasked: string | null;
  verifiedAt: string | null;
}

type Outcome<T> = Promise<Result<T, PayoutErrorCode>>;
const money = (row: WithdrawalRow) => ({ id: row.id, memberId: row.member_id, amountFen: BigInt(row.amount_fen), feeFen: BigInt(row.fee_fen) });
/** Expected ledger refusals inside a step that already passed our checks mean a bug: roll back loudly. */
const mustMove = (result: Result<void, string>, step: string) => {
  if (!result.ok) throw new Error(`ledger refused the ${step} step: ${result.code}`);
};

export function createWithdrawalService(deps: WithdrawalDeps) {
  const { db, pii, ledger, policy } = deps;

  /** One admin step on one withdrawal: lock, check the transition, change, audit, publish. */
  async function step(
    ctx: RequestContext,
    id: string,
    action: WithdrawalAction,
    apply: (tx: Db, row: WithdrawalRow) => Promise<Result<Updateable<PayoutWithdrawalTable>, PayoutErrorCode>>,
  ): Outcome<WithdrawalView> {
    return inTransaction(db, async (tx) => {
      const before = await store.withdrawal(tx, id, { forUpdate: true });
      if (!before) return err('withdrawal_not_found');
      const next = transition(before.status, action);
      if (!next) return err('withdrawal_state_conflict', { status: before.status, action });
      const changes = await apply(tx, before);
      if (!changes.ok) return changes;
      const after = await store.updateWithdrawal(tx, id, before.status, { ...changes.value, status: next, updated_at: ctx.clock.now() });
      if (!after) return err('withdrawal_state_conflict');
      await recordAudit(tx, ctx, { action: `withdrawal.${action}`, entityType: 'withdrawal', entityId: id, organizationId: null, before: auditSnapshot(before), after: auditSnapshot(after) });
      return ok(toWithdrawalView(after, ctx.locale));
    });
  }

  async function applyOutcome(ctx: RequestContext, id: string, outcome: PayoutOutcome): Promise<WithdrawalRow | undefined> {
    return inTransaction(db, async (tx) => {
      const row = await store.withdrawal(tx, id, { forUpdate: true });
      if (!row || row.status !== 'paying') return row;
      const now = ctx.clock.now();
      if (outcome.status === 'accepted') {
        return (await store.updateWithdrawal(tx, id, 'paying', { provider_reference: outcome.providerReference, updated_at: now })) ?? row;
      }
      if (outcome.status === 'paid') {
        mustMove(await ledger.move(tx, ctx, paidLegs(money(row)), { causeType: 'withdrawal', causeId: id }), 'paid');
        const after = await store.updateWithdrawal(tx, id, 'paying', { status: 'paid', provider_reference: outcome.providerReference ?? row.provider_reference, updated_at: now, finished_at: now });
        await publishEvent(tx, ctx, payoutEvent('withdrawal.paid', id, { withdrawalId: id, memberId: row.member_id, amountFen: Number(row.amount_fen) }));
        return after;
      }
      mustMove(await ledger.move(tx, ctx, failedLegs(money(row)), { causeType: 'withdrawal', causeId: id }), 'failed');
      const after = await store.updateWithdrawal(tx, id, 'paying', { status: 'failed', failure_reason: outcome.reason.slice(0, 200), updated_at: now, finished_at: now });
      await publishEvent(tx, ctx, payoutEvent('withdrawal.failed', id, { withdrawalId: id, memberId: row.member_id, reason: outcome.reason }));
      return after;
    });
  }

  return {
    async identity(ctx: RequestContext): Promise<IdentityView> {
      const row = await store.identity(db, ctx.actor!.userId);
      return { verified: Boolean(row), realName: row?.real_name ?? null, idNumberMasked: row?.id_number_masked ?? null, verifiedAt: row?.verified_at.toISOString() ?? null };
    },

    /** Real name and ID number, verified once; the number is stored encrypted and shown masked. */
    async verifyIdentity(ctx: RequestContext, input: { realName: string; idNumber: string }): Outcome<IdentityView> {
      if (!isValidIdNumber(input.idNumber)) return err('payout_identity_invalid');
      const idNumber = normalizeIdNumber(input.idNumber);
      const userId = ctx.actor!.userId;
      const now = ctx.clock.now();
      try {
        return await inTransaction(db, async (tx) => {
          if (await store.identity(tx, userId)) return err('payout_identity_already_verified');
          await store.insertIdentity(tx, { user_id: userId, real_name: input.realName, id_number_cipher: pii.encrypt(idNumber), id_number_hash: pii.searchHash(`id:${idNumber}`), id_number_masked: maskIdNumber(idNumber), verified_at: now });
          await publishEvent(tx, ctx, payoutEvent('payout.identity_verified', userId, { memberId: userId }));
          return ok({ verified: true, realName: input.realName, idNumberMasked: maskIdNumber(idNumber), verifiedAt: now.toISOString() });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'payout_identities_id_number_key')) return err('payout_identity_in_use');
        if (isUniqueViolation(error, 'payout_identities_pkey')) return err('payout_identity_already_verified');
        throw error;
      }
    },

    /**
     * A member asks to withdraw: rules checked, amount + fee moved 可提现 → 提现中 in the same
     * transaction as the row. A flagged member's request is held for review instead of queued.
     */
    async request(ctx: RequestContext, input: WithdrawalRequest): Outcome<WithdrawalView> {
      const memberId = ctx.actor!.userId;
      const now = ctx.clock.now();
      const identity = await store.identity(db, memberId);
      if (!identity) return err('payout_identity_required');
      let payee: { hash: string; bank?: { name: string; cipher: string; masked: string } };
      if (input.method === 'bank') {
        if (!input.bankAccount) return err('withdrawal_bank_account_required');
        const number = input.bankAccount.accountNumber;
        payee = { hash: pii.searchHash(`bank:${number}`), bank: { name: input.bankAccount.bankName, cipher: pii.encrypt(number), masked: maskAccountNumber(number) } };
      } else {
        const openId = deps.wechat ? await deps.wechat.openIdOf(memberId) : null;
        if (!openId) return err('withdrawal_wechat_unavailable');
        payee = { hash: pii.searchHash(`wechat:${openId}`) };
      }
      const feeFen = withdrawalFeeFen(policy, input.amountFen);
      const day = beijingDay(now);
      return inTransaction(db, async (tx) => {
        await store.lockMember(tx, memberId);
        const violation = checkWithdrawal(policy, input.amountFen, await store.requestedOnDayFen(tx, memberId, day));
        if (violation) return err(violation);
        const held = await store.isFlagged(tx, memberId);
        const id = newId('wdr', now.getTime());
        const moved = await ledger.move(tx, ctx, requestLegs({ id, memberId, amountFen: input.amountFen, feeFen }), { causeType: 'withdrawal', causeId: id });
        if (!moved.ok) return err(moved.code === 'insufficient_balance' ? 'withdrawal_insufficient_balance' : 'withdrawal_state_conflict');
        const row = await store.insertWithdrawal(tx, {
          id,
          member_id: memberId,
          amount_fen: input.amountFen,
          fee_fen: feeFen,
          method: input.method,
          status: held ? 'held' : 'requested',
          needs_second_approval: input.amountFen > policy.secondApprovalAboveFen,
          bank_name: payee.bank?.name ?? null,
          bank_account_cipher: payee.bank?.cipher ?? null,
          bank_account_masked: payee.bank?.masked ?? null,
          payee_account_hash: payee.hash,
          device_id: input.deviceId ?? null,
          business_day: day,
          first_approved_by: null,
          first_approved_at: null,
          second_approved_by: null,
          second_approved_at: null,
          rejected_by: null,
          rejection_reason: null,
          held_reason: held ? 'member_flagged' : null,
          bank_batch_id: null,
          provider: null,
          provider_reference: null,
          failure_reason: null,
          requested_at: now,
          updated_at: now,
          finished_at: null,
        });
        await publishEvent(tx, ctx, payoutEvent('withdrawal.requested', id, { withdrawalId: id, memberId, amountFen: Number(input.amountFen), feeFen: Number(feeFen), held }));
        return ok(toWithdrawalView(row, ctx.locale));
      });
    },

    async listMine(ctx: RequestContext, page: PageRequest): Promise<{ items: WithdrawalView[]; total: number }> {
      const { rows, total } = await store.listWithdrawals(db, { memberId: ctx.actor!.userId }, page);
      return { items: rows.map((row) => toWithdrawalView(row, ctx.locale)), total };
    },

    async list(ctx: RequestContext, filter: WithdrawalFilter, page: PageRequest): Promise<{ items: WithdrawalView[]; total: number }> {
      const { rows, total } = await store.listWithdrawals(db, filter, page);
      return { items: rows.map((row) => toWithdrawalView(row, ctx.locale)), total };
    },

    async get(ctx: RequestContext, id: string): Outcome<WithdrawalView> {
      const row = await store.withdrawal(db, id);
      return row ? ok(toWithdrawalView(row, ctx.locale)) : err('withdrawal_not_found');
    },

    /** First approval, or — above the threshold — the second one, which must come from someone else. */
    async approve(ctx: RequestContext, id: string): Outcome<WithdrawalView> {
      const userId = ctx.actor!.userId;
      const current = await store.withdrawal(db, id);
      if (!current) return err('withdrawal_not_found');
      const action: WithdrawalAction = current.status === 'approved' && current.needs_second_approval ? 'second_approve' : 'approve';
      return step(ctx, id, action, async (tx, row) => {
        const now = ctx.clock.now();
        if (action === 'second_approve' && row.first_approved_by === userId) return err('withdrawal_same_approver');
        await publishEvent(tx, ctx, payoutEvent('withdrawal.approved', id, { withdrawalId: id, memberId: row.member_id, step: action === 'approve' ? 'first' : 'second' }));
        if (action === 'approve') return ok({ first_approved_by: userId, first_approved_at: now });
        return ok({ second_approved_by: userId, second_approved_at: now });
      });
    },

    /** Rejects an open withdrawal: amount and fee return to 可提现 in the same transaction. */
    async reject(ctx: RequestContext, id: string, reason: string): Outcome<WithdrawalView> {
      return step(ctx, id, 'reject', async (tx, row) => {
        mustMove(await ledger.move(tx, ctx, rejectLegs(money(row)), { causeType: 'withdrawal', causeId: id }), 'reject');
        await publishEvent(tx, ctx, payoutEvent('withdrawal.rejected', id, { withdrawalId: id, memberId: row.member_id, reason }));
        const now = ctx.clock.now();
        return ok({ rejected_by: ctx.actor!.userId, rejection_reason: reason, finished_at: now });
      });
    },

    /** Finance releases a held withdrawal into the normal approval queue. */
    async release(ctx: RequestContext, id: string, note: string): Outcome<WithdrawalView> {
      return step(ctx, id, 'release', async (tx, row) => {
        await publishEvent(tx, ctx, payoutEvent('withdrawal.released', id, { withdrawalId: id, memberId: row.member_id }));
        return ok({ held_reason: `released: ${note}`.slice(0, 200) });
      });
    },

    /**
     * Pays an approved WeChat withdrawal: first commits `paying` with the amount in flight, then calls
     * the provider outside the transaction (a slow provider holds no locks), then records its answer.
     * If the call is lost, the sync job asks the provider later; the withdrawal id is its idempotency key.
     */
    async pay(ctx: RequestContext, id: string): Outcome<WithdrawalView> {
      const wechat = deps.wechat;
      const submitted = await step(ctx, id, 'submit', async (tx, row) => {
        if (row.method !== 'wechat' || !wechat) return err('withdrawal_state_conflict', { method: row.method });
        if (!readyToSubmit(row.status, row.needs_second_approval)) return err('withdrawal_second_approval_required');
        mustMove(await ledger.move(tx, ctx, submitLegs(money(row)), { causeType: 'withdrawal', causeId: id }), 'submit');
        await publishEvent(tx, ctx, payoutEvent('withdrawal.submitted', id, { withdrawalId: id, memberId: row.member_id, provider: wechat.provider.name }));
        return ok({ provider: wechat.provider.name });
      });
      if (!submitted.ok) return submitted;
      return ok(await this.sendToWechat(ctx, id));
    },

    /** Hands a `paying` WeChat withdrawal to the provider and records the outcome it reports. */
    async sendToWechat(ctx: RequestContext, id: string): Promise<WithdrawalView> {
      const row = (await store.withdrawal(db, id))!;
      const openId = deps.wechat ? await deps.wechat.openIdOf(row.member_id) : null;
      if (deps.wechat && openId) {
        const answer = await deps.wechat.provider.pay({ withdrawalId: id, amountFen: BigInt(row.amount_fen), openId, remark: '佣金提现' });
        if (answer.ok) return toWithdrawalView((await applyOutcome(ctx, id, answer.value))!, ctx.locale);
      }
      return toWithdrawalView(row, ctx.locale);
    },

    /** The sync job: asks the provider about WeChat withdrawals still in flight and records final answers. */
    async syncWechat(ctx: RequestContext, limit = 50): Promise<{ checked: number; finished: number }> {
      if (!deps.wechat) return { checked: 0, finished: 0 };
      const rows = await store.payingWechat(db, limit);
      let finished = 0;
      for (const row of rows) {
        const answer = await deps.wechat.provider.query(row.id);
        if (answer.ok && answer.value.status !== 'accepted') {
          await applyOutcome(ctx, row.id, answer.value);
          finished++;
        } else if (!answer.ok && answer.code === 'payout_provider_rejected' && answer.details?.notFound) {
          // The provider never received it (the call was lost): hand it over again under the same id.
          const view = await this.sendToWechat(ctx, row.id);
          if (view.status !== 'paying') finished++;
        }
      }
      return { checked: rows.length, finished };
    },

    /**
     * Manual bank transfer: every approved bank withdrawal goes into one batch, in flight, and finance
     * gets a CSV with the full account numbers (the only place they appear in clear). Audited.
     */
    async exportBankBatch(ctx: RequestContext): Outcome<{ batchId: string; withdrawalCount: number; totalFen: number; csv: string }> {
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const rows = await store.readyBankWithdrawals(tx, 500);
        if (rows.length === 0) return err('payout_bank_batch_empty');
        const batchId = newId('pbt', now.getTime());
        const totalFen = rows.reduce((sum, row) => sum + BigInt(row.amount_fen), 0n);
        await store.insertBatch(tx, { id: batchId, status: 'exported', withdrawal_count: rows.length, total_fen: totalFen, exported_by: ctx.actor!.userId, exported_at: now, paid_by: null, paid_at: null });
        const lines: string[][] = [];
        for (const row of rows) {
          mustMove(await ledger.move(tx, ctx, submitLegs(money(row)), { causeType: 'withdrawal', causeId: row.id }), 'submit');
          const after = await store.updateWithdrawal(tx, row.id, row.status, { status: 'paying', bank_batch_id: batchId, provider: 'bank', updated_at: now });
          if (!after) throw new Error(`withdrawal ${row.id} changed under its lock`);
          const identity = await store.identity(tx, row.member_id);
          lines.push([batchId, row.id, identity?.real_name ?? '', row.bank_name ?? '', pii.decrypt(row.bank_account_cipher!), formatYuan(row.amount_fen), '佣金提现']);
          await publishEvent(tx, ctx, payoutEvent('withdrawal.submitted', row.id, { withdrawalId: row.id, memberId: row.member_id, provider: 'bank' }));
        }
        await recordAudit(tx, ctx, { action: 'payout.bank_batch_exported', entityType: 'payout_bank_batch', entityId: batchId, organizationId: null, before: null, after: { withdrawalIds: rows.map((row) => row.id), totalFen: Number(totalFen) } });
        const csv = toCsv(['批次号', '提现单号', '收款人', '开户行', '银行账号', '金额(元)', '附言'], lines);
        return ok({ batchId, withdrawalCount: rows.length, totalFen: Number(totalFen), csv });
      });
    },

    /** Finance paid the batch at the bank: every withdrawal in it is paid (已提现). Audited. */
    async markBankBatchPaid(ctx: RequestContext, batchId: string): Outcome<{ batchId: string; status: 'paid'; paidCount: number }> {
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const batch = await store.batch(tx, batchId, true);
        if (!batch) return err('payout_bank_batch_not_found');
        if (batch.status === 'paid') return err('payout_bank_batch_already_paid');
        const rows = await store.withdrawalsOfBatch(tx, batchId);
        let paidCount = 0;
        for (const row of rows.filter((candidate) => candidate.status === 'paying')) {
          mustMove(await ledger.move(tx, ctx, paidLegs(money(row)), { causeType: 'withdrawal', causeId: row.id }), 'paid');
          await store.updateWithdrawal(tx, row.id, 'paying', { status: 'paid', updated_at: now, finished_at: now });
          await publishEvent(tx, ctx, payoutEvent('withdrawal.paid', row.id, { withdrawalId: row.id, memberId: row.member_id, amountFen: Number(row.amount_fen) }));
          paidCount++;
        }
        await store.markBatchPaid(tx, batchId, ctx.actor!.userId, now);
        await recordAudit(tx, ctx, { action: 'payout.bank_batch_paid', entityType: 'payout_bank_batch', entityId: batchId, organizationId: null, before: { status: batch.status }, after: { status: 'paid', paidCount } });
        return ok({ batchId, status: 'paid' as const, paidCount });
      });
    },

    /** A bank transfer bounced (or WeChat reported failure out of band): the money returns. Audited. */
    async markFailed(ctx: RequestContext, id: string, reason: string): Outcome<WithdrawalView> {
      return step(ctx, id, 'confirm_failed', async (tx, row) => {
        mustMove(await ledger.move(tx, ctx, failedLegs(money(row)), { causeType: 'withdrawal', causeId: id }), 'failed');
        await publishEvent(tx, ctx, payoutEvent('withdrawal.failed', id, { withdrawalId: id, memberId: row.member_id, reason }));
        const now = ctx.clock.now();
        return ok({ failure_reason: reason, finished_at: now });
      });
    },

    /** 提现明细导出: the withdrawals requested in a Beijing month, accounts masked. */
    async exportCsv(ctx: RequestContext, range: { from: Date; to: Date }): Promise<string> {
      const rows = await store.withdrawalsBetween(db, range.from, range.to, 50_000);
      return toCsv(
        ['提现单号', '会员ID', '申请时间', '方式', '金额(元)', '手续费(元)', '状态', '开户行', '银行账号', '完成时间'],
        rows.map((row) => {
          const view = toWithdrawalView(row, ctx.locale);
          return [row.id, row.member_id, view.requestedAt, row.method === 'bank' ? '银行卡' : '微信零钱', formatYuan(row.amount_fen), formatYuan(row.fee_fen), view.statusLabel, row.bank_name ?? '', row.bank_account_masked ?? '', view.finishedAt ?? ''];
        }),
      );
    },
  };
}
export type WithdrawalService = ReturnType<typeof createWithdrawalService>;
