import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '@linkmall/kernel';
import { creditCodeCheckCharacter } from '@linkmall/catalog';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('phone numbers at rest', () => {
  it('are not readable anywhere in the database', async () => {
    // A supplier contact's mobile, a bank account and a shopper's address phone join the users' phones.
    const admin = await t.login('13800000001');
    const supplier = (await t.json('POST', '/admin/organizations', { token: admin, body: { kind: 'supplier', name: '宁波海鲜' } })).body.id;
    const first17 = '91330201MA2H3K00X';
    const profile = await t.json('PUT', `/admin/supplier-profiles/${supplier}`, {
      token: admin,
      body: {
        companyName: '宁波海鲜供应链有限公司',
        creditCode: first17 + creditCodeCheckCharacter(first17),
        contactName: '钱多',
        contactPhone: '13912345678',
        bankName: '宁波银行',
        bankAccountName: '宁波海鲜供应链有限公司',
        bankAccountNumber: '6222021234567890123',
      },
    });
    expect(profile.status).toBe(200);
    expect(profile.body.contactPhone).toBe('13912345678');
    expect(profile.body.settlementAccount.accountNumberMasked).toBe('****0123');
    const phones = ['13800000001', '13900000002', '13700000003', '13500000004', '13912345678', '6222021234567890123'];
    // Every column of every table, as text: no plain phone number may appear.
    const tables = (await t.database.executeSql("select table_name from information_schema.tables where table_schema = 'public'")).rows as {
      table_name: string;
    }[];
    for (const { table_name } of tables) {
      const rows = (await t.database.executeSql(`select t::text as row from "${table_name}" t`, [])).rows as { row: string }[];
      for (const { row } of rows) for (const phone of phones) expect(row, `${table_name} holds ${phone}`).not.toContain(phone);
    }
  });

  it('decrypt with the environment key, and a search hash finds the user', async () => {
    const cipher = createPiiCipher(t.piiKey);
    const rows = (await t.database.executeSql("select phone_cipher, phone_hash, phone_masked from users where display_name = '张伟'", [])).rows as any[];
    expect(rows).toHaveLength(1);
    expect(cipher.decrypt(rows[0].phone_cipher)).toBe('13800000001');
    expect(rows[0].phone_hash).toBe(cipher.searchHash('13800000001'));
    expect(rows[0].phone_masked).toBe('138****0001');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(t.database.executeSql("update audit_log set action = 'x'", [])).rejects.toThrow(/append-only/);
    await expect(t.database.executeSql('delete from audit_log', [])).rejects.toThrow(/append-only/);
  });
});
