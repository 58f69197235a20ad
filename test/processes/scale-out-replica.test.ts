import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, replicaConfigFromEnv, type Database } from '@linkmall/db';
import { createInProcessBroadcast, createInProcessLimits } from '@linkmall/events';
import { createTestDatabase, testServerUrl } from '@linkmall/testing';
import { createApp } from '../../apps/api/src/create-app.ts';
import { seedDemo } from '../../apps/api/src/demo-seed.ts';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';

/**
 * DATABASE_REPLICA_URL routing: the "replica" here is a second copy of the seeded database whose
 * catalog titles and analytics roll-ups were changed after the copy, so every answer shows which
 * handle it was read from. Shop search and listings and the analytics dashboard must come from the
 * replica; the product page (live stock), logins, admin pages and writes from the primary.
 */

const serverUrl = await testServerUrl();
const REPLICA_MARK = '（副本）';
const REPLICA_GMV_FEN = 123_456_789;

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

describe('read replica configuration', () => {
  it('is optional, needs a server primary and a postgres URL', () => {
    const primary = { driver: 'postgres' as const, url: 'postgres://db/app', poolSize: 7 };
    expect(replicaConfigFromEnv({}, primary)).toBeNull();
    expect(replicaConfigFromEnv({ DATABASE_REPLICA_URL: 'postgres://replica/app' }, primary)).toEqual({ driver: 'postgres', url: 'postgres://replica/app', poolSize: 7, applicationName: 'linkmall-replica' });
    expect(() => replicaConfigFromEnv({ DATABASE_REPLICA_URL: 'postgres://replica/app' }, { driver: 'pglite', dataDir: 'x' })).toThrow(/DATABASE_URL/);
    expect(() => replicaConfigFromEnv({ DATABASE_REPLICA_URL: 'mysql://replica/app' }, primary)).toThrow(/postgres/);
  });
});

describe.skipIf(!serverUrl)('read replica routing (DATABASE_REPLICA_URL)', () => {
  const names: string[] = [];
  let primary: Database;
  let replica: Database;
  let app: ReturnType<typeof createApp>;
  let productId: string;
  let productTitle: string;

  beforeAll(async () => {
    const piiKey = randomBytes(32);
    const seed = await createTestDatabase();
    await seedDemo(createPlatform(seed, inProcessPlatformOptions(piiKey)));
    await seed.close();
    const seedName = new URL(seed.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    try {
      for (const role of ['primary', 'replica']) {
        const name = `${seedName}_${role}`;
        await admin.query(`create database "${name}" template "${seedName}"`);
        names.push(name);
      }
      await admin.query(`drop database "${seedName}" with (force)`);
    } finally {
      await admin.end();
    }
    primary = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl!, names[0]!), poolSize: 3 });
    replica = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl!, names[1]!), poolSize: 3 });
    // The copies drift apart: only the replica has these titles and this day's roll-up.
    await replica.executeSql(`update products set title = title || '${REPLICA_MARK}'`);
    await replica.executeSql(`insert into analytics_daily (scope_kind, scope_id, day, orders, gmv_fen) values ('platform', '', '2026-01-15', 7, ${REPLICA_GMV_FEN})`);
    const [product] = (await primary.executeSql("select id, title from products where status = 'on_sale' order by id limit 1")).rows as { id: string; title: string }[];
    productId = product!.id;
    productTitle = product!.title;
    const platform = createPlatform(primary, inProcessPlatformOptions(piiKey, { scaleOut: { broadcast: createInProcessBroadcast(), limits: createInProcessLimits(), replica } }));
    app = createApp(platform, { openApiPartners: new Map() });
  }, 120_000);

  afterAll(async () => {
    await primary?.close();
    await replica?.close();
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    for (const name of names) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  const json = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await app.request(path, {
      method,
      headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as any };
  };
  const login = async (phone: string, surface: 'admin' | 'shop') => (await json('POST', `/${surface}/auth/login`, { body: { phone, password: 'demo1234' } })).body.token as string;

  it('serves shop search from the replica; the product page (live stock) and admin pages from the primary', async () => {
    const search = await json('GET', `/shop/search?q=${encodeURIComponent(productTitle)}`);
    expect(search.status).toBe(200);
    expect(search.body.items.find((item: { id: string }) => item.id === productId)?.title).toBe(`${productTitle}${REPLICA_MARK}`);
    const page = await json('GET', `/shop/products/${productId}`);
    expect(page.body.title).toBe(productTitle);
    const admin = await json('GET', `/admin/products/${productId}`, { token: await login('13800000001', 'admin') });
    expect(admin.status).toBe(200);
    expect(admin.body.title).toBe(productTitle);
  });

  it('answers the analytics dashboard from the replica', async () => {
    const token = await login('13800000001', 'admin');
    const kpis = await json('GET', '/admin/analytics/kpis?scope=platform&from=2026-01-01&to=2026-01-31', { token });
    expect(kpis.status).toBe(200);
    expect(kpis.body.kpis.find((kpi: { key: string }) => kpi.key === 'gmv')?.value).toBe(REPLICA_GMV_FEN);
  });

  it('keeps writes (sessions of a login) on the primary', async () => {
    const count = async (database: Database) => Number(((await database.executeSql('select count(*)::int as n from sessions')).rows[0] as { n: number }).n);
    const before = { primary: await count(primary), replica: await count(replica) };
    await login('13500000001', 'shop');
    expect(await count(primary)).toBe(before.primary + 1);
    expect(await count(replica)).toBe(before.replica);
  });
});
