import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, ROLE_NAMES } from '@linkmall/identity';
import { DEMO_LOGINS } from '../src/demo-seed.ts';
import { concretePath, routeTable, startTestPlatform, type OpenApiOperation, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let operations: OpenApiOperation[];
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await routeTable(t);
  for (const login of DEMO_LOGINS) tokens.set(login.role, await t.login(login.phone, login.role === 'consumer' ? 'shop' : 'admin'));
});
afterAll(() => t?.close());

describe('permission matrix, generated from the route table', () => {
  it('covers every role', () => {
    expect([...tokens.keys()].sort()).toEqual([...ROLE_NAMES].sort());
  });

  it('gives every route an access rule, and every /admin write a permission', () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const operation of operations) {
      if (!/^\/(admin|shop|open)\//.test(operation.path)) continue;
      expect(operation.access, `${operation.method} ${operation.path} has no x-access rule`).toBeDefined();
      const writes = operation.method !== 'GET';
      const isAuth = /\/auth\//.test(operation.path);
      // `/admin/me/…` acts only on the caller's own account (their sessions): being signed in is the permission.
      const onSelf = operation.path.startsWith('/admin/me/');
      if (operation.path.startsWith('/admin/') && writes && !isAuth && !onSelf) expect(operation.access!.kind, operation.path).toBe('permission');
      if (onSelf) expect(operation.access!.kind, operation.path).toBe('authenticated');
      if (operation.path.startsWith('/open/')) expect(operation.access!.kind).toBe('signed');
    }
  });

  it('answers 401 without a session on every non-public /admin and /shop route', async () => {
    for (const operation of operations.filter((op) => /^\/(admin|shop)\//.test(op.path) && op.access?.kind !== 'public')) {
      const response = await t.request(operation.method, concretePath(operation), operation.hasBody ? { body: {} } : {});
      expect(response.status, `${operation.method} ${operation.path}`).toBe(401);
      expect(((await response.json()) as any).error.code).toBe('unauthenticated');
    }
  });

  it('allows exactly the roles holding the permission, for every /admin route × every role', async () => {
    const admin = operations.filter((op) => op.path.startsWith('/admin/') && op.access?.kind === 'permission');
    let checked = 0;
    for (const operation of admin) {
      for (const role of ROLE_NAMES) {
        const allowed = permissionsOf([role]).has(operation.access!.permission as never);
        const response = await t.request(operation.method, concretePath(operation), { token: tokens.get(role)!, ...(operation.hasBody ? { body: {} } : {}) });
        const label = `${role} ${operation.method} ${operation.path} → ${response.status}`;
        if (role === 'consumer') expect(response.status, label).toBe(401);
        else if (allowed) expect([401, 403], label).not.toContain(response.status);
        else {
          expect(response.status, label).toBe(403);
          expect(((await response.json()) as any).error.code).toBe('forbidden');
        }
        checked++;
      }
    }
    expect(checked).toBe(admin.length * ROLE_NAMES.length);
  });

  it('lets every signed-in role use the "authenticated" routes of its surface', async () => {
    for (const role of ROLE_NAMES) {
      const surface = role === 'consumer' ? '/shop' : '/admin';
      const me = await t.json('GET', `${surface}/me`, { token: tokens.get(role)! });
      expect(me.status, role).toBe(200);
      expect(me.body.roles).toEqual([role]);
    }
  });
});
