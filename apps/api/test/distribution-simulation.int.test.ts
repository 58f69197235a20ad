import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIC_PROFILE_INPUT, DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let operations: string;

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await t.login('13800000002');
});
afterAll(() => t?.close());

const simulate = (body: unknown, token = operations) => t.json('POST', '/admin/distribution/simulate', { token, body });

describe('simulating a profile from the console', () => {
  it('replays a small scenario: a root boss, an agent and the agent’s two referrals sliding to the boss', async () => {
    const events = [
      { id: 'e1', day: 0, type: 'PACKAGE_PAID', order: 'o1', user: 'A', referrer: null, amountFen: 39_900, paidAt: '09:00' },
      { id: 'e2', day: 0, type: 'PACKAGE_PAID', order: 'o2', user: 'B', referrer: 'A', amountFen: 39_900, paidAt: '10:00' },
      { id: 'e3', day: 1, type: 'PACKAGE_PAID', order: 'o3', user: 'C', referrer: 'B', amountFen: 39_900, paidAt: '10:00' },
      { id: 'e4', day: 1, type: 'PACKAGE_PAID', order: 'o4', user: 'D', referrer: 'B', amountFen: 39_900, paidAt: '11:00' },
      { id: 'e5', day: 30, type: 'SETTLE', at: '23:00' },
    ];
    const response = await simulate({ profile: CLASSIC_PROFILE_INPUT, scenario: { events } });
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ members: 4, salesFen: 4 * 39_900 });
    // B upgrades to boss after two referrals; A stays the root boss.
    expect(response.body.summary.roles).toMatchObject({ BOSS: 2, AGENT: 2 });
    expect(response.body.events).toHaveLength(5);
    expect(response.body.summary.payoutRatioBps).toBe(Math.round((response.body.summary.payoutFen * 10_000) / (4 * 39_900)));
  });

  it('generates a synthetic fission repeatably, and the compliant default pays out at most 30 % of sales', async () => {
    const synthetic = { members: 300, branching: 3, refundRatePercent: 5, joinsPerDay: 25, repurchasesPerMember: 1, repurchaseFen: 9_900, seed: 42 };
    const first = await simulate({ profile: DEFAULT_PROFILE_INPUT, synthetic });
    const second = await simulate({ profile: DEFAULT_PROFILE_INPUT, synthetic });
    expect(first.status).toBe(200);
    expect(first.body.summary).toEqual(second.body.summary);
    expect(first.body.summary.members).toBe(300);
    expect(first.body.summary.payoutRatioBps).toBeGreaterThan(0);
    expect(first.body.summary.payoutRatioBps).toBeLessThanOrEqual(3_000);
    expect(first.body.summary.incomeBands.reduce((sum: number, band: { members: number }) => sum + band.members, 0)).toBe(first.body.summary.earners);
    // The classic figures pay out far more of the same sales: the reason they are not the default.
    const classic = await simulate({ profile: CLASSIC_PROFILE_INPUT, synthetic });
    expect(classic.body.summary.payoutRatioBps).toBeGreaterThan(first.body.summary.payoutRatioBps);
  });

  it('answers an invalid profile with its violations, and only operators may simulate', async () => {
    const invalid = await simulate({ profile: { ...DEFAULT_PROFILE_INPUT, packagePriceFen: -1 }, synthetic: { members: 5, branching: 2, refundRatePercent: 0 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
    expect(invalid.body.error.details.simulation.profile.valid).toBe(false);
    expect((await simulate({ synthetic: { members: 5, branching: 2, refundRatePercent: 0 } }, await t.login('13800000004'))).status).toBe(403);
    expect((await simulate({ synthetic: { members: 5, branching: 2, refundRatePercent: 0 }, scenario: { events: [] } })).status).toBe(400);
  });
});

describe('ledger verification from the console', () => {
  it('lets finance run the ledger checks and see the chain head, and keeps sales out', async () => {
    const finance = await t.login('13800000003');
    const report = await t.json('GET', '/admin/ledger/verification', { token: finance });
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(true);
    expect(report.body.checks.length).toBeGreaterThan(3);
    expect(report.body.checks.every((check: { ok: boolean }) => check.ok)).toBe(true);
    expect(report.body.chainHead.position).toMatch(/^\d+$/);
    expect((await t.json('GET', '/admin/ledger/verification', { token: await t.login('13800000004') })).status).toBe(403);
  });
});
