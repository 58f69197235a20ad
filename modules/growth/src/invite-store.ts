import { sql, type Db, type Kysely } from '@linkmall/db';
import type { Insertable, Selectable } from 'kysely';
import type { GrowthCampaignInviteTable, GrowthInviteWorkTable, GrowthRewardTable, GrowthTables, InviteWorkKind } from './growth-tables.ts';

/** The invite engine's tables: the work queue from the outbox, qualified invitees, per-campaign invites and progress. */
const t = (db: Db) => db as Kysely<GrowthTables>;

export type InviteWorkRow = Selectable<GrowthInviteWorkTable>;
export type CampaignInviteRow = Selectable<GrowthCampaignInviteTable>;

export const inviteStore = {
  /** Queues a commerce fact once per event (a redelivered event is ignored). */
  async enqueue(db: Db, work: { eventId: string; kind: InviteWorkKind; orderId: string; buyerId: string | null; amountFen: bigint | null; occurredAt: Date }): Promise<void> {
    await t(db)
      .insertInto('growth_invite_work')
      .values({ event_id: work.eventId, kind: work.kind, order_id: work.orderId, buyer_id: work.buyerId, amount_fen: work.amountFen, occurred_at: work.occurredAt, status: 'pending', outcome: null, processed_at: null })
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .execute();
  },
  /** Pending work in arrival order, after a cursor (work left waiting must not hide what queued behind it). */
  async pendingWork(db: Db, afterSequence: bigint, limit: number): Promise<InviteWorkRow[]> {
    return t(db).selectFrom('growth_invite_work').selectAll().where('status', '=', 'pending').where('sequence', '>', afterSequence).orderBy('sequence').limit(limit).execute();
  },
  /** Claims a pending work row for this transaction; null when another worker has it or it is done. */
  async claimWork(db: Db, eventId: string): Promise<InviteWorkRow | null> {
    return (await t(db).selectFrom('growth_invite_work').selectAll().where('event_id', '=', eventId).where('status', '=', 'pending').forUpdate().skipLocked().executeTakeFirst()) ?? null;
  },
  async finishWork(db: Db, eventId: string, outcome: string, now: Date): Promise<void> {
    await t(db).updateTable('growth_invite_work').set({ status: 'done', outcome, processed_at: now }).where('event_id', '=', eventId).execute();
  },
  /** Whether the order's payment is still waiting to be worked off (a refund or completion waits behind it). */
  async paymentPending(db: Db, orderId: string): Promise<boolean> {
    const row = await t(db).selectFrom('growth_invite_work').select('event_id').where('order_id', '=', orderId).where('kind', '=', 'paid').where('status', '=', 'pending').executeTakeFirst();
    return row !== undefined;
  },

  async invitee(db: Db, inviteeId: string): Promise<Selectable<GrowthTables['growth_invitees']> | null> {
    return (await t(db).selectFrom('growth_invitees').selectAll().where('invitee_id', '=', inviteeId).forUpdate().executeTakeFirst()) ?? null;
  },
  async qualifyInvitee(db: Db, row: { inviteeId: string; inviterId: string; orderId: string; at: Date }): Promise<void> {
    await t(db)
      .insertInto('growth_invitees')
      .values({ invitee_id: row.inviteeId, inviter_id: row.inviterId, order_id: row.orderId, status: 'qualified', qualified_at: row.at, updated_at: row.at })
      .onConflict((conflict) => conflict.column('invitee_id').doUpdateSet({ order_id: row.orderId, status: 'qualified', qualified_at: row.at, updated_at: row.at }))
      .execute();
  },
  /** Who invited the buyer of this order, as recorded when it qualified (or when it was rewarded). */
  async inviterOfOrder(db: Db, orderId: string): Promise<string | null> {
    const invitee = await t(db).selectFrom('growth_invitees').select('inviter_id').where('order_id', '=', orderId).executeTakeFirst();
    if (invitee) return invitee.inviter_id;
    const invite = await t(db).selectFrom('growth_campaign_invites').select('inviter_id').where('order_id', '=', orderId).executeTakeFirst();
    return invite?.inviter_id ?? null;
  },
  /** Disqualifies the member-level invite this order made; returns the inviter when there was one. */
  async disqualifyInvitee(db: Db, orderId: string, at: Date): Promise<{ inviteeId: string; inviterId: string } | null> {
    const row = await t(db).updateTable('growth_invitees').set({ status: 'disqualified', updated_at: at }).where('order_id', '=', orderId).where('status', '=', 'qualified').returning(['invitee_id', 'inviter_id']).executeTakeFirst();
    return row ? { inviteeId: row.invitee_id, inviterId: row.inviter_id } : null;
  },
  async inviteesOf(db: Db, inviterId: string, limit: number): Promise<Selectable<GrowthTables['growth_invitees']>[]> {
    return t(db).selectFrom('growth_invitees').selectAll().where('inviter_id', '=', inviterId).orderBy('qualified_at', 'desc').limit(limit).execute();
  },

  /** The inviter's progress row in a campaign, created on first use and locked: it orders their invites. */
  async lockProgress(db: Db, campaignId: string, inviterId: string): Promise<number> {
    await t(db).insertInto('growth_campaign_progress').values({ campaign_id: campaignId, inviter_id: inviterId, qualified_count: 0 }).onConflict((conflict) => conflict.columns(['campaign_id', 'inviter_id']).doNothing()).execute();
    const row = await t(db).selectFrom('growth_campaign_progress').select('qualified_count').where('campaign_id', '=', campaignId).where('inviter_id', '=', inviterId).forUpdate().executeTakeFirstOrThrow();
    return row.qualified_count;
  },
  async addProgress(db: Db, campaignId: string, inviterId: string, delta: number): Promise<void> {
    await t(db)
      .updateTable('growth_campaign_progress')
      .set((eb) => ({ qualified_count: eb('qualified_count', '+', delta) }))
      .where('campaign_id', '=', campaignId)
      .where('inviter_id', '=', inviterId)
      .execute();
  },
  async progressOf(db: Db, inviterId: string, campaignIds: readonly string[]): Promise<Map<string, number>> {
    if (campaignIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('growth_campaign_progress').select(['campaign_id', 'qualified_count']).where('inviter_id', '=', inviterId).where('campaign_id', 'in', [...campaignIds]).execute();
    return new Map(rows.map((row) => [row.campaign_id, row.qualified_count]));
  },

  async campaignInvite(db: Db, campaignId: string, inviteeId: string): Promise<CampaignInviteRow | null> {
    return (await t(db).selectFrom('growth_campaign_invites').selectAll().where('campaign_id', '=', campaignId).where('invitee_id', '=', inviteeId).executeTakeFirst()) ?? null;
  },
  async putCampaignInvite(db: Db, row: Insertable<GrowthCampaignInviteTable>): Promise<void> {
    await t(db)
      .insertInto('growth_campaign_invites')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['campaign_id', 'invitee_id']).doUpdateSet({ order_id: row.order_id, order_amount_fen: row.order_amount_fen, ordinal: row.ordinal, status: 'qualified', qualified_at: row.qualified_at, disqualified_at: null }),
      )
      .execute();
  },
  /** Disqualifies every campaign invite this order made, returning them. */
  async disqualifyCampaignInvites(db: Db, orderId: string, at: Date): Promise<CampaignInviteRow[]> {
    return t(db).updateTable('growth_campaign_invites').set({ status: 'disqualified', disqualified_at: at }).where('order_id', '=', orderId).where('status', '=', 'qualified').returningAll().execute();
  },

  async insertReward(db: Db, row: Insertable<GrowthRewardTable>): Promise<boolean> {
    const inserted = await t(db).insertInto('growth_rewards').values(row).onConflict((conflict) => conflict.column('cause_key').doNothing()).executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  },
  async rewardExists(db: Db, causeKey: string): Promise<boolean> {
    return (await t(db).selectFrom('growth_rewards').select('id').where('cause_key', '=', causeKey).executeTakeFirst()) !== undefined;
  },
  /** Cash already credited on an order by growth campaigns (any campaign), and to whom. */
  async cashOnOrder(db: Db, orderId: string): Promise<{ payeeIds: string[]; creditedFen: bigint }> {
    const rows = await t(db).selectFrom('growth_rewards').select(['member_id', 'granted_amount']).where('order_id', '=', orderId).where('kind', '=', 'tier_cash').where('granted_amount', '>', 0n).execute();
    return { payeeIds: rows.map((row) => row.member_id), creditedFen: rows.reduce((sum, row) => sum + row.granted_amount, 0n) };
  },
  async cashRewardsOfOrder(db: Db, orderId: string): Promise<Selectable<GrowthRewardTable>[]> {
    return t(db).selectFrom('growth_rewards').selectAll().where('order_id', '=', orderId).where('kind', '=', 'tier_cash').where('state', 'in', ['pending', 'settled']).orderBy('id').forUpdate().execute();
  },
  async startFreeze(db: Db, orderId: string, settleAfterDay: number, now: Date): Promise<number> {
    const result = await t(db).updateTable('growth_rewards').set({ settle_after_day: settleAfterDay, updated_at: now }).where('order_id', '=', orderId).where('state', '=', 'pending').where('settle_after_day', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0n);
  },
  async dueForSettlement(db: Db, today: number, limit: number): Promise<Selectable<GrowthRewardTable>[]> {
    return t(db).selectFrom('growth_rewards').selectAll().where('state', '=', 'pending').where('settle_after_day', '<=', today).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  },
  async dueForIssue(db: Db, limit: number): Promise<Selectable<GrowthRewardTable>[]> {
    return t(db).selectFrom('growth_rewards').selectAll().where('state', '=', 'to_issue').orderBy('id').limit(limit).execute();
  },
};
