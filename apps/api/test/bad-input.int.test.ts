import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concretePath, routeTable, startTestPlatform, tableCounts, type OpenApiOperation, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let writes: OpenApiOperation[];
let adminToken: string;
let shopToken: string;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await startTestPlatform();
  adminToken = await t.login('13800000001');
  shopToken = await t.login('13500000001', 'shop');
  writes = (await routeTable(t)).filter((op) => op.method !== 'GET' && /^\/(admin|shop)\//.test(op.path));
  // Real ids, so a bad body is rejected for the body, not for a missing entity.
  ids = { id: (await t.json('GET', '/admin/users?pageSize=1&role=shop_guide', { token: adminToken })).body.items[0].id };
});
afterAll(() => t?.close());

const BAD_BODIES: Array<[string, string]> = [
  ['malformed JSON', '{"phone": "138'],
  ['an array', '[1,2,3]'],
  ['wrong types', '{"phone": 13800000001, "password": 12, "displayName": [], "roles": "platform_admin", "status": 7, "code": false, "kind": 1, "name": {}}'],
  ['unknown fields only', '{"hack": "<script>alert(1)</script>", "__proto__": {"admin": true}}'],
  ['a huge string', JSON.stringify({ phone: '1'.repeat(5000), password: 'x'.repeat(200_000), displayName: '名'.repeat(10_000), name: 'n'.repeat(10_000), code: 'c'.repeat(10_000) })],
  ['SQL injection', JSON.stringify({ phone: "13800000001' OR '1'='1", password: "' OR 1=1 --", displayName: "'; drop table users; --", roles: ["platform_admin'--"], kind: "merchant'; --", name: '', code: "1' or '1'='1" })],
];

describe('bad input on every write route', () => {
  it('has write routes to check', () => {
    expect(writes.length).toBeGreaterThanOrEqual(8);
  });

  for (const [label, body] of BAD_BODIES) {
    it(`rejects ${label} with a 4xx error model and writes nothing`, async () => {
      for (const operation of writes.filter((op) => op.hasBody)) {
        const token = operation.path.startsWith('/shop/') ? shopToken : adminToken;
        const before = await tableCounts(t);
        const response = await t.request(operation.method, concretePath(operation, ids), { token, rawBody: body });
        const text = await response.text();
        const where = `${operation.method} ${operation.path} (${label}) → ${response.status} ${text.slice(0, 200)}`;
        expect(response.status, where).toBeGreaterThanOrEqual(400);
        expect(response.status, where).toBeLessThan(500);
        const parsed = JSON.parse(text);
        expect(parsed.error.code, where).toMatch(/^[a-z_]+$/);
        expect(typeof parsed.error.message, where).toBe('string');
        expect(await tableCounts(t), where).toEqual(before);
      }
    });
  }

  it('rejects a non-JSON content type with 415', async () => {
    const before = await tableCounts(t);
    for (const operation of writes.filter((op) => op.hasBody)) {
      const response = await t.request(operation.method, concretePath(operation, ids), {
        token: adminToken,
        headers: { 'content-type': 'text/plain' },
        rawBody: 'phone=1',
      });
      expect(response.status, operation.path).toBe(415);
      expect(((await response.json()) as any).error.code).toBe('unsupported_media_type');
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await t.request('POST', '/admin/users', { token: adminToken, rawBody: JSON.stringify({ displayName: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).error.code).toBe('payload_too_large');
  });

  it('explains validation failures per field in the caller’s language', async () => {
    const zh = await t.json('POST', '/admin/users', { token: adminToken, body: { displayName: '', phone: '123', password: 'a', roles: [] } });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'validation_failed', message: '请求参数不正确' });
    const paths = zh.body.error.details.issues.map((issue: any) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['displayName', 'phone', 'roles']));
    const en = await t.json('POST', '/admin/users', { token: adminToken, body: { phone: '123' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body.error.message).toBe('The request is invalid');
  });

  it('rejects malformed ids in paths as not found', async () => {
    const response = await t.json('GET', "/admin/users/usr_1' or '1'='1", { token: adminToken });
    expect([400, 404]).toContain(response.status);
    expect(response.body.error.code).toMatch(/^(validation_failed|not_found)$/);
  });
});
