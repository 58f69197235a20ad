import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { rollUpTracking } from '../src/index.ts';
import { analyticsWorld } from './analytics-world.ts';

/**
 * The tracking watermark never steps over a row still being written: an id taken by an open
 * transaction is below the ids committed after it, and must be counted once it commits.
 */
let database: TestDatabase;
const clock = fixedClock(new Date('2026-05-02T00:00:00Z'));
const owner = { userId: 'usr_gw', organizationId: 'org_mw' };
const views = async () => Number(((await database.executeSql(`select coalesce(sum(views), 0)::int as views from analytics_daily where scope_kind = 'platform'`, [])).rows[0] as { views: number }).views);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.destroy());

describe('the tracking watermark', () => {
  it.skipIf(process.env.TEST_DATABASE_URL === 'pglite')('waits for a transaction that took an id before later rows committed', async () => {
    expect(database.pool, 'a PostgreSQL server: PGlite has one connection').toBeDefined();
    const world = analyticsWorld(database);
    await world.track('crd_w', owner, 'visitor-w-0000000001', 'view', '2026-05-01T10:00:00+08:00');
    expect(await rollUpTracking(database.db, clock)).toEqual({ fromId: '0', throughId: '1' });

    const slow = await database.pool!.connect();
    try {
      await slow.query('begin');
      await slow.query(`insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, kind, occurred_at, received_at)
        values ('crd_w', 'usr_gw', 'org_mw', 'visitor-w-0000000002', 'view', '2026-05-01T11:00:00+08:00', now())`);
      // Committed after the open transaction took its id (2): id 3.
      await world.track('crd_w', owner, 'visitor-w-0000000003', 'view', '2026-05-01T12:00:00+08:00');
      expect((await rollUpTracking(database.db, clock)).throughId).toBe('1');
      expect((await rollUpTracking(database.db, clock)).throughId).toBe('1');
      expect(await views()).toBe(1);
      await slow.query('commit');
    } finally {
      slow.release();
    }
    // The writer seen with the previous high mark has ended: everything up to it is final.
    expect((await rollUpTracking(database.db, clock)).throughId).toBe('3');
    expect(await views()).toBe(3);
    expect(await rollUpTracking(database.db, clock)).toEqual({ fromId: '3', throughId: '3' });
  });
});
