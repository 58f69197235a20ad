import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@linkmall/catalog';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let operations: string;
let supplierA: string;
let merchant: string;
let supplierAId: string;
let supplierBId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  operations = await t.login('13800000002');
  supplierA = await t.login('13900000001');
  merchant = await t.login('13700000001');
  supplierAId = (await t.json('GET', '/admin/me', { token: supplierA })).body.organizationId;
  supplierBId = (await t.json('GET', '/admin/me', { token: await t.login('13900000002') })).body.organizationId;
});
afterAll(() => t?.close());

const profile = (overrides: Record<string, string> = {}) => {
  const first17 = '91310115MA1K4Q00T';
  return {
    companyName: '上海鲜达供应链管理有限公司',
    creditCode: first17 + creditCodeCheckCharacter(first17),
    contactName: '周敏',
    contactPhone: '021-6888 1234',
    bankName: '交通银行上海浦东分行',
    bankAccountName: '上海鲜达供应链管理有限公司',
    bankAccountNumber: '3100 6661 0018 8000 12345',
    ...overrides,
  };
};

async function eventTypes(aggregateId: string): Promise<string[]> {
  const { rows } = await t.database.executeSql('select type from outbox_events where aggregate_id = $1 order by position', [aggregateId]);
  return (rows as { type: string }[]).map((row) => row.type);
}

describe('supplier onboarding and review', () => {
  it('onboards a supplier: profile submitted, reviewed by operations, approved', async () => {
    const organization = (await t.json('POST', '/admin/organizations', { token: admin, body: { kind: 'supplier', name: '上海鲜达供应链' } })).body.id;
    const submitted = await t.json('PUT', `/admin/supplier-profiles/${organization}`, { token: admin, body: profile() });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      organizationId: organization,
      creditCode: profile().creditCode,
      contactPhone: '021-68881234',
      settlementAccount: { bankName: '交通银行上海浦东分行', accountName: '上海鲜达供应链管理有限公司', accountNumberMasked: '****2345' },
      status: 'pending_review',
      reviewedAt: null,
    });
    expect(JSON.stringify(submitted.body)).not.toContain('31006661');
    const queue = (await t.json('GET', '/admin/supplier-profiles?status=pending_review', { token: operations })).body;
    expect(queue.items.map((item: any) => item.organizationId)).toContain(organization);

    const noReason = await t.json('POST', `/admin/supplier-profiles/${organization}/review`, { token: operations, body: { decision: 'reject', reason: '  ' } });
    expect(noReason.status).toBe(400);
    const rejected = await t.json('POST', `/admin/supplier-profiles/${organization}/review`, { token: operations, body: { decision: 'reject', reason: '开户名与公司名称不一致' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '开户名与公司名称不一致' });
    const again = await t.json('POST', `/admin/supplier-profiles/${organization}/review`, { token: operations, body: { decision: 'approve' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('supplier_status_conflict');

    const resubmitted = await t.json('PUT', `/admin/supplier-profiles/${organization}`, { token: admin, body: profile() });
    expect(resubmitted.body).toMatchObject({ status: 'pending_review', rejectionReason: null });
    const approved = await t.json('POST', `/admin/supplier-profiles/${organization}/review`, { token: operations, body: { decision: 'approve' } });
    expect(approved.body).toMatchObject({ status: 'approved', rejectionReason: null });
    expect(await eventTypes(organization)).toEqual(['organization.created', 'supplier.submitted', 'supplier.rejected', 'supplier.submitted', 'supplier.approved']);

    const audit = (await t.json('GET', `/admin/audit-log?entityId=${organization}&entityType=supplier_profile`, { token: admin })).body.items;
    expect(audit.map((entry: any) => entry.action)).toEqual(['supplier.approved', 'supplier.submitted', 'supplier.rejected', 'supplier.submitted']);
    expect(JSON.stringify(audit)).not.toContain('310066610018800012345');
  });

  it('re-reviews an approved supplier only when company or settlement data change', async () => {
    const own = (await t.json('GET', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA })).body;
    expect(own.status).toBe('approved');
    const input = {
      companyName: own.companyName,
      creditCode: own.creditCode,
      contactName: '陈晓静',
      contactPhone: '13912345678',
      bankName: own.settlementAccount.bankName,
      bankAccountName: own.settlementAccount.accountName,
      bankAccountNumber: '1202021109900012345',
    };
    const contact = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, body: input });
    expect(contact.body).toMatchObject({ status: 'approved', contactName: '陈晓静', contactPhone: '13912345678' });
    const account = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, body: { ...input, bankAccountNumber: '1202021109900099999' } });
    expect(account.body).toMatchObject({ status: 'pending_review', settlementAccount: { accountNumberMasked: '****9999' } });
    const approved = await t.json('POST', `/admin/supplier-profiles/${supplierAId}/review`, { token: admin, body: { decision: 'approve' } });
    expect(approved.body.status).toBe('approved');
  });

  it('checks the unified social credit code’s format and check character', async () => {
    const before = await tableCounts(t);
    const wrongCheck = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, body: profile({ creditCode: '91350100M000100Y44' }) });
    expect(wrongCheck.status).toBe(422);
    expect(wrongCheck.body.error).toMatchObject({ code: 'credit_code_invalid', details: { reason: 'check_character' } });
    const wrongFormat = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, headers: { 'accept-language': 'en' }, body: profile({ creditCode: 'ABC' }) });
    expect(wrongFormat.body.error.message).toMatch(/unified social credit code is invalid/);
    const taken = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, body: profile({ creditCode: '91440106MA59B0002F' }) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('credit_code_taken');
    const badPhone = await t.json('PUT', `/admin/supplier-profiles/${supplierAId}`, { token: supplierA, body: profile({ contactPhone: '12345' }) });
    expect(badPhone.status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('scopes profiles: a supplier sees and edits only its own, a merchant none, and only the platform reviews', async () => {
    const before = await tableCounts(t);
    expect((await t.json('GET', `/admin/supplier-profiles/${supplierBId}`, { token: supplierA })).status).toBe(404);
    expect((await t.json('PUT', `/admin/supplier-profiles/${supplierBId}`, { token: supplierA, body: profile() })).status).toBe(404);
    expect((await t.json('POST', `/admin/supplier-profiles/${supplierAId}/review`, { token: supplierA, body: { decision: 'approve' } })).status).toBe(403);
    const ownList = (await t.json('GET', '/admin/supplier-profiles', { token: supplierA })).body;
    expect(ownList.items.map((item: any) => item.organizationId)).toEqual([supplierAId]);
    expect((await t.json('GET', '/admin/supplier-profiles', { token: merchant })).body).toMatchObject({ items: [], total: 0 });
    expect((await t.json('GET', `/admin/supplier-profiles/${supplierAId}`, { token: merchant })).status).toBe(404);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const missing = await t.json('PUT', '/admin/supplier-profiles/org_00000000000000000000000000', { token: admin, body: profile({ creditCode: '91350100M000100Y43' }) });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('supplier_not_found');
  });
});
