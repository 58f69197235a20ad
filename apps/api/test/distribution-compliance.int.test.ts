import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * Compliance through the console API: a profile paying out above its own 30% cap is stored as a draft
 * with its report, but activation is refused (and the refusal audited) while the shipped compliant
 * profile stays active; the shop's rules page is generated from the active profile.
 */
let t: TestPlatform;
let operations: string;

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await t.login('13800000002');
});
afterAll(() => t?.close());

describe('profile compliance', () => {
  it('refuses to activate a profile that violates its own payout cap, changing nothing but the audit trail', async () => {
    const active = (await t.json('GET', '/admin/distribution/profiles', { token: operations })).body.items.find((profile: { status: string }) => profile.status === 'active');
    expect(active).toBeTruthy();
    const definition = { ...DEFAULT_PROFILE_INPUT, id: 'too-rich', rewards: { ...DEFAULT_PROFILE_INPUT.rewards, directRateBps: 9_000 } };
    const draft = await t.json('POST', '/admin/distribution/profiles', { token: operations, body: { definition } });
    expect(draft.status).toBe(201);
    const report = await t.json('GET', `/admin/distribution/profiles/${draft.body.id}`, { token: operations });
    expect(report.body.compliance.compliant).toBe(false);
    expect(report.body.compliance.worstCasePackagePayoutRatioBps).toBeGreaterThan(3_000);

    const refused = await t.json('POST', `/admin/distribution/profiles/${draft.body.id}/activate`, { token: operations, headers: { 'accept-language': 'zh-CN' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('profile_not_compliant');
    expect(refused.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const after = (await t.json('GET', '/admin/distribution/profiles', { token: operations })).body.items;
    expect(after.filter((profile: { status: string }) => profile.status === 'active').map((profile: { id: string }) => profile.id)).toEqual([active.id]);
    expect(after.find((profile: { id: string }) => profile.id === draft.body.id).status).toBe('draft');
    const audit = await t.database.executeSql(`select count(*)::int as n from audit_log where action = 'distribution.profile_activation_refused' and entity_id = $1`, [draft.body.id]);
    expect((audit.rows[0] as { n: number }).n).toBe(1);
  });

  it('publishes the rules page of the active, compliant profile', async () => {
    const rules = await t.json('GET', '/shop/distribution/rules', { headers: { 'accept-language': 'zh-CN' } });
    expect(rules.status).toBe(200);
    expect(rules.body.sections.length).toBeGreaterThan(0);
    expect(JSON.stringify(rules.body)).toContain('30');
  });
});
