import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let merchantA: string; // 上海悦享生活旗舰店's admin
let merchantB: string; // 杭州西湖社区优选店's admin
let supplierA: string;
let platformAdmin: string;
let merchantBStoreId: string;
let merchantBAdminId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  merchantA = await t.login('13700000001');
  merchantB = await t.login('13700000002');
  supplierA = await t.login('13900000001');
  platformAdmin = await t.login('13800000001');
  merchantBStoreId = (await t.json('GET', '/admin/stores', { token: merchantB })).body.items[0].id;
  merchantBAdminId = (await t.json('GET', '/admin/me', { token: merchantB })).body.id;
});
afterAll(() => t?.close());

describe('data scope', () => {
  it('lists only the merchant’s own stores and users', async () => {
    const me = (await t.json('GET', '/admin/me', { token: merchantA })).body;
    const stores = (await t.json('GET', '/admin/stores', { token: merchantA })).body;
    expect(stores.total).toBe(2);
    expect(stores.items.every((store: any) => store.merchantId === me.organizationId)).toBe(true);
    const users = (await t.json('GET', '/admin/users?pageSize=100', { token: merchantA })).body;
    expect(users.total).toBe(2);
    expect(users.items.every((user: any) => user.organizationId === me.organizationId)).toBe(true);
    const all = (await t.json('GET', '/admin/stores', { token: platformAdmin })).body;
    expect(all.total).toBe(5);
  });

  it('answers 404 when a merchant changes the id to another merchant’s store or user', async () => {
    expect((await t.json('GET', `/admin/stores/${merchantBStoreId}`, { token: merchantB })).status).toBe(200);
    const store = await t.json('GET', `/admin/stores/${merchantBStoreId}`, { token: merchantA });
    expect(store.status).toBe(404);
    expect(store.body.error.code).toBe('store_not_found');
    expect((await t.json('GET', `/admin/users/${merchantBAdminId}`, { token: merchantA })).status).toBe(404);
  });

  it('cannot change or sign out another merchant’s user, and writes nothing trying', async () => {
    const before = await tableCounts(t);
    const patch = await t.json('PATCH', `/admin/users/${merchantBAdminId}`, { token: merchantA, body: { status: 'disabled' } });
    expect(patch.status).toBe(404);
    const revoke = await t.json('POST', `/admin/users/${merchantBAdminId}/revoke-sessions`, { token: merchantA });
    expect(revoke.status).toBe(404);
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('GET', '/admin/me', { token: merchantB })).status).toBe(200);
  });

  it('puts users a merchant creates into the merchant’s own organisation', async () => {
    const merchantBOrganization = (await t.json('GET', '/admin/me', { token: merchantB })).body.organizationId;
    const created = await t.json('POST', '/admin/users', {
      token: merchantA,
      body: { displayName: '新导购', phone: '13611112222', password: 'guide1234', roles: ['shop_guide'], organizationId: merchantBOrganization },
    });
    expect(created.status).toBe(201);
    const ownOrganization = (await t.json('GET', '/admin/me', { token: merchantA })).body.organizationId;
    expect(created.body.organizationId).toBe(ownOrganization);
  });

  it('does not let a merchant grant platform roles', async () => {
    const response = await t.json('POST', '/admin/users', {
      token: merchantA,
      body: { displayName: '越权', phone: '13611113333', password: 'guide1234', roles: ['platform_admin'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('roles_not_allowed');
  });

  it('shows a supplier only its own products and audit entries', async () => {
    const me = (await t.json('GET', '/admin/me', { token: supplierA })).body;
    const products = (await t.json('GET', '/admin/products?pageSize=100', { token: supplierA })).body;
    // Six demo products and the 链动2+1 gift package.
    expect(products.total).toBe(7);
    expect(products.items.every((product: any) => product.supplierId === me.organizationId)).toBe(true);
    expect((await t.json('GET', '/admin/products?pageSize=100', { token: platformAdmin })).body.total).toBe(13);
    const audit = (await t.json('GET', '/admin/audit-log?pageSize=100', { token: supplierA })).body;
    expect(audit.total).toBeGreaterThan(0);
    expect(audit.items.every((entry: any) => entry.organizationId === me.organizationId)).toBe(true);
  });

  it('scopes the dashboard counts', async () => {
    const merchant = (await t.json('GET', '/admin/dashboard', { token: merchantA })).body.counts;
    const everything = (await t.json('GET', '/admin/dashboard', { token: platformAdmin })).body.counts;
    expect(merchant.stores).toBe(2);
    expect(everything.stores).toBe(5);
    expect(everything.suppliers).toBe(2);
    expect(everything.merchants).toBe(3);
    expect(everything.products).toBe(13);
    expect(merchant.suppliers).toBeUndefined();
    const finance = (await t.json('GET', '/admin/dashboard', { token: await t.login('13800000003') })).body.counts;
    expect(finance.auditEntries).toBeUndefined();
  });
});
