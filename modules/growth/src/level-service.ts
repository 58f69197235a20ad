import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { levelOf, nextLevelOf, privilegesOf, rankLevels, type Level, type Privileges } from './domain/levels.ts';
import { campaignStore as store, type LevelRow } from './campaign-store.ts';
import type { GrowthErrorCode } from './growth-errors.ts';
import { pointsStore } from './points-store.ts';

export interface LevelInput {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly minPoints: number;
  readonly minInvites: number;
  readonly extraCommissionBps: number;
  readonly priorityShipping: boolean;
  readonly hotProductAccess: boolean;
}

export interface LevelView extends LevelInput {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MemberLevel {
  readonly memberId: string;
  readonly points: number;
  readonly qualifiedInvites: number;
  readonly level: LevelView | null;
  readonly nextLevel: LevelView | null;
  readonly privileges: Privileges;
}

export const levelFromRow = (row: LevelRow): Level => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  minPoints: row.min_points,
  minInvites: row.min_invites,
  extraCommissionBps: row.extra_commission_bps,
  priorityShipping: row.priority_shipping,
  hotProductAccess: row.hot_product_access,
});

export const levelView = (row: LevelRow): LevelView => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  minPoints: Number(row.min_points),
  minInvites: row.min_invites,
  extraCommissionBps: row.extra_commission_bps,
  priorityShipping: row.priority_shipping,
  hotProductAccess: row.hot_product_access,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const columnsOf = (input: LevelInput) => ({
  name_zh: input.nameZh,
  name_en: input.nameEn,
  min_points: BigInt(input.minPoints),
  min_invites: input.minInvites,
  extra_commission_bps: input.extraCommissionBps,
  priority_shipping: input.priorityShipping,
  hot_product_access: input.hotProductAccess,
});

/** Levels and their privileges: configured by operations (audited), read by members, fulfilment and the shop. */
export function createLevelService(db: Db) {
  /** `reader` is the caller's transaction when one is open: an embedded database has one connection, and a read beside it would wait on it. */
  async function memberLevel(memberId: string, reader: Db = db): Promise<MemberLevel> {
    const [rows, member] = await Promise.all([store.levels(reader), pointsStore.member(reader, memberId)]);
    const stats = { points: member?.points_balance ?? 0n, qualifiedInvites: member?.qualified_invites ?? 0 };
    const byId = new Map(rows.map((row) => [row.id, row]));
    const levels = rows.map(levelFromRow);
    const level = levelOf(levels, stats);
    const next = nextLevelOf(levels, stats);
    return {
      memberId,
      points: Number(stats.points),
      qualifiedInvites: stats.qualifiedInvites,
      level: level ? levelView(byId.get(level.id)!) : null,
      nextLevel: next ? levelView(byId.get(next.id)!) : null,
      privileges: privilegesOf(level),
    };
  }

  return {
    async list(): Promise<LevelView[]> {
      return (await store.levels(db)).map(levelView);
    },

    async create(ctx: RequestContext, input: LevelInput): Promise<Result<LevelView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        if (await store.levelWithThresholds(tx, BigInt(input.minPoints), input.minInvites)) return err('growth_level_duplicate');
        const now = ctx.clock.now();
        const row: LevelRow = { id: newId('glv', now.getTime()), ...columnsOf(input), created_at: now, updated_at: now };
        await store.insertLevel(tx, row);
        await recordAudit(tx, ctx, { action: 'growth.level_created', entityType: 'growth_level', entityId: row.id, organizationId: null, before: null, after: levelView(row) });
        return ok(levelView(row));
      });
    },

    async update(ctx: RequestContext, id: string, input: LevelInput): Promise<Result<LevelView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.level(tx, id, true);
        if (!before) return err('growth_level_not_found');
        const clash = await store.levelWithThresholds(tx, BigInt(input.minPoints), input.minInvites);
        if (clash && clash.id !== id) return err('growth_level_duplicate');
        const updated = await store.updateLevel(tx, id, { ...columnsOf(input), updated_at: ctx.clock.now() });
        await recordAudit(tx, ctx, { action: 'growth.level_updated', entityType: 'growth_level', entityId: id, organizationId: null, before: levelView(before), after: levelView(updated) });
        return ok(levelView(updated));
      });
    },

    /** Removes a level; members simply fall to the level below (levels are computed, never stored per member). */
    async remove(ctx: RequestContext, id: string): Promise<Result<LevelView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.level(tx, id, true);
        if (!before) return err('growth_level_not_found');
        await store.deleteLevel(tx, id);
        await recordAudit(tx, ctx, { action: 'growth.level_deleted', entityType: 'growth_level', entityId: id, organizationId: null, before: levelView(before), after: null });
        return ok(levelView(before));
      });
    },

    memberLevel,

    /**
     * The public privileges check: fulfilment asks whether to ship first, the catalog and the shop
     * whether hot products are open to this member, the invite engine for the extra commission rate.
     */
    async privilegesOf(memberId: string, reader: Db = db): Promise<Privileges> {
      return (await memberLevel(memberId, reader)).privileges;
    },

    /** The lowest level that grants hot-product access, named in the shop's badge and checkout's refusal; null when none does. */
    async lowestWithHotProductAccess(reader: Db = db): Promise<LevelView | null> {
      const rows = await store.levels(reader);
      const ranked = rankLevels(rows.map(levelFromRow)).filter((level) => level.hotProductAccess);
      const lowest = ranked[0];
      return lowest ? levelView(rows.find((row) => row.id === lowest.id)!) : null;
    },
  };
}
export type LevelService = ReturnType<typeof createLevelService>;
