import pg from 'pg';
import { CONCURRENCY, POOL_SIZE, post, postJson, runFor, startCommerceFixture } from './commerce-fixture.ts';
import { median } from './load.ts';

const DURATION_MS = 10_000;
const EVENTS_PER_BATCH = 50;
const VISITORS_PER_CLIENT = 25;
const OWNER_PHONES = ['13600000001', '13600000002', '13600000003', '13700000001', '13700000002', '13700000003'];

/** One batch as a card page sends it: a view, heartbeats, module views, product clicks, a share. */
function batchEvents(productIds: readonly string[], at: string) {
  return Array.from({ length: EVENTS_PER_BATCH }, (_, index) => {
    if (index === 0) return { kind: 'view', at };
    if (index % 5 === 1) return { kind: 'product_click', at, productId: productIds[index % productIds.length]! };
    if (index % 5 === 2) return { kind: 'module_view', at, module: 'products' };
    if (index === EVENTS_PER_BATCH - 1) return { kind: 'share', at, detail: { channel: 'wechat' } };
    return { kind: 'dwell', at, seconds: 15, ...(index % 5 === 3 ? { productId: productIds[index % productIds.length]! } : {}) };
  });
}

/** The same rows through `pg` directly: one multi-row INSERT per batch, synchronous_commit off like the app's tracking transactions. */
async function bareInsertRowsPerSecond(url: string, rows: (visitorId: string) => unknown[][], visitorIds: string[][]): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, options: '-c synchronous_commit=off' });
  const columns = ['card_id', 'owner_user_id', 'organization_id', 'visitor_id', 'user_id', 'kind', 'occurred_at', 'received_at', 'share_id', 'forwarder_visitor_id', 'product_id', 'module', 'seconds', 'detail'];
  try {
    const batches = await runFor(DURATION_MS, CONCURRENCY, async (worker, iteration) => {
      const values = rows(visitorIds[worker]![iteration % VISITORS_PER_CLIENT]!);
      const placeholders = values.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`).join(', ');
      await pool.query(`insert into radar_events (${columns.join(', ')}) values ${placeholders}`, values.flat());
      return true;
    });
    return (batches * EVENTS_PER_BATCH) / (DURATION_MS / 1000);
  } finally {
    await pool.end();
  }
}

/** Server response time of the public card page, `concurrency` readers for `durationMs`. */
async function cardPageTimes(baseUrl: string, cardIds: string[], durationMs: number, concurrency: number): Promise<{ p50Ms: number; p95Ms: number }> {
  const times: number[] = [];
  await runFor(durationMs, concurrency, async (worker, iteration) => {
    const startedAt = performance.now();
    const response = await fetch(`${baseUrl}/public/cards/${cardIds[(worker + iteration) % cardIds.length]}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`card page answered ${response.status}`);
    times.push(performance.now() - startedAt);
    return true;
  });
  times.sort((a, b) => a - b);
  return { p50Ms: Math.round(median(times) * 10) / 10, p95Ms: Math.round(times[Math.floor(times.length * 0.95)]! * 10) / 10 };
}

/**
 * Tracking events accepted per second over HTTP (POST /t/events, 50 events per batch, CONCURRENCY
 * clients, consented visitors so every event is stored per person) against bare multi-row INSERTs of
 * the same rows through `pg` with the same pool size and concurrency, in the same run. Also prints
 * the public card page's p50/p95 response time.
 */
