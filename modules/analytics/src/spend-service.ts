import { recordAudit } from '@linkmall/audit';
import { inTransaction, isUniqueViolation, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { AnalyticsErrorCode } from './analytics-errors.ts';
import { big } from './rollup-sql.ts';

/** Marketing spend: append-only entries per day, channel, region, team, merchant and campaign; mistakes are reversed. */

export const SPEND_CHANNELS = ['card', 'distribution', 'direct'] as const;
export type SpendChannel = (typeof SPEND_CHANNELS)[number];

export interface NewSpend {
  readonly day: string;
  readonly channel: SpendChannel;
  readonly amountFen: bigint;
  readonly province?: string | undefined;
  readonly city?: string | undefined;
  readonly teamId?: string | undefined;
  readonly merchantId?: string | undefined;
  readonly campaign?: string | undefined;
  readonly note?: string | undefined;
}

export interface SpendView {
  readonly id: string;
  readonly kind: 'entry' | 'reversal';
  readonly day: string;
  readonly channel: SpendChannel;
  readonly amountFen: bigint;
  readonly province: string | null;
  readonly city: string | null;
  readonly teamId: string | null;
  readonly merchantId: string | null;
  readonly campaign: string | null;
  readonly note: string | null;
  readonly reversesId: string | null;
  readonly reversedById: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

interface SpendRow {
  id: string;
  kind: 'entry' | 'reversal';
  day: string;
  channel: SpendChannel;
  amount_fen: unknown;
  province: string | null;
  city: string | null;
  team_id: string | null;
  merchant_id: string | null;
  campaign: string | null;
  note: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  created_by: string;
  created_at: Date;
}

const SELECT = sql`select s.id, s.kind, s.day::text as day, s.channel, s.amount_fen, s.province, s.city, s.team_id, s.merchant_id, s.campaign, s.note,
  s.reverses_id, r.id as reversed_by_id, s.created_by, s.created_at
  from analytics_spend s left join analytics_spend r on r.reverses_id = s.id`;

const view = (row: SpendRow): SpendView => ({
  id: row.id,
  kind: row.kind,
  day: row.day,
  channel: row.channel,
  amountFen: big(row.amount_fen),
  province: row.province,
  city: row.city,
  teamId: row.team_id,
  merchantId: row.merchant_id,
  campaign: row.campaign,
  note: row.note,
  reversesId: row.reverses_id,
  reversedById: row.reversed_by_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

async function find(tx: Db, id: string): Promise<SpendView | null> {
  const row = (await sql<SpendRow>`${SELECT} where s.id = ${id}`.execute(tx)).rows[0];
  return row ? view(row) : null;
}

async function insert(tx: Db, row: Omit<SpendView, 'reversedById'>): Promise<void> {
  await sql`insert into analytics_spend (id, kind, day, channel, amount_fen, province, city, team_id, merchant_id, campaign, note, reverses_id, created_by, created_at)
    values (${row.id}, ${row.kind}, ${row.day}::date, ${row.channel}, ${row.amountFen.toString()}::bigint, ${row.province}, ${row.city}, ${row.teamId},
      ${row.merchantId}, ${row.campaign}, ${row.note}, ${row.reversesId}, ${row.createdBy}, ${row.createdAt})`.execute(tx);
}

const audited = (entry: SpendView) => ({ ...entry, amountFen: Number(entry.amountFen), createdAt: entry.createdAt.toISOString() });

/** Spend is the platform's: only platform staff (data scope all) record, list or reverse it. */
const platformWide = (ctx: RequestContext) => ctx.actor?.scope.kind === 'all';

/** Checks that a spend names a merchant and a team that exist. */
export interface SpendTargets {
  isMerchant(id: string): Promise<boolean>;
  isTeamBoss(id: string): Promise<boolean>;
}

export function createSpendService(db: Db, targets: SpendTargets) {
  return {
    /** Records one entry (audited). */
    async record(ctx: RequestContext, input: NewSpend): Promise<Result<SpendView, AnalyticsErrorCode>> {
      if (!platformWide(ctx)) return err('analytics_scope_not_found');
      if (input.merchantId && !(await targets.isMerchant(input.merchantId))) return err('analytics_spend_target_invalid');
      if (input.teamId && !(await targets.isTeamBoss(input.teamId))) return err('analytics_spend_target_invalid');
      const now = ctx.clock.now();
      const entry: SpendView = {
        id: newId('spd', now.getTime()),
        kind: 'entry',
        day: input.day,
        channel: input.channel,
        amountFen: input.amountFen,
        province: input.province ?? null,
        city: input.city ?? null,
        teamId: input.teamId ?? null,
        merchantId: input.merchantId ?? null,
        campaign: input.campaign ?? null,
        note: input.note ?? null,
        reversesId: null,
        reversedById: null,
        createdBy: ctx.actor!.userId,
        createdAt: now,
      };
      await inTransaction(db, async (tx) => {
        await insert(tx, entry);
        await recordAudit(tx, ctx, { action: 'analytics_spend.recorded', entityType: 'analytics_spend', entityId: entry.id, organizationId: entry.merchantId, before: null, after: audited(entry) });
      });
      return ok(entry);
    },

    async list(ctx: RequestContext, query: PageRequest & { from?: string | undefined; to?: string | undefined; channel?: SpendChannel | undefined; campaign?: string | undefined }) {
      const where = sql.join(
        [
          sql`true`,
          ...(query.from ? [sql`s.day >= ${query.from}::date`] : []),
          ...(query.to ? [sql`s.day <= ${query.to}::date`] : []),
          ...(query.channel ? [sql`s.channel = ${query.channel}`] : []),
          ...(query.campaign ? [sql`s.campaign = ${query.campaign}`] : []),
        ],
        sql` and `,
      );
      if (!platformWide(ctx)) return { items: [], total: 0 };
      const { limit, offset } = pageWindow(query);
      const rows = (await sql<SpendRow & { total: unknown }>`select *, count(*) over () as total from (${SELECT} where ${where}) as entry
        order by day desc, created_at desc, id desc limit ${limit} offset ${offset}`.execute(db)).rows;
      const total = rows.length > 0 ? Number(big(rows[0]!.total)) : Number(big((await sql<{ total: unknown }>`select count(*) as total from analytics_spend s where ${where}`.execute(db)).rows[0]!.total));
      return { items: rows.map(view), total };
    },

    /** Reverses an entry with a negative one linked to it (audited); an entry is reversed at most once. */
    async reverse(ctx: RequestContext, id: string, reason: string): Promise<Result<SpendView, AnalyticsErrorCode>> {
      if (!platformWide(ctx)) return err('analytics_spend_not_found');
      try {
        return await inTransaction(db, async (tx) => {
          // Serialises reversals of one entry; the unique reverses_id is the last word.
          await sql`select pg_advisory_xact_lock(hashtext(${`analytics_spend:${id}`}))`.execute(tx);
          const entry = await find(tx, id);
          if (!entry) return err('analytics_spend_not_found');
          if (entry.kind === 'reversal') return err('analytics_spend_is_reversal');
          if (entry.reversedById) return err('analytics_spend_already_reversed');
          const now = ctx.clock.now();
          const reversal: SpendView = { ...entry, id: newId('spd', now.getTime()), kind: 'reversal', amountFen: -entry.amountFen, note: reason, reversesId: entry.id, reversedById: null, createdBy: ctx.actor!.userId, createdAt: now };
          await insert(tx, reversal);
          await recordAudit(tx, ctx, { action: 'analytics_spend.reversed', entityType: 'analytics_spend', entityId: entry.id, organizationId: entry.merchantId, before: audited(entry), after: audited(reversal) });
          return ok(reversal);
        });
      } catch (error) {
        if (isUniqueViolation(error)) return err('analytics_spend_already_reversed');
        throw error;
      }
    },
  };
}
export type SpendService = ReturnType<typeof createSpendService>;
