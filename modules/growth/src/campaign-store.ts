import { countRows, pageWindow, type Db, type Kysely, type PageRequest } from '@linkmall/db';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CampaignStatus } from './domain/campaign.ts';
import type { RewardState } from './domain/reward-state.ts';
import type { GrowthCampaignTable, GrowthLevelTable, GrowthRewardTable, GrowthTables } from './growth-tables.ts';

/** Levels, campaigns and reward rows: the console's configuration and what the invite engine decided. */
const t = (db: Db) => db as Kysely<GrowthTables>;

export type LevelRow = Selectable<GrowthLevelTable>;
export type CampaignRow = Selectable<GrowthCampaignTable>;
export type RewardRow = Selectable<GrowthRewardTable>;

export interface RewardFilter {
  readonly campaignId?: string;
  readonly memberId?: string;
  readonly state?: RewardState;
  readonly kind?: GrowthRewardTable['kind'];
}

export const campaignStore = {
  async levels(db: Db): Promise<LevelRow[]> {
    return t(db).selectFrom('growth_levels').selectAll().orderBy('min_points').orderBy('min_invites').execute();
  },
  async level(db: Db, id: string, lock = false): Promise<LevelRow | null> {
    let query = t(db).selectFrom('growth_levels').selectAll().where('id', '=', id);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async levelWithThresholds(db: Db, minPoints: bigint, minInvites: number): Promise<LevelRow | null> {
    return (await t(db).selectFrom('growth_levels').selectAll().where('min_points', '=', minPoints).where('min_invites', '=', minInvites).executeTakeFirst()) ?? null;
  },
  async insertLevel(db: Db, row: LevelRow): Promise<void> {
    await t(db).insertInto('growth_levels').values(row).execute();
  },
  async updateLevel(db: Db, id: string, patch: Updateable<GrowthLevelTable>): Promise<LevelRow> {
    return t(db).updateTable('growth_levels').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
  async deleteLevel(db: Db, id: string): Promise<void> {
    await t(db).deleteFrom('growth_levels').where('id', '=', id).execute();
  },

  async insertCampaign(db: Db, row: Insertable<GrowthCampaignTable>): Promise<CampaignRow> {
    return t(db).insertInto('growth_campaigns').values(row).returningAll().executeTakeFirstOrThrow();
  },
  /**
   * The campaign, optionally locked. The lock is FOR NO KEY UPDATE: rows referencing the campaign
   * (progress, invites, rewards) take KEY SHARE locks on it when inserted, which FOR UPDATE would
   * wait on, so two inviters' transactions could deadlock; the budget changes never touch the key.
   */
  async campaign(db: Db, id: string, lock = false): Promise<CampaignRow | null> {
    let query = t(db).selectFrom('growth_campaigns').selectAll().where('id', '=', id);
    if (lock) query = query.forNoKeyUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async updateCampaign(db: Db, id: string, patch: Updateable<GrowthCampaignTable>): Promise<CampaignRow> {
    return t(db).updateTable('growth_campaigns').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
  async campaigns(db: Db, status: CampaignStatus | undefined, page: PageRequest): Promise<{ items: CampaignRow[]; total: number }> {
    let query = t(db).selectFrom('growth_campaigns').selectAll();
    if (status) query = query.where('status', '=', status);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  /** Campaigns whose window holds the instant and that still take purchases made then (see acceptsPurchase). */
  async runningAt(db: Db, at: Date): Promise<CampaignRow[]> {
    return t(db)
      .selectFrom('growth_campaigns')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'ended'), eb('ended_reason', '=', 'end_date')])]))
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .orderBy('id')
      .execute();
  },
  /** Active or paused campaigns past their end date. */
  async pastEnd(db: Db, now: Date): Promise<CampaignRow[]> {
    return t(db).selectFrom('growth_campaigns').selectAll().where('status', 'in', ['active', 'paused']).where('ends_at', '<=', now).orderBy('id').execute();
  },
  /** Campaigns a member can see progress in: active now, or ended less than `since` ago. */
  async visibleToMembers(db: Db, since: Date): Promise<CampaignRow[]> {
    return t(db)
      .selectFrom('growth_campaigns')
      .selectAll()
      .where((eb) => eb.or([eb('status', 'in', ['active', 'paused']), eb.and([eb('status', '=', 'ended'), eb('ended_at', '>=', since)])]))
      .orderBy('starts_at', 'desc')
      .limit(20)
      .execute();
  },

  async rewards(db: Db, filter: RewardFilter, page: PageRequest): Promise<{ items: RewardRow[]; total: number }> {
    let query = t(db).selectFrom('growth_rewards').selectAll();
    if (filter.campaignId) query = query.where('campaign_id', '=', filter.campaignId);
    if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async reward(db: Db, id: string, lock = false): Promise<RewardRow | null> {
    let query = t(db).selectFrom('growth_rewards').selectAll().where('id', '=', id);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async setRewardState(db: Db, id: string, from: RewardState, patch: Updateable<GrowthRewardTable> & { state: RewardState; updated_at: Date }): Promise<RewardRow | null> {
    return (await t(db).updateTable('growth_rewards').set(patch).where('id', '=', id).where('state', '=', from).returningAll().executeTakeFirst()) ?? null;
  },
  /** Totals per campaign for the console: granted amount and reward counts by decision. */
  async rewardTotals(db: Db, campaignId: string): Promise<{ decision: string; count: bigint }[]> {
    return t(db).selectFrom('growth_rewards').select(['decision', (eb) => eb.fn.countAll<bigint>().as('count')]).where('campaign_id', '=', campaignId).groupBy('decision').execute();
  },
};
