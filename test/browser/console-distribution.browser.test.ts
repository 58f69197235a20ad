import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, settledShot, useBrowserSuite, closeDrawer } from './browser-harness.ts';
import { newId, systemClock, systemContext, type RequestContext } from '@linkmall/kernel';
import { createDistributionService } from '@linkmall/distribution';
import { commissionLedgerSink } from '@linkmall/flows';
import { accrueCommission, createLedgerService, settleCommission } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';

/**
 * The 链动2+1 console: an operator validates a profile that pays out too much and sees the Chinese
 * violation, activates a compliant one, explores a member's referral tree; finance approves a
 * withdrawal from the queue.
 */
const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console distribution browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

const consumers: { phone: string; token: string; id: string }[] = [];
const suite = useBrowserSuite(canRun, async () => {
  for (const phone of ['13500000001', '13500000002', '13500000003', '13500000004']) {
    const token = await login(phone, 'shop');
    const me = await call('GET', '/shop/me', { token });
    consumers.push({ phone, token, id: me.body.id as string });
  }
});
const { consolePage, call, login } = suite;
const shot = settledShot(500);

/** Fills an antd number or text field found by its form label. */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = page.locator('.ant-modal').getByLabel(label, { exact: true });
  await field.fill(value);
}

describe.skipIf(!canRun)('console: 链动2+1 profiles, member tree and withdrawals', () => {
  it('refuses a profile paying out above its 30% cap with the Chinese violation, then activates a compliant one', async () => {
    const page = await consolePage('13800000001');
    await page.getByTestId('side-menu').getByText('分销方案').click();
    await page.getByTestId('profiles-table').waitFor();

    await page.getByTestId('profile-new').click();
    await fill(page, '方案名称', '高返利试验方案');
    await fill(page, '方案标识', 'trial');
    await fill(page, '直推奖比例（%）', '20');
    await fill(page, '团队奖比例（%）', '15');
    await fill(page, '单笔订单支出上限（%）', '30');
    await shot(page, 'console-distribution-profile-editor');
    await page.getByTestId('profile-validate').click();

    const drawer = page.getByTestId('profile-drawer');
    await drawer.getByTestId('compliance-failed').waitFor();
    const violation = drawer.getByTestId('compliance-violation').first();
    await expect.poll(() => violation.textContent()).toContain('礼包订单最坏情况支出 35.00% 超过方案自身上限 30.00%');
    expect(await drawer.getByTestId('profile-activate').isDisabled()).toBe(true);
    await shot(page, 'console-distribution-profile-violation');
    await closeDrawer(page);
    await drawer.waitFor({ state: 'hidden' });

    // The template is the compliant starting point: 15% + 10% of the order, capped at 30%.
    await page.getByTestId('profile-new').click();
    await fill(page, '方案名称', '链动2+1 合规方案');
    await fill(page, '版本', '2026.1');
    await page.getByTestId('profile-validate').click();
    await drawer.getByTestId('compliance-ok').waitFor();
    await drawer.getByTestId('profile-activate').click();
    await page.getByTestId('profile-activate-confirm').click();
    await expect.poll(() => drawer.getByTestId('profile-drawer-status').getAttribute('data-status')).toBe('active');
    await closeDrawer(page);
    await page.getByTestId('profile-active-badge').waitFor();
    expect(await page.locator('[data-testid="profiles-table"] tr[data-status="active"]').count()).toBe(1);
    await shot(page, 'console-distribution-profiles');
    await page.close();
  }, 120_000);

  it('shows a member’s referral tree and team, loading children level by level', async () => {
    // A boss (13500000001) who referred an agent (…02), who referred another (…03): real package orders.
    const distribution = createDistributionService(suite.platform.database.db, { writeMoney: commissionLedgerSink });
    const ctx = systemContext(systemClock);
    const asUser = (userId: string): RequestContext => ({
      ...ctx,
      actor: { userId, sessionId: 'ses', displayName: userId, organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set(), scope: { kind: 'self', userId } },
    });
    const packageId = newId('prd');
    await suite.platform.database.db.insertInto('distribution_package_products' as never).values({ product_id: packageId, created_by: null, created_at: new Date() } as never).execute();
    const pay = (buyer: string) =>
      distribution.commerce.orderPaid(suite.platform.database.db, ctx, { orderId: newId('ord'), buyerUserId: buyer, payableFen: 39_900n, productIds: [packageId], paidAt: new Date() });
    const [boss, agent, second] = consumers;
    expect(await pay(boss!.id)).toBe('package');
    expect((await distribution.members.bind(asUser(agent!.id), (await distribution.members.inviteCode(boss!.id))!)).ok).toBe(true);
    expect(await pay(agent!.id)).toBe('package');
    expect((await distribution.members.bind(asUser(second!.id), (await distribution.members.inviteCode(agent!.id))!)).ok).toBe(true);
    expect(await pay(second!.id)).toBe('package');

    const page = await consolePage('13800000001');
    await page.getByTestId('side-menu').getByText('会员关系').click();
    await page.getByTestId('members-search').locator('input').fill('13500000001');
    await page.getByTestId('members-search').locator('input').press('Enter');
    await page.getByTestId('member-detail').waitFor();
    await expect.poll(() => page.getByTestId('member-referral-count').textContent()).toBe('1');
    const referral = page.getByTestId('referral-tree');
    await referral.locator(`[data-member-id="${agent!.id}"]`).waitFor();
    // People, not ids: display name and masked phone from the server.
    expect(await referral.locator(`[data-member-id="${agent!.id}"]`).innerText()).toContain('何明');
    expect(await referral.locator(`[data-member-id="${agent!.id}"]`).innerText()).toContain('135****0002');
    // Expanding the agent loads the next level on demand.
    await referral.locator('.ant-tree-switcher').first().click();
    await referral.locator(`[data-member-id="${second!.id}"]`).waitFor();
    await shot(page, 'console-distribution-member-tree');
    await page.close();
  }, 120_000);

  it('lets finance approve a withdrawal from the queue', async () => {
    const member = consumers[3]!;
    const ledger = createLedgerService(suite.platform.database.db);
    const ctx = systemContext(systemClock);
    const lineId = `ord_browser_payout_1:line-1:direct`;
    expect((await ledger.apply(suite.platform.database.db, ctx, [accrueCommission({ id: lineId, memberId: member.id, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: 'ord_browser_payout_1' })])).ok).toBe(true);
    expect((await ledger.apply(suite.platform.database.db, ctx, settleCommission({ pendingId: lineId, memberId: member.id, amountFen: 50_000n }))).ok).toBe(true);
    const first17 = '11010519900101077';
    expect((await call('POST', '/shop/payouts/identity', { token: member.token, body: { realName: '林小雨', idNumber: first17 + idNumberCheckCharacter(first17) } })).status).toBe(200);
    const requested = await call('POST', '/shop/payouts/withdrawals', { token: member.token, body: { amountFen: 12_300, method: 'bank', bankAccount: { bankName: '招商银行', accountNumber: '6225880000001234' } } });
    expect(requested.status).toBe(201);

    const page = await consolePage('13800000003');
    await page.getByTestId('side-menu').getByText('提现审核').click();
    const table = page.getByTestId('withdrawals-table');
    await table.getByTestId('withdrawal-amount').filter({ hasText: '¥123.00' }).waitFor();
    // Finance has no user.read, yet sees who asked: the queue names the member.
    await table.locator(`[data-member-id="${member.id}"]`).filter({ hasText: '罗斌' }).waitFor();
    await shot(page, 'console-distribution-withdrawals');
    await table.getByTestId('withdrawal-approve').first().click();
    await page.getByTestId('withdrawals-status').click();
    await page.locator('.ant-select-dropdown').getByText('全部状态', { exact: true }).click();
    await expect.poll(() => table.getByTestId('withdrawal-status').first().getAttribute('data-status')).toBe('approved');
    await shot(page, 'console-distribution-withdrawal-approved');
    const after = await call('GET', `/admin/payouts/withdrawals/${requested.body.id}`, { token: await login('13800000003') });
    expect(after.body.status).toBe('approved');
    await page.close();
  }, 120_000);
});