export async function run() {
  process.env.BENCH_TRACKING_UNLIMITED = '1';
  const fixture = await startCommerceFixture(0);
  try {
    const cards: { cardId: string; token: string }[] = [];
    for (const phone of OWNER_PHONES) {
      const login = await postJson(`${fixture.baseUrl}/shop/auth/login`, { phone, password: 'demo1234' });
      const card = await (await fetch(`${fixture.baseUrl}/shop/cards/me`, { headers: { authorization: `Bearer ${login.body.token}` } })).json() as { id: string };
      const share = await postJson(`${fixture.baseUrl}/shop/cards/${card.id}/shares`, {}, login.body.token);
      if (share.status !== 201) throw new Error(`share answered ${share.status}: ${JSON.stringify(share.body)}`);
      cards.push({ cardId: card.id, token: share.body.token });
    }
    const { rows: productRows } = await fixture.database.executeSql("select id from products where status = 'on_sale' order by id limit 12", []);
    const productIds = (productRows as { id: string }[]).map((row) => row.id);
    const visitorIds = Array.from({ length: CONCURRENCY }, (_, worker) => Array.from({ length: VISITORS_PER_CLIENT }, (__, index) => `bench-visitor-${worker}-${index}-0000000000`));
    const cardOf = (worker: number, index: number) => cards[(worker * VISITORS_PER_CLIENT + index) % cards.length]!;
    for (const [worker, ids] of visitorIds.entries()) {
      for (const [index, visitorId] of ids.entries()) {
        const consent = await postJson(`${fixture.baseUrl}/t/consent`, { visitorId, cardId: cardOf(worker, index).cardId, granted: true });
        if (consent.status !== 200) throw new Error(`consent answered ${consent.status}: ${JSON.stringify(consent.body)}`);
      }
    }

    const headers = { 'content-type': 'application/json' };
    const accepted = await runFor(DURATION_MS, CONCURRENCY, async (worker, iteration) => {
      const index = iteration % VISITORS_PER_CLIENT;
      const card = cardOf(worker, index);
      const body = JSON.stringify({ visitorId: visitorIds[worker]![index]!, cardId: card.cardId, shareToken: card.token, events: batchEvents(productIds, new Date().toISOString()) });
      const response = await post(`${fixture.baseUrl}/t/events`, headers, body);
      if (response.status !== 202) throw new Error(`tracking answered ${response.status}: ${response.text}`);
      return true;
    });
    const stored = (await fixture.database.executeSql('select count(*)::int as n from radar_events', [])).rows[0] as { n: number };
    if (stored.n !== accepted * EVENTS_PER_BATCH) throw new Error(`${accepted * EVENTS_PER_BATCH} events accepted but ${stored.n} stored`);
    const value = (accepted * EVENTS_PER_BATCH) / (DURATION_MS / 1000);
    console.error(`card-events: ${accepted} batches of ${EVENTS_PER_BATCH} events in ${DURATION_MS / 1000} s (${CONCURRENCY} clients, pool ${POOL_SIZE}) = ${Math.round(value)} events/s`);

    const page = await cardPageTimes(fixture.baseUrl, cards.map((card) => card.cardId), 5_000, 8);
    console.error(`card page: GET /public/cards/{id} p50 ${page.p50Ms} ms, p95 ${page.p95Ms} ms (8 concurrent readers)`);

    // The same rows the app stored, for the baseline (the first card's attribution stands for all).
    const { rows: sample } = await fixture.database.executeSql('select card_id, owner_user_id, organization_id, share_id from radar_events limit 1', []);
    const first = sample[0] as { card_id: string; owner_user_id: string; organization_id: string; share_id: string | null };
    const rowsOf = (visitorId: string) => {
      const now = new Date();
      return batchEvents(productIds, now.toISOString()).map((event: any) => [
        first.card_id, first.owner_user_id, first.organization_id, visitorId, null, event.kind, now, now, first.share_id, null,
        event.productId ?? null, event.module ?? null, event.seconds ?? null, event.detail ? JSON.stringify(event.detail) : null,
      ]);
    };
    const baseline = await bareInsertRowsPerSecond(fixture.database.url!, rowsOf, visitorIds);
    console.error(`baseline: ${Math.round(baseline)} rows/s through bare multi-row INSERTs`);
    return { value: Math.round(value), unit: 'tracking events/s', baseline: Math.round(baseline), cardPageP50Ms: page.p50Ms, cardPageP95Ms: page.p95Ms };
  } finally {
    await fixture.stop();
  }
}
