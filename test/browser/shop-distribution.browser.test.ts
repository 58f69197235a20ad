import { describe, expect, it } from 'vitest';
import { hasChromium, loginShop, newShopPage, onScreen, openShopPage, SCREENSHOTS, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';
import { newId, systemClock, systemContext } from '@linkmall/kernel';
import { CLASSIC_PROFILE_INPUT, createDistributionService, type DistributionService } from '@linkmall/distribution';
import { commissionLedgerSink } from '@linkmall/flows';
import { accrueCommission, createLedgerService, sealAll, settleCommission } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';

/**
 * The distribution centre (分销中心) in the h5 shop: a consumer binds through an invite link, an agent
 * sees balances, invite QR and poster, team, rewards and rules, verifies identity, withdraws, and
 * checks the ledger proof on the device.
 */
const canRun = hasChromium && shopBuilt;
const PACKAGE = 'prd_distpackage00000000000000';

let distribution: DistributionService;
const ctx = systemContext(systemClock);

const suite = useBrowserSuite(canRun, async () => {
  distribution = createDistributionService(suite.platform.database.db, { writeMoney: commissionLedgerSink });
  const draft = await distribution.profiles.createDraft(ctx, CLASSIC_PROFILE_INPUT);
  if (!draft.ok) throw new Error(draft.code);
  if (!(await distribution.profiles.activate(ctx, draft.value.id)).ok) throw new Error('profile not activated');
  await suite.platform.database.db.insertInto('distribution_package_products' as never).values({ product_id: PACKAGE, created_by: null, created_at: new Date() } as never).execute();
});

async function userIdOf(phone: string): Promise<string> {
  const login = await fetch(`${suite.platform.baseUrl}/shop/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: 'demo1234' }) });
  const { token } = (await login.json()) as { token: string };
  const me = (await (await fetch(`${suite.platform.baseUrl}/shop/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  return me.id;
}

const payPackage = (buyer: string) =>
  distribution.commerce.orderPaid(suite.platform.database.db, ctx, { orderId: newId('ord'), buyerUserId: buyer, payableFen: 39_900n, productIds: [PACKAGE], paidAt: new Date() });

describe.skipIf(!canRun)('distribution centre in the h5 shop', { timeout: 180_000 }, () => {
  it('binds through an invite link, shows centre, team, rewards and rules, withdraws and verifies the ledger proof', async () => {
    // A boss (no referrer) refers the agent; the agent's package makes them an agent with two open slots.
    const bossId = await userIdOf('13500000003');
    const agentId = await userIdOf('13500000001');
    const friendId = await userIdOf('13500000002');
    expect(await payPackage(bossId)).toBe('package');
    const asAgent = { ...ctx, actor: { userId: agentId, sessionId: 'ses', displayName: 'agent', organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set<string>(), scope: { kind: 'self' as const, userId: agentId } } };
    expect((await distribution.members.bind(asAgent as never, (await distribution.members.inviteCode(bossId))!)).ok).toBe(true);
    expect(await payPackage(agentId)).toBe('package');
    const inviteCode = (await distribution.members.inviteCode(agentId))!;
    expect(inviteCode).toMatch(/^[A-Za-z0-9]{6,16}$/);

    // The friend opens the share link, logs in and is bound to the agent.
    const friend = await newShopPage(suite.browser);
    await loginShop(friend, `${suite.platform.baseUrl}/h5/?invite=${inviteCode}#/pages/login/index`, '13500000002');
    await expect.poll(async () => (await distribution.members.get(friendId))?.referrerId ?? null, { timeout: 15_000 }).toBe(agentId);
    await onScreen(friend, '#me-distribution').click();
    await friend.waitForURL(/pages\/distribution\/index/);
    await expect.poll(() => onScreen(friend, '#dist-role').innerText()).toBe('会员');
    await expect.poll(() => onScreen(friend, '#dist-referrer').innerText()).toContain('已绑定推荐人');
    await onScreen(friend, '#dist-member-hint').waitFor();
    // A member is offered the gift package that makes them an agent.
    await onScreen(friend, '#dist-buy-package').waitFor();
    await friend.waitForTimeout(600); // let the page's slide-in finish before the screenshot
    await shot(friend, 'distribution-01-member-centre');
    await openShopPage(friend, `${suite.platform.baseUrl}/h5/#/pages/distribution-rules/index`);
    await expect.poll(() => onScreen(friend, '#rules-page').innerText()).toContain('如何成为代理');
    await shot(friend, 'distribution-02-rules');

    // The friend buys the package: the agent's first slot and a direct reward; then money becomes available.
    expect(await payPackage(friendId)).toBe('package');
    const ledger = createLedgerService(suite.platform.database.db);
    const creditId = `ord_browser_dist_1:line-1:direct`;
    expect((await ledger.apply(suite.platform.database.db, ctx, [accrueCommission({ id: creditId, memberId: agentId, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: 'ord_browser_dist_1' })])).ok).toBe(true);
    expect((await ledger.apply(suite.platform.database.db, ctx, settleCommission({ pendingId: creditId, memberId: agentId, amountFen: 50_000n }))).ok).toBe(true);

    const agent = await newShopPage(suite.browser);
    await loginShop(agent, `${suite.platform.baseUrl}/h5/#/pages/login/index`, '13500000001');
    await openShopPage(agent, `${suite.platform.baseUrl}/h5/#/pages/distribution/index`);
    await expect.poll(() => onScreen(agent, '#dist-invite-code').innerText()).toBe(inviteCode);
    expect(await onScreen(agent, '#dist-role').innerText()).toBe('代理');
    await expect.poll(() => onScreen(agent, '#dist-balance-available').innerText()).toContain('¥500.00');
    expect(await onScreen(agent, '#dist-balance-pending').innerText()).toMatch(/¥[1-9]/);
    expect(await onScreen(agent, '#dist-invite-qr').getAttribute('data-value')).toContain(`invite=${inviteCode}`);
    await shot(agent, 'distribution-03-agent-centre');
    await onScreen(agent, '#dist-open-poster').click();
    await onScreen(agent, '#dist-poster').waitFor();
    await agent.screenshot({ path: `${SCREENSHOTS}distribution-04-poster.png` });
    await onScreen(agent, '#dist-poster-close').click();

    await onScreen(agent, '#dist-entry-team').click();
    await agent.waitForURL(/distribution-team/);
    await expect.poll(() => onScreen(agent, '#team-slot-1').innerText()).toContain('已贡献');
    await expect.poll(() => onScreen(agent, '#team-summary').innerText()).toContain('直推 1 人');
    expect(await onScreen(agent, '#team-slot-2').innerText()).toContain('空缺');
    // Let the page's slide-in transition finish before the picture.
    await agent.waitForTimeout(800);
    await shot(agent, 'distribution-05-team');

    await openShopPage(agent, `${suite.platform.baseUrl}/h5/#/pages/distribution-rewards/index`);
    await expect.poll(() => onScreen(agent, '#rewards-lines').innerText()).toContain('直推奖');
    expect(await onScreen(agent, '#rewards-lines').innerText()).toContain('待结算');
    await shot(agent, 'distribution-06-rewards');

    // Identity, then a withdrawal of ¥100 to a bank card with the fee shown before submitting.
    await openShopPage(agent, `${suite.platform.baseUrl}/h5/#/pages/distribution-withdraw/index`);
    const first17 = '11010519900101021';
    await onScreen(agent, '#withdraw-real-name input').fill('林小雨');
    await onScreen(agent, '#withdraw-id-number input').fill(first17 + idNumberCheckCharacter(first17));
    await onScreen(agent, '#withdraw-verify').click();
    await expect.poll(() => onScreen(agent, '#withdraw-identity-verified').innerText()).toContain('林小雨');
    await onScreen(agent, '#withdraw-amount input').fill('100');
    await onScreen(agent, '#withdraw-bank-name input').fill('招商银行');
    await onScreen(agent, '#withdraw-account-number input').fill('6225880000001234');
    await expect.poll(() => onScreen(agent, '#withdraw-fee').innerText()).toBe('¥1.00');
    expect(await onScreen(agent, '#withdraw-total').innerText()).toBe('¥101.00');
    await shot(agent, 'distribution-07-withdraw-form');
    await onScreen(agent, '#withdraw-submit').click();
    await onScreen(agent, '#withdraw-result').waitFor();
    expect(await onScreen(agent, '#withdraw-result').innerText()).toContain('¥100.00');
    await expect.poll(() => onScreen(agent, '#withdraw-available').innerText()).toContain('¥399.00');
    await expect.poll(() => onScreen(agent, '#withdraw-history').innerText()).toContain('¥100.00');
    await shot(agent, 'distribution-08-withdraw-result');

    // The worker seals new transfers into the chain on a schedule; here the test seals them itself.
    await sealAll(suite.platform.database.db);
    await openShopPage(agent, `${suite.platform.baseUrl}/h5/#/pages/distribution-proof/index`);
    await expect.poll(() => onScreen(agent, '#proof-status').innerText(), { timeout: 20_000 }).toBe('已验证');
    expect(await onScreen(agent, '#proof-lines').innerText()).toContain('奖励入账');
    await shot(agent, 'distribution-09-proof');
    await friend.close();
    await agent.close();
  });
});
