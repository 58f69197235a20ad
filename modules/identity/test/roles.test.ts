import { describe, expect, it } from 'vitest';
import { canUseConsole, permissionsOf, PERMISSIONS, ROLES, ROLE_NAMES, rolesFitOrganization, scopeOf } from '../src/domain/roles.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../src/domain/password-policy.ts';

describe('roles and permissions', () => {
  it('has the roles the platform needs', () => {
    expect(ROLE_NAMES).toEqual(
      expect.arrayContaining(['platform_admin', 'operations', 'finance', 'sales', 'supplier_admin', 'merchant_admin', 'shop_guide', 'consumer']),
    );
  });
  it('only grants permissions that exist', () => {
    for (const role of ROLE_NAMES) for (const permission of ROLES[role].permissions) expect(PERMISSIONS).toHaveProperty(permission);
  });
  it('keeps sales away from commission money and finance away from visitor behaviour', () => {
    expect(permissionsOf(['sales']).has('lead.read')).toBe(true);
    expect(permissionsOf(['sales']).has('commission.read')).toBe(false);
    expect(permissionsOf(['sales']).has('payout.approve')).toBe(false);
    expect(permissionsOf(['finance']).has('commission.read')).toBe(true);
    expect(permissionsOf(['finance']).has('visitor.read')).toBe(false);
    expect(permissionsOf(['finance']).has('lead.read')).toBe(false);
  });
  it('unions the permissions of several roles', () => {
    const both = permissionsOf(['sales', 'finance']);
    expect(both.has('lead.read') && both.has('commission.read')).toBe(true);
  });
  it('requires roles to fit the organisation kind', () => {
    expect(rolesFitOrganization(['merchant_admin', 'shop_guide'], 'merchant')).toBe(true);
    expect(rolesFitOrganization(['platform_admin'], 'merchant')).toBe(false);
    expect(rolesFitOrganization(['consumer'], null)).toBe(true);
    expect(rolesFitOrganization([], 'platform')).toBe(false);
    expect(rolesFitOrganization(['no_such_role'], 'platform')).toBe(false);
  });
  it('derives the data scope from the organisation', () => {
    expect(scopeOf({ id: 'u', organizationId: 'p', organizationKind: 'platform' })).toEqual({ kind: 'all' });
    expect(scopeOf({ id: 'u', organizationId: 's', organizationKind: 'supplier' })).toEqual({ kind: 'supplier', supplierId: 's' });
    expect(scopeOf({ id: 'u', organizationId: 'm', organizationKind: 'merchant' })).toEqual({ kind: 'merchant', merchantId: 'm' });
    expect(scopeOf({ id: 'u', organizationId: null, organizationKind: null })).toEqual({ kind: 'self', userId: 'u' });
  });
  it('keeps consumers out of the console', () => {
    expect(canUseConsole(['consumer'])).toBe(false);
    expect(canUseConsole(['shop_guide'])).toBe(true);
  });
});

describe('passwords', () => {
  it('enforces the policy', () => {
    expect(passwordProblem('short1')).toBe('too_short');
    expect(passwordProblem('onlyletters')).toBe('too_simple');
    expect(passwordProblem('12345678')).toBe('too_simple');
    expect(passwordProblem('x'.repeat(120) + '1234567890')).toBe('too_long');
    expect(passwordProblem('demo1234')).toBeNull();
  });
  it('hashes with scrypt and verifies only the right password', async () => {
    const stored = await hashPassword('demo1234');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain('demo1234');
    expect(await verifyPassword('demo1234', stored)).toBe(true);
    expect(await verifyPassword('demo12345', stored)).toBe(false);
    expect(await verifyPassword('demo1234', 'garbage')).toBe(false);
  });
});
