import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku, signUp } from './distribution-checkout.ts';
import { offsetClock, placeOrder, signedGet } from './integration-fixtures.ts';

const clock = offsetClock();
const envSecret = 'env-partner-secret-0123456789';
let t: TestPlatform;
let admin: string;

beforeAll(async () => {
  t = await startTestPlatform({ clock, openApiPartners: new Map([['erp-env', envSecret]]) });
  admin = await t.login('13800000001');
});
afterAll(() => t?.close());

async function createKey(scopes: string[]): Promise<{ id: string; secret: string }> {
  const created = await t.json('POST', '/admin/integrations/api-keys', { token: admin, body: { name: `ERP ${scopes.join(' ')}`, scopes } });
  expect(created.status).toBe(201);
  return { id: created.body.key.id, secret: created.body.secret };
}

/** Every item of a feed, page by page with `limit`, following nextCursor until hasMore is false. */
async function walk(key: { id: string; secret: string }, path: string, limit: number, since?: string) {
  const items: any[] = [];
  let cursor = since;
  for (let pages = 0; pages < 100; pages++) {
    const page = await signedGet(t, clock, key.id, key.secret, `${path}?limit=${limit}${cursor ? `&since=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    cursor = page.body.nextCursor;
    if (!page.body.hasMore) return { items, cursor };
  }
  throw new Error('the feed did not end');
}

describe('partner API keys and the /open/v1 feeds', () => {
  it('documents the feeds with their scopes in a valid OpenAPI document', async () => {
    const document = (await t.json('GET', '/openapi.json')).body;
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    for (const [path, scope] of [['/open/v1/orders', 'orders:read'], ['/open/v1/reward-lines', 'rewards:read'], ['/open/v1/leads', 'leads:read'], ['/open/v1/members', 'members:read']] as const) {
      expect(document.paths[path].get['x-access']).toEqual({ kind: 'signed' });
      expect(document.paths[path].get['x-partner-scope']).toBe(scope);
    }
    expect(document.paths['/open/v1/export-runs/{id}/file']).toBeDefined();
  });

  it('pages through orders in placement order with a since cursor; new orders appear after the cursor', async () => {
    const placed = [await placeOrder(t, { pay: true }), await placeOrder(t, { pay: false }), await placeOrder(t, { pay: false })];
    const key = await createKey(['orders:read']);
    // Rows of the last five seconds are held back until their transactions have surely committed.
    const fresh = await signedGet(t, clock, key.id, key.secret, '/open/v1/orders');
    expect(fresh.body.items.map((order: any) => order.orderId)).not.toContain(placed[2]);
    clock.advance(10_000);

    const { items, cursor } = await walk(key, '/open/v1/orders', 2);
    expect(items.map((order) => order.orderId)).toEqual([...placed].sort());
    const paid = items.find((order) => order.orderId === placed[0]);
    expect(paid).toMatchObject({ paymentStatus: 'paid', shippingRegion: { province: '浙江省', city: '杭州市', district: '西湖区' } });
    expect(Number.isInteger(paid.payableFen)).toBe(true);
    expect(paid.lines[0].quantity).toBe(1);
    expect(JSON.stringify(paid)).not.toContain('13500000222');

    const idle = await signedGet(t, clock, key.id, key.secret, `/open/v1/orders?since=${cursor}`);
    expect(idle.body).toEqual({ items: [], nextCursor: cursor, hasMore: false });
    const later = await placeOrder(t, { pay: false });
    clock.advance(10_000);
    expect((await walk(key, '/open/v1/orders', 50, cursor)).items.map((order) => order.orderId)).toEqual([later]);
  });

  it('needs the scope: a key without orders:read gets 403', async () => {
    const key = await createKey(['members:read', 'leads:read']);
    const refused = await signedGet(t, clock, key.id, key.secret, '/open/v1/orders');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'partner_scope_missing', details: { scope: 'orders:read' } });
    expect((await signedGet(t, clock, key.id, key.secret, '/open/v1/reward-lines')).status).toBe(403);
    expect((await signedGet(t, clock, key.id, key.secret, '/open/v1/members')).status).toBe(200);
    const ping = await signedGet(t, clock, key.id, key.secret, '/open/v1/ping');
    expect(ping.body).toMatchObject({ partnerId: key.id, scopes: ['leads:read', 'members:read'] });
  });

  it('feeds reward lines and members as they change', async () => {
    const key = await createKey(['rewards:read', 'members:read']);
    // 链动2+1 through real checkout: an agent buys the gift package, then invites a buyer of another.
    const skuId = await packageSku(t, 2);
    const agent = await signUp(t, 'open-api-agent');
    await buyPackage(t, agent, skuId);
    await deliverOutbox(t, clock);
    const invited = await signUp(t, 'open-api-invited');
    await bind(t, invited, await inviteCodeOf(t, agent));
    const invitedOrder = await buyPackage(t, invited, skuId);
    await deliverOutbox(t, clock);
    clock.advance(10_000);
    const lines = await walk(key, '/open/v1/reward-lines', 3);
    const { rows } = await t.database.executeSql('select count(*)::int as n from distribution_reward_lines', []);
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
    expect(lines.items).toHaveLength((rows[0] as { n: number }).n);
    expect(lines.items.filter((line) => line.orderId === invitedOrder.id && line.payeeId === agent.id).length).toBeGreaterThan(0);
    for (const line of lines.items) expect(Number.isInteger(line.amountFen)).toBe(true);
    const members = await walk(key, '/open/v1/members', 2);
    const memberCount = (await t.database.executeSql('select count(*)::int as n from distribution_members', [])).rows[0] as { n: number };
    expect(memberCount.n).toBeGreaterThan(0);
    expect(members.items).toHaveLength(memberCount.n);
    expect(new Set(members.items.map((member) => member.memberId)).size).toBe(memberCount.n);
    expect(members.items.find((member) => member.memberId === invited.id)).toMatchObject({ referrerId: agent.id });
    // A line that settles or is reversed comes again after the cursor with its new status.
    await t.database.executeSql("update distribution_reward_lines set status = 'SETTLED', updated_at = $1 where order_id = $2", [clock.now(), invitedOrder.id]);
    clock.advance(10_000);
    const changed = await walk(key, '/open/v1/reward-lines', 3, lines.cursor);
    expect(changed.items.length).toBeGreaterThan(0);
    expect(changed.items.every((line) => line.orderId === invitedOrder.id && line.status === 'SETTLED')).toBe(true);
  });

  it('feeds leads as they change: an updated lead comes again after the cursor', async () => {
    const guide = await t.login('13600000001', 'shop');
    const created = await t.json('POST', '/shop/leads', { token: guide, body: { name: '开放接口客户', company: '杭州茶行', phones: ['13912345678'] } });
    expect(created.status).toBe(201);
    const leadId = created.body.leadId ?? created.body.lead?.id ?? created.body.id;
    const key = await createKey(['leads:read']);
    clock.advance(10_000);
    const first = await walk(key, '/open/v1/leads', 10);
    const lead = first.items.find((item) => item.leadId === leadId);
    expect(lead).toMatchObject({ name: '开放接口客户', company: '杭州茶行', phonesMasked: ['139****5678'], stage: 'new' });
    expect(JSON.stringify(first.items)).not.toContain('13912345678');

    expect((await t.json('POST', `/shop/leads/${leadId}/stage`, { token: guide, body: { stage: 'contacted' } })).status).toBe(200);
    clock.advance(10_000);
    const next = await walk(key, '/open/v1/leads', 10, first.cursor);
    expect(next.items.map((item) => [item.leadId, item.stage])).toEqual([[leadId, 'contacted']]);
  });

  it('refuses a malformed cursor with 400', async () => {
    const key = await createKey(['leads:read']);
    const bad = await signedGet(t, clock, key.id, key.secret, '/open/v1/leads?since=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('partner_cursor_invalid');
  });

  it('records the last use, and refuses a revoked key', async () => {
    const key = await createKey(['orders:read']);
    expect((await signedGet(t, clock, key.id, key.secret, '/open/v1/orders?limit=1')).status).toBe(200);
    const listed = (await t.json('GET', '/admin/integrations/api-keys', { token: admin })).body.items.find((item: any) => item.id === key.id);
    expect(listed).toMatchObject({ status: 'active', scopes: ['orders:read'] });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key.secret);

    const revoked = await t.json('POST', `/admin/integrations/api-keys/${key.id}/revoke`, { token: admin });
    expect(revoked.body).toMatchObject({ status: 'revoked' });
    const refused = await signedGet(t, clock, key.id, key.secret, '/open/v1/orders?limit=1');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('partner_key_revoked');
    expect((await t.json('POST', `/admin/integrations/api-keys/${key.id}/revoke`, { token: admin })).status).toBe(409);
  });

  it('never keeps a shown-once secret for an idempotent retry: the replay answers 201 without a body, and one key exists', async () => {
    const body = { name: 'ERP retry', scopes: ['orders:read'] };
    const headers = { 'idempotency-key': 'create-erp-retry-1' };
    const first = await t.json('POST', '/admin/integrations/api-keys', { token: admin, body, headers });
    expect(first.status).toBe(201);
    expect(first.body.secret).toEqual(expect.any(String));
    const replay = await t.request('POST', '/admin/integrations/api-keys', { token: admin, body, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.text()).toBe('');
    const stored = (await t.platform.database.executeSql("select response_body from idempotency_keys where key = 'create-erp-retry-1'")).rows;
    expect(stored).toEqual([{ response_body: null }]);
    const listed = (await t.json('GET', '/admin/integrations/api-keys?pageSize=100', { token: admin })).body.items.filter((item: any) => item.name === 'ERP retry');
    expect(listed).toHaveLength(1);
  });

  it('refuses a wrong secret, a changed query and a replay', async () => {
    const key = await createKey(['orders:read']);
    expect((await signedGet(t, clock, key.id, `${key.secret}x`, '/open/v1/orders')).status).toBe(401);
    expect((await signedGet(t, clock, 'pak_00000000000000000000000000', key.secret, '/open/v1/orders')).status).toBe(401);
    // The query string is signed: a signature made for limit=1 does not cover limit=100.
    const timestamp = clock.now().getTime();
    const { signPartnerRequest } = await import('../src/open-routes.ts');
    const signature = signPartnerRequest(key.secret, { method: 'GET', path: '/open/v1/orders?limit=1', timestamp, nonce: 'nonce-query-1', body: '' });
    const headers = { 'x-partner-id': key.id, 'x-timestamp': String(timestamp), 'x-nonce': 'nonce-query-1', 'x-signature': signature };
    expect((await t.json('GET', '/open/v1/orders?limit=100', { headers })).status).toBe(401);
    expect((await t.json('GET', '/open/v1/orders?limit=1', { headers: { ...headers, 'x-nonce': 'nonce-query-1' } })).status).toBe(200);
    expect((await t.json('GET', '/open/v1/orders?limit=1', { headers })).status).toBe(401);
  });

  it('keeps partners from OPEN_API_PARTNERS working, with every read scope', async () => {
    const env = { id: 'erp-env', secret: envSecret };
    expect((await signedGet(t, clock, env.id, env.secret, '/open/v1/orders?limit=1')).status).toBe(200);
    expect((await signedGet(t, clock, env.id, env.secret, '/open/v1/members?limit=1')).status).toBe(200);
  });
});
