import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission } from '@linkmall/ledger';
import { DEFAULT_WITHDRAWAL_POLICY, idNumberCheckCharacter } from '@linkmall/payout';
import { configFromEnv } from '../src/config.ts';
import { withdrawalPolicyFromEnv } from '../src/withdrawal-config.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/** Withdrawal limits come from WITHDRAWAL_* variables, are validated at start-up and reach the running platform. */
const dataDir = mkdtempSync(join(tmpdir(), 'linkmall-config-'));
let t: TestPlatform | undefined;
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('withdrawal limits from the environment', () => {
  it('keeps the shipped defaults when nothing (or a blank) is set', () => {
    expect(withdrawalPolicyFromEnv({})).toEqual(DEFAULT_WITHDRAWAL_POLICY);
    expect(withdrawalPolicyFromEnv({ WITHDRAWAL_MIN_FEN: '  ' })).toEqual(DEFAULT_WITHDRAWAL_POLICY);
  });

  it('reads every limit, in fen and basis points', () => {
    expect(
      withdrawalPolicyFromEnv({ WITHDRAWAL_MIN_FEN: '5000', WITHDRAWAL_FEE_BPS: '100', WITHDRAWAL_MIN_FEE_FEN: '0', WITHDRAWAL_DAILY_CAP_FEN: '100000', WITHDRAWAL_SECOND_APPROVAL_FEN: '20000' }),
    ).toEqual({ minimumAmountFen: 5_000n, feeRateBps: 100, minimumFeeFen: 0n, dailyCapFen: 100_000n, secondApprovalAboveFen: 20_000n });
  });

  it.each([
    [{ WITHDRAWAL_MIN_FEN: '10.5' }, /WITHDRAWAL_MIN_FEN must be a whole number of fen.*"10\.5"/],
    [{ WITHDRAWAL_MIN_FEN: '0' }, /WITHDRAWAL_MIN_FEN must be at least 1/],
    [{ WITHDRAWAL_DAILY_CAP_FEN: '-1' }, /WITHDRAWAL_DAILY_CAP_FEN must be a whole number/],
    [{ WITHDRAWAL_FEE_BPS: '12000' }, /WITHDRAWAL_FEE_BPS must be between 0 and 10000/],
    [{ WITHDRAWAL_FEE_BPS: '0.6%' }, /WITHDRAWAL_FEE_BPS must be a whole number of basis points/],
    [{ WITHDRAWAL_SECOND_APPROVAL_FEN: 'lots' }, /WITHDRAWAL_SECOND_APPROVAL_FEN/],
    [{ WITHDRAWAL_MIN_FEN: '5000', WITHDRAWAL_DAILY_CAP_FEN: '4000' }, /WITHDRAWAL_DAILY_CAP_FEN must not be below WITHDRAWAL_MIN_FEN/],
  ])('refuses to start on %j', (env, message) => {
    expect(() => withdrawalPolicyFromEnv(env)).toThrow(/^Invalid withdrawal configuration: /);
    expect(() => withdrawalPolicyFromEnv(env)).toThrow(message);
  });

  it('is part of the platform configuration', () => {
    const base = { DATA_DIR: dataDir, PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SANDBOX_PAYMENT_SECRET: randomBytes(24).toString('hex') };
    expect(configFromEnv({ ...base, WITHDRAWAL_MIN_FEN: '5000' }).payouts.policy.minimumAmountFen).toBe(5_000n);
    expect(() => configFromEnv({ ...base, WITHDRAWAL_FEE_BPS: 'x' })).toThrow(/WITHDRAWAL_FEE_BPS/);
  });

  it('governs the withdrawals of the running platform', async () => {
    t = await startTestPlatform({ payouts: { policy: withdrawalPolicyFromEnv({ WITHDRAWAL_MIN_FEN: '5000', WITHDRAWAL_FEE_BPS: '100', WITHDRAWAL_MIN_FEE_FEN: '0' }) } });
    const token = await t.login('13500000001', 'shop');
    const id = (await t.json('GET', '/shop/me', { token })).body.id as string;
    const first17 = '33010619900101001';
    expect((await t.json('POST', '/shop/payouts/identity', { token, body: { realName: '测试', idNumber: first17 + idNumberCheckCharacter(first17) } })).status).toBe(200);
    const ledger = createLedgerService(t.platform.db);
    const ctx = systemContext(systemClock);
    await ledger.apply(t.platform.db, ctx, [accrueCommission({ id: 'ord_config:line-1:direct', memberId: id, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: 'ord_config' })]);
    await ledger.apply(t.platform.db, ctx, settleCommission({ pendingId: 'ord_config:line-1:direct', memberId: id, amountFen: 50_000n }));
    const bank = { bankName: '招商银行', accountNumber: '6225880000000001' };
    const small = await t.json('POST', '/shop/payouts/withdrawals', { token, body: { amountFen: 4_000, method: 'bank', bankAccount: bank } });
    expect(small.status).toBe(422);
    expect(small.body.error.code).toBe('withdrawal_below_minimum');
    const ok = await t.json('POST', '/shop/payouts/withdrawals', { token, body: { amountFen: 6_000, method: 'bank', bankAccount: bank } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ amountFen: 6_000, feeFen: 60 });
  });
});
