import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { campaignIssues, transition, type BudgetUnit, type CampaignAction, type CampaignRules, type CampaignStatus, type EndedReason, type InviteTier, type LadderStep } from './domain/campaign.ts';
import { campaignStore as store, type CampaignRow } from './campaign-store.ts';
import type { GrowthErrorCode } from './growth-errors.ts';
import { growthEvent } from './growth-events.ts';

export interface CampaignInput {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly budgetUnit: BudgetUnit;
  readonly budgetTotal: bigint;
  readonly minOrderFen: bigint;
  readonly ladder: readonly LadderStep[];
  readonly tiers: readonly InviteTier[];
}

export type CampaignPatch = Partial<CampaignInput>;

export interface CampaignView {
  id: string;
  nameZh: string;
  nameEn: string;
  status: CampaignStatus;
  startsAt: string;
  endsAt: string;
  budgetUnit: BudgetUnit;
  budgetTotal: number;
  budgetSpent: number;
  budgetRemaining: number;
  minOrderFen: number;
  ladder: LadderStep[];
  tiers: InviteTier[];
  endedReason: EndedReason | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const campaignView = (row: CampaignRow): CampaignView => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  status: row.status,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  budgetUnit: row.budget_unit,
  budgetTotal: Number(row.budget_total),
  budgetSpent: Number(row.budget_spent),
  budgetRemaining: Number(row.budget_total - row.budget_spent),
  minOrderFen: Number(row.min_order_fen),
  ladder: row.ladder,
  tiers: row.tiers,
  endedReason: row.ended_reason,
  endedAt: row.ended_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const rulesOf = (row: CampaignRow): CampaignInput => ({
  nameZh: row.name_zh,
  nameEn: row.name_en,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  budgetUnit: row.budget_unit,
  budgetTotal: row.budget_total,
  minOrderFen: row.min_order_fen,
  ladder: row.ladder,
  tiers: row.tiers,
});

function invalid(issues: { path: string; code: string }[]) {
  return err('growth_campaign_invalid' as const, { issues, summary: issues.map((issue) => `${issue.path}: ${issue.code}`).join('; ') });
}

/**
 * Campaign configuration: drafts are edited freely; once a campaign has started only its end date
 * and budget change (never below what it spent); activate, pause, resume and end follow the
 * lifecycle map. Every write is audited.
 */
export function createCampaignService(db: Db) {
  async function audit(tx: Db, ctx: RequestContext, action: string, before: CampaignRow | null, after: CampaignRow) {
    await recordAudit(tx, ctx, { action, entityType: 'growth_campaign', entityId: after.id, organizationId: null, before: before ? campaignView(before) : null, after: campaignView(after) });
  }

  return {
    async list(status: CampaignStatus | undefined, page: PageRequest): Promise<{ items: CampaignView[]; total: number }> {
      const { items, total } = await store.campaigns(db, status, page);
      return { items: items.map(campaignView), total };
    },

    async get(id: string): Promise<Result<CampaignView & { rewardCounts: { granted: number; reduced: number; refused: number } }, GrowthErrorCode>> {
      const row = await store.campaign(db, id);
      if (!row) return err('growth_campaign_not_found');
      const counts = Object.fromEntries((await store.rewardTotals(db, id)).map((entry) => [entry.decision, Number(entry.count)]));
      return ok({ ...campaignView(row), rewardCounts: { granted: counts.granted ?? 0, reduced: counts.reduced ?? 0, refused: counts.refused ?? 0 } });
    },

    async create(ctx: RequestContext, input: CampaignInput): Promise<Result<CampaignView, GrowthErrorCode>> {
      const issues = campaignIssues(input satisfies CampaignRules);
      if (issues.length > 0) return invalid(issues);
      return inTransaction(db, async (tx) => {
        const now = ctx.clock.now();
        const row = await store.insertCampaign(tx, {
          id: newId('gcp', now.getTime()),
          name_zh: input.nameZh,
          name_en: input.nameEn,
          status: 'draft',
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          budget_unit: input.budgetUnit,
          budget_total: input.budgetTotal,
          budget_spent: 0n,
          min_order_fen: input.minOrderFen,
          ladder: JSON.stringify(input.ladder),
          tiers: JSON.stringify(input.tiers),
          ended_reason: null,
          ended_at: null,
          created_by: ctx.actor?.userId ?? null,
          created_at: now,
          updated_at: now,
        });
        await audit(tx, ctx, 'growth.campaign_created', null, row);
        return ok(campaignView(row));
      });
    },

    async update(ctx: RequestContext, id: string, patch: CampaignPatch): Promise<Result<CampaignView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.campaign(tx, id, true);
        if (!before) return err('growth_campaign_not_found');
        if (before.status === 'ended') return err('growth_campaign_ended');
        const changed = Object.keys(patch).filter((key) => patch[key as keyof CampaignPatch] !== undefined);
        // Once running, members have been promised the rules: only the end date and the budget may move.
        if (before.status !== 'draft' && changed.some((key) => key !== 'endsAt' && key !== 'budgetTotal')) return err('growth_campaign_not_editable');
        const merged: CampaignInput = { ...rulesOf(before), ...Object.fromEntries(changed.map((key) => [key, patch[key as keyof CampaignPatch]])) };
        const issues = campaignIssues(merged);
        if (issues.length > 0) return invalid(issues);
        if (merged.budgetTotal < before.budget_spent) return err('growth_budget_below_spent', { spent: Number(before.budget_spent) });
        const updated = await store.updateCampaign(tx, id, {
          name_zh: merged.nameZh,
          name_en: merged.nameEn,
          starts_at: merged.startsAt,
          ends_at: merged.endsAt,
          budget_unit: merged.budgetUnit,
          budget_total: merged.budgetTotal,
          min_order_fen: merged.minOrderFen,
          ladder: JSON.stringify(merged.ladder),
          tiers: JSON.stringify(merged.tiers),
          updated_at: ctx.clock.now(),
        });
        await audit(tx, ctx, 'growth.campaign_updated', before, updated);
        return ok(campaignView(updated));
      });
    },

    /** activate / pause / resume / end, through the lifecycle map. */
    async act(ctx: RequestContext, id: string, action: CampaignAction): Promise<Result<CampaignView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.campaign(tx, id, true);
        if (!before) return err('growth_campaign_not_found');
        const next = transition(before.status, action);
        if (!next) return err('growth_campaign_transition_invalid', { status: before.status, action });
        const now = ctx.clock.now();
        // A campaign past its end date cannot start or restart; it can only be ended.
        if (next === 'active' && before.ends_at <= now) return invalid([{ path: 'endsAt', code: 'already_over' }]);
        const updated = await store.updateCampaign(tx, id, { status: next, updated_at: now, ...(next === 'ended' ? { ended_reason: 'manual', ended_at: now } : {}) });
        await audit(tx, ctx, `growth.campaign_${action === 'end' ? 'ended' : action === 'activate' ? 'activated' : action === 'pause' ? 'paused' : 'resumed'}`, before, updated);
        if (next === 'ended') await publishEvent(tx, ctx, growthEvent('growth.campaign_ended', id, { campaignId: id, reason: 'manual' }));
        return ok(campaignView(updated));
      });
    },

    /** The scheduled end: active or paused campaigns past their end date end with reason end_date. */
    async endExpired(ctx: RequestContext): Promise<number> {
      let ended = 0;
      for (const candidate of await store.pastEnd(db, ctx.clock.now())) {
        ended += await inTransaction(db, async (tx) => {
          const before = await store.campaign(tx, candidate.id, true);
          const now = ctx.clock.now();
          if (!before || (before.status !== 'active' && before.status !== 'paused') || before.ends_at > now) return 0;
          const updated = await store.updateCampaign(tx, before.id, { status: 'ended', ended_reason: 'end_date', ended_at: now, updated_at: now });
          await audit(tx, ctx, 'growth.campaign_ended', before, updated);
          await publishEvent(tx, ctx, growthEvent('growth.campaign_ended', before.id, { campaignId: before.id, reason: 'end_date' }));
          return 1;
        });
      }
      return ended;
    },
  };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
