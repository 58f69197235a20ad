import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpTracking } from '@linkmall/analytics';
import { createRadarRetention } from '@linkmall/flows';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { radarRetention } from '../src/privacy-jobs.ts';
import { configFromEnv } from '../src/config.ts';
import { offsetClock } from './integration-fixtures.ts';

/**
 * Retention of raw visitor tracking (RADAR_RETENTION_DAYS): old rows are purged in batches, but only
 * below what the analytics roll-up and the recommendations have already read, so their aggregates
 * stay and their watermark jobs carry on.
 */
const DAY_MS = 24 * 3_600_000;
const clock = offsetClock();
let t: TestPlatform;
let owner: { id: string; organization_id: string };

const sql = async <T = any>(text: string, params: unknown[] = []) => (await t.database.executeSql(text, params)).rows as T[];

async function track(count: number, daysAgo: number): Promise<void> {
  const at = new Date(clock.now().getTime() - daysAgo * DAY_MS);
  await sql(
    `insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, kind, occurred_at, received_at)
     select 'crd_retention', $1, $2, 'vis_retention_' || n, 'view', $3, $3 from generate_series(1, $4::int) n`,
    [owner.id, owner.organization_id, at, count],
  );
}

const setCardWatermark = (position: string) =>
  sql(
    `insert into recommendation_watermarks (name, position, updated_at) values ('radar.product-interests', $1, now())
     on conflict (name) do update set position = excluded.position`,
    [position],
  );
const maxId = async () => (await sql<{ id: string }>('select coalesce(max(id), 0)::text as id from radar_events'))[0]!.id;
const countOld = async () => Number((await sql<{ n: number }>("select count(*)::int as n from radar_events where card_id = 'crd_retention' and occurred_at < now() - interval '150 days'"))[0]!.n);
const rollups = () => sql<{ row: string }>('select d::text as row from analytics_daily d order by 1');

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  owner = (await sql<{ id: string; organization_id: string }>("select id, organization_id from users where display_name = '吴婷'"))[0]!;
});
afterAll(() => t?.close());

describe('radar retention', () => {
  it('reads RADAR_RETENTION_DAYS (default 180, 0 keeps everything) and refuses nonsense', () => {
    const base = { DATA_DIR: '/nonexistent-linkmall-test', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), SANDBOX_PAYMENT_SECRET: 'x'.repeat(40) };
    expect(configFromEnv(base).privacy.radarRetentionDays).toBe(180);
    expect(configFromEnv({ ...base, RADAR_RETENTION_DAYS: '0' }).privacy.radarRetentionDays).toBe(0);
    expect(() => configFromEnv({ ...base, RADAR_RETENTION_DAYS: '-3' })).toThrow(/RADAR_RETENTION_DAYS/);
    expect(configFromEnv(base).privacy.deletionCoolingOffMs).toBe(7 * DAY_MS);
  });

  it('purges old rows in batches only below both readers’ watermarks, keeping the roll-ups', async () => {
    await track(25, 200);
    await track(5, 10);
    // Analytics has rolled everything up; recommendations read only the first 10 old rows so far.
    await rollUpTracking(t.platform.db, clock);
    const rolledUp = await rollups();
    const firstId = (await sql<{ id: string }>("select min(id)::text as id from radar_events where card_id = 'crd_retention'"))[0]!.id;
    await setCardWatermark(String(BigInt(firstId) + 9n));

    const retention = radarRetention(t.platform, 4);
    const first = await retention.purge(clock.now());
    expect(first.purged).toBe(10);
    expect(await countOld()).toBe(15);

    // Once recommendations catch up, the rest of the old rows go (in batches of 4); recent rows stay.
    await setCardWatermark(await maxId());
    const second = await retention.purge(clock.now());
    expect(second.purged).toBe(15);
    expect(await countOld()).toBe(0);
    expect(Number((await sql("select count(*)::int as n from radar_events where card_id = 'crd_retention'"))[0].n)).toBe(5);

    // The aggregates are unchanged, and the watermark job goes on over new rows.
    expect(await rollups()).toEqual(rolledUp);
    await track(3, 0);
    const report = await rollUpTracking(t.platform.db, clock);
    expect(BigInt(report.throughId)).toBeGreaterThan(BigInt(report.fromId));
  });

  it('keeps rows the analytics roll-up has not read yet, and keeps everything with 0 days', async () => {
    await track(6, 300);
    await setCardWatermark(await maxId());
    // The analytics watermark is still below these rows: nothing goes.
    expect((await radarRetention(t.platform).purge(clock.now())).purged).toBe(0);
    await rollUpTracking(t.platform.db, clock);
    const keepAll = createRadarRetention({ db: t.platform.db, retentionDays: 0, readerWatermarks: async () => [BigInt(await maxId())] });
    expect((await keepAll.purge(clock.now())).purged).toBe(0);
    expect((await radarRetention(t.platform).purge(clock.now())).purged).toBe(6);
  });
});
