import { countRows, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { Insertable, Updateable, Kysely, Selectable } from 'kysely';
import type { WithdrawalStatus } from './domain/withdrawal-state.ts';
import type { PayoutAnomalyTable, PayoutBankBatchTable, PayoutIdentityTable, PayoutTables, PayoutWithdrawalTable } from './payout-tables.ts';

const t = (db: Db) => db as Kysely<PayoutTables>;

export type WithdrawalRow = Selectable<PayoutWithdrawalTable>;
export type IdentityRow = Selectable<PayoutIdentityTable>;
export type AnomalyRow = Selectable<PayoutAnomalyTable>;
export type BankBatchRow = Selectable<PayoutBankBatchTable>;

export interface WithdrawalFilter {
  readonly status?: WithdrawalStatus;
  readonly memberId?: string;
  readonly method?: 'wechat' | 'bank';
}

/** The only file touching the payout tables. */
export const payoutStore = {
  async identity(db: Db, userId: string): Promise<IdentityRow | undefined> {
    return t(db).selectFrom('payout_identities').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  async insertIdentity(db: Db, row: PayoutIdentityTable): Promise<void> {
    await t(db).insertInto('payout_identities').values(row).execute();
  },

  async insertWithdrawal(db: Db, row: Insertable<PayoutWithdrawalTable>): Promise<WithdrawalRow> {
    return t(db).insertInto('payout_withdrawals').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /**
   * Serialises one member's requests: the daily cap is a sum over rows, so two concurrent requests
   * must not both read it before either inserts. The lock lasts until the transaction ends.
   */
  async lockMember(db: Db, memberId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`payout:${memberId}`}, 0))`.execute(db);
  },

  /** Amounts requested today that still count (everything but rejections). */
  async requestedOnDayFen(db: Db, memberId: string, day: string): Promise<bigint> {
    const row = await t(db)
      .selectFrom('payout_withdrawals')
      .select(sql<string>`coalesce(sum(amount_fen), 0)`.as('total'))
      .where('member_id', '=', memberId)
      .where('business_day', '=', day)
      .where('status', '!=', 'rejected')
      .executeTakeFirstOrThrow();
    return BigInt(row.total);
  },

  async withdrawal(db: Db, id: string, options: { forUpdate?: boolean; memberId?: string } = {}): Promise<WithdrawalRow | undefined> {
    let query = t(db).selectFrom('payout_withdrawals').selectAll().where('id', '=', id);
    if (options.memberId) query = query.where('member_id', '=', options.memberId);
    if (options.forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  /** Changes status only from the expected one: a second, concurrent step finds nothing to update. */
  async updateWithdrawal(db: Db, id: string, from: WithdrawalStatus, changes: Updateable<PayoutWithdrawalTable>): Promise<WithdrawalRow | undefined> {
    return t(db)
      .updateTable('payout_withdrawals')
      .set({ ...changes, version: sql`version + 1` } as never)
      .where('id', '=', id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
  },

  async listWithdrawals(db: Db, filter: WithdrawalFilter, page: PageRequest): Promise<{ rows: WithdrawalRow[]; total: number }> {
    let query = t(db).selectFrom('payout_withdrawals');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
    if (filter.method) query = query.where('method', '=', filter.method);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      countRows(query.select('id')),
    ]);
    return { rows, total };
  },

  async withdrawalsBetween(db: Db, from: Date, to: Date, limit: number): Promise<WithdrawalRow[]> {
    return t(db).selectFrom('payout_withdrawals').selectAll().where('requested_at', '>=', from).where('requested_at', '<', to).orderBy('requested_at').limit(limit).execute();
  },

  async readyBankWithdrawals(db: Db, limit: number): Promise<WithdrawalRow[]> {
    return t(db)
      .selectFrom('payout_withdrawals')
      .selectAll()
      .where('method', '=', 'bank')
      .where((eb) => eb.or([eb('status', '=', 'second_approved'), eb.and([eb('status', '=', 'approved'), eb('needs_second_approval', '=', false)])]))
      .orderBy('requested_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  async payingWechat(db: Db, limit: number): Promise<WithdrawalRow[]> {
    return t(db).selectFrom('payout_withdrawals').selectAll().where('method', '=', 'wechat').where('status', '=', 'paying').orderBy('updated_at').limit(limit).execute();
  },

  async insertBatch(db: Db, row: PayoutBankBatchTable): Promise<void> {
    await t(db).insertInto('payout_bank_batches').values(row).execute();
  },

  async batch(db: Db, id: string, forUpdate = false): Promise<BankBatchRow | undefined> {
    let query = t(db).selectFrom('payout_bank_batches').selectAll().where('id', '=', id);
    if (forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  async markBatchPaid(db: Db, id: string, by: string, at: Date): Promise<BankBatchRow | undefined> {
    return t(db).updateTable('payout_bank_batches').set({ status: 'paid', paid_by: by, paid_at: at }).where('id', '=', id).where('status', '=', 'exported').returningAll().executeTakeFirst();
  },

  async withdrawalsOfBatch(db: Db, batchId: string): Promise<WithdrawalRow[]> {
    return t(db).selectFrom('payout_withdrawals').selectAll().where('bank_batch_id', '=', batchId).orderBy('requested_at').forUpdate().execute();
  },

  async isFlagged(db: Db, memberId: string): Promise<boolean> {
    const row = await t(db)
      .selectFrom('payout_anomalies')
      .select('id')
      .where('status', '=', 'open')
      .where(sql<boolean>`member_ids @> array[${memberId}]::text[]`)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Inserts findings whose subject has no open finding yet; returns the new rows. */
  async insertAnomalies(db: Db, rows: readonly PayoutAnomalyTable[]): Promise<AnomalyRow[]> {
    if (rows.length === 0) return [];
    return t(db)
      .insertInto('payout_anomalies')
      .values(rows.map((row) => ({ ...row, evidence: JSON.stringify(row.evidence) })))
      .onConflict((oc) => oc.columns(['rule', 'subject_key']).where('status', '=', 'open').doNothing())
      .returningAll()
      .execute();
  },

  async anomaly(db: Db, id: string, forUpdate = false): Promise<AnomalyRow | undefined> {
    let query = t(db).selectFrom('payout_anomalies').selectAll().where('id', '=', id);
    if (forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  async resolveAnomaly(db: Db, id: string, changes: { status: 'resolved' | 'dismissed'; by: string; at: Date; note: string }): Promise<AnomalyRow | undefined> {
    return t(db)
      .updateTable('payout_anomalies')
      .set({ status: changes.status, resolved_by: changes.by, resolved_at: changes.at, resolution_note: changes.note })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  },

  async listAnomalies(db: Db, filter: { status?: 'open' | 'resolved' | 'dismissed'; rule?: string; memberId?: string }, page: PageRequest): Promise<{ rows: AnomalyRow[]; total: number }> {
    let query = t(db).selectFrom('payout_anomalies');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.rule) query = query.where('rule', '=', filter.rule as never);
    if (filter.memberId) query = query.where(sql<boolean>`member_ids @> array[${filter.memberId}]::text[]`);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('detected_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      countRows(query.select('id')),
    ]);
    return { rows, total };
  },

  /** Holds the open withdrawals of flagged members that are not yet with a provider. */
  async holdOpenWithdrawals(db: Db, memberIds: readonly string[], reason: string, now: Date): Promise<WithdrawalRow[]> {
    if (memberIds.length === 0) return [];
    return t(db)
      .updateTable('payout_withdrawals')
      .set({ status: 'held', held_reason: reason, updated_at: now, version: sql`version + 1` } as never)
      .where('member_id', 'in', [...memberIds])
      .where('status', 'in', ['requested', 'approved', 'second_approved'])
      .returningAll()
      .execute();
  },

  async payeeAndDeviceSince(db: Db, since: Date): Promise<{ id: string; member_id: string; payee_account_hash: string | null; device_id: string | null }[]> {
    return t(db).selectFrom('payout_withdrawals').select(['id', 'member_id', 'payee_account_hash', 'device_id']).where('requested_at', '>=', since).execute();
  },
};
