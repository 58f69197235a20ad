import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher, type PiiCipher } from '@linkmall/kernel';
import { createLedgerService, verifyLedger } from '@linkmall/ledger';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku, SHIPPING_ADDRESS, signUp, type Shopper } from './distribution-checkout.ts';
import { offsetClock, systemCtx } from './integration-fixtures.ts';

/**
 * PIPL rights end to end: the member's export, a deletion request with its cooling-off period, the
 * refusals while business is open, and the anonymisation that leaves orders' amounts and the
 * ledger's hash chain intact.
 */
const DAY_MS = 24 * 3_600_000;
const clock = offsetClock();
let t: TestPlatform;
let pii: PiiCipher;
let referrer: Shopper;
let buyer: Shopper;
let quiet: Shopper;
let quietOrderId: string;
let sku: string;

const sql = async <T = any>(text: string, params: unknown[] = []) => (await t.database.executeSql(text, params)).rows as T[];

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  pii = createPiiCipher(t.piiKey);
  // A referrer and a buyer whose paid package leaves open orders and a pending commission.
  sku = await packageSku(t, 5);
  referrer = await signUp(t, 'pdr-referrer');
  await buyPackage(t, referrer, sku);
  await deliverOutbox(t, clock);
  buyer = await signUp(t, 'pdr-buyer');
  await bind(t, buyer, await inviteCodeOf(t, referrer));
  await buyPackage(t, buyer, sku);
  await deliverOutbox(t, clock);
  // A quiet member: one cancelled order with a delivery address, a card visit and a lead about them.
  quiet = await signUp(t, 'pdr-quiet');
  const order = await t.json('POST', '/shop/orders', { token: quiet.token, body: { items: [{ skuId: sku, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: SHIPPING_ADDRESS } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  quietOrderId = order.body.id;
  expect((await t.json('POST', `/shop/orders/${quietOrderId}/cancel`, { token: quiet.token })).status).toBe(200);
  const [guide] = await sql<{ id: string; organization_id: string }>("select id, organization_id from users where display_name = '吴婷'");
  const now = clock.now();
  await sql(
    `insert into radar_visitors (card_id, visitor_id, owner_user_id, organization_id, user_id, display_name_cipher, avatar_url, first_seen_at, last_seen_at)
     values ('crd_pdr', 'vis_pdr_quiet', $1, $2, $3, $4, 'https://example.com/a.png', $5, $5)`,
    [guide!.id, guide!.organization_id, quiet.id, pii.encrypt('安静的访客'), now],
  );
  await sql(
    `insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, user_id, kind, occurred_at, received_at, detail)
     values ('crd_pdr', $1, $2, 'vis_pdr_quiet', $3, 'contact_form', $4, $4, '{"nameCipher":"x"}')`,
    [guide!.id, guide!.organization_id, quiet.id, now],
  );
  await sql(
    `insert into crm_leads (id, owner_user_id, organization_id, source, visitor_ids, user_id, name, company, emails, created_at, updated_at)
     values ('led_pdr_quiet', $1, $2, 'visitor', '{vis_pdr_quiet}', null, '安静的访客', '某公司', '{quiet@example.com}', $3, $3)`,
    [guide!.id, guide!.organization_id, now],
  );
  // The card assistant kept their consented chat, and they revealed a card owner's phone once.
  const [card] = await sql<{ id: string }>('select id from cards order by id limit 1');
  await sql(`insert into assistant_conversations (id, card_id, visitor_id, owner_user_id, organization_id, created_at, updated_at) values ('acv_pdr', $1, 'vis_pdr_quiet', $2, $3, $4, $4)`, [card!.id, guide!.id, guide!.organization_id, now]);
  await sql(
    `insert into assistant_messages (id, conversation_id, role, content, created_at) values ('amg_pdr_1', 'acv_pdr', 'visitor', '我住在静安区，能送货上门吗？', $1), ('amg_pdr_2', 'acv_pdr', 'assistant', '可以，全国包邮。', $1)`,
    [now],
  );
  await sql(`insert into card_phone_reveals (id, card_id, visitor_id, user_id, revealed_at) values ('cpr_pdr', $1, 'vis_pdr_quiet', $2, $3)`, [card!.id, quiet.id, now]);
  await sql(`insert into crm_lead_phones (lead_id, phone_hash, phone_cipher, phone_masked) values ('led_pdr_quiet', $1, $2, '139****0000')`, [pii.searchHash('13900000000'), pii.encrypt('13900000000')]);
});
afterAll(() => t?.close());

describe('personal-data export', () => {
  it('downloads everything held about the member, decrypted for them, and audits it', async () => {
    const response = await t.request('GET', '/shop/me/personal-data', { token: quiet.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(await response.text());
    expect(data.subject).toBe(quiet.id);
    expect(data.account.profile.id).toBe(quiet.id);
    expect(data.account.wechatIdentities).toHaveLength(1);
    expect(data.account.sessions[0]).not.toHaveProperty('token_hash');
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0].shipping_address).toMatchObject({ recipientName: '林小雨', phone: '13512345678', detail: '南京东路 300 号' });
    expect(data.orders[0].payable_fen).toMatch(/^\d+$/);
    expect(data.cardVisits.visitors[0]).toMatchObject({ visitor_id: 'vis_pdr_quiet', display_name: '安静的访客' });
    expect(data.cardVisits.events).toHaveLength(1);
    expect(data.leadsAboutMe[0]).toMatchObject({ id: 'led_pdr_quiet', phones: ['13900000000'] });
    expect(data.assistantConversations).toHaveLength(1);
    expect(data.assistantConversations[0].messages.map((message: { role: string; content: string }) => [message.role, message.content])).toEqual([
      ['visitor', '我住在静安区，能送货上门吗？'],
      ['assistant', '可以，全国包邮。'],
    ]);
    expect(data.phoneReveals).toHaveLength(1);
    expect(data.phoneReveals[0]).toMatchObject({ visitor_id: 'vis_pdr_quiet' });
    for (const section of ['afterSales', 'reviews', 'growth', 'distribution', 'payouts', 'consents', 'commissionBalances']) expect(data).toHaveProperty(section);
    const audit = await sql("select entity_id from audit_log where action = 'personal_data.exported'");
    expect(audit.map((row) => row.entity_id)).toContain(quiet.id);
  });

  it('shows the buyer only their own data and needs a session', async () => {
    const data = JSON.parse(await (await t.request('GET', '/shop/me/personal-data', { token: buyer.token })).text());
    expect(data.subject).toBe(buyer.id);
    expect(data.leadsAboutMe).toEqual([]);
    expect(data.distribution.membership.referrer_id).toBe(referrer.id);
    expect((await t.request('GET', '/shop/me/personal-data')).status).toBe(401);
  });
});

describe('deletion refusals', () => {
  it('refuses while the member has an open order, in Chinese and English, and records nothing', async () => {
    const zh = await t.json('POST', '/shop/me/deletion-request', { token: buyer.token });
    expect(zh.status).toBe(409);
    expect(zh.body.error.code).toBe('deletion_blocked');
    expect(zh.body.error.message).toContain('未完成的订单');
    expect(zh.body.error.details.blockers.map((blocker: { code: string }) => blocker.code)).toContain('open_orders');
    const en = await t.json('POST', '/shop/me/deletion-request', { token: buyer.token, headers: { 'accept-language': 'en' } });
    expect(en.body.error.message).toMatch(/unfinished orders; wait until they complete/);
    expect(await sql('select 1 from personal_data_requests where user_id = $1', [buyer.id])).toHaveLength(0);
  });

  it('refuses a staff account, which its organisation’s admin disables instead', async () => {
    const guide = await t.login('13600000001', 'shop');
    const refused = await t.json('POST', '/shop/me/deletion-request', { token: guide });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.blockers[0].code).toBe('staff_account');
    expect(refused.body.error.message).toContain('员工账号');
  });

  it('refuses while commission money is unsettled', async () => {
    const refused = await t.json('POST', '/shop/me/deletion-request', { token: referrer.token, headers: { 'accept-language': 'en' } });
    expect(refused.status).toBe(409);
    const codes = refused.body.error.details.blockers.map((blocker: { code: string }) => blocker.code);
    expect(codes).toContain('unsettled_balance');
    expect(refused.body.error.message).toMatch(/withdraw it or wait for settlement/);
  });
});

describe('deletion with a cooling-off period', () => {
  let requestId: string;

  it('is requested, idempotent, cancellable and requested again', async () => {
    const first = await t.json('POST', '/shop/me/deletion-request', { token: quiet.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'pending', created: true });
    expect(new Date(first.body.dueAt).getTime() - new Date(first.body.requestedAt).getTime()).toBe(7 * DAY_MS);
    const again = await t.json('POST', '/shop/me/deletion-request', { token: quiet.token });
    expect(again.body).toMatchObject({ id: first.body.id, created: false });
    const cancelled = await t.json('POST', '/shop/me/deletion-request/cancel', { token: quiet.token });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.json('POST', '/shop/me/deletion-request/cancel', { token: quiet.token })).status).toBe(404);
    const renewed = await t.json('POST', '/shop/me/deletion-request', { token: quiet.token });
    expect(renewed.body).toMatchObject({ status: 'pending', created: true });
    requestId = renewed.body.id;
    expect((await t.json('GET', '/shop/me/deletion-request', { token: quiet.token })).body.request.id).toBe(requestId);
  });

  it('is listed for operators with the permission, and not executed before it is due', async () => {
    const operations = await t.login('13800000002');
    const list = await t.json('GET', '/admin/personal-data/deletion-requests?status=pending', { token: operations });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(requestId);
    const early = await t.json('POST', `/admin/personal-data/deletion-requests/${requestId}/process`, { token: operations });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('deletion_cooling_off');
    const finance = await t.login('13800000003');
    expect((await t.json('GET', '/admin/personal-data/deletion-requests', { token: finance })).status).toBe(403);
  });

  it('anonymises the member when due; orders keep their amounts and the ledger still verifies', async () => {
    const ledger = createLedgerService(t.platform.db);
    await ledger.sealAll({ now: clock.now() });
    const before = await verifyLedger(t.platform.db);
    expect(before.ok).toBe(true);
    expect(before.counts.transfers).toBeGreaterThan(0);
    const transfersBefore = await sql('select t::text as row from ledger_transfers t order by id');
    const [orderBefore] = await sql('select goods_fen::text, payable_fen::text, shipping_address from orders where id = $1', [quietOrderId]);

    clock.advance(8 * DAY_MS);
    const outcome = await t.platform.personalData.runDue(systemCtx(clock));
    expect(outcome).toEqual({ completed: 1, refused: 0 });

    const [user] = await sql('select display_name, phone_cipher, phone_hash, status from users where id = $1', [quiet.id]);
    expect(user).toMatchObject({ display_name: '已注销用户', phone_cipher: null, phone_hash: null, status: 'disabled' });
    const [identity] = await sql('select open_id, union_id from wechat_identities where user_id = $1', [quiet.id]);
    expect(identity).toMatchObject({ open_id: `erased:${quiet.id}`, union_id: null });
    const [orderAfter] = await sql('select goods_fen::text, payable_fen::text, shipping_address from orders where id = $1', [quietOrderId]);
    expect(orderAfter).toMatchObject({ goods_fen: orderBefore.goods_fen, payable_fen: orderBefore.payable_fen });
    expect(orderAfter.shipping_address).toMatchObject({ recipientName: '已注销', phoneCipher: null, detail: '已注销', city: '上海市' });
    const [visitor] = await sql("select user_id, display_name_cipher, avatar_url from radar_visitors where visitor_id = 'vis_pdr_quiet'");
    expect(visitor).toEqual({ user_id: null, display_name_cipher: null, avatar_url: null });
    expect((await sql("select detail from radar_events where visitor_id = 'vis_pdr_quiet'"))[0].detail).toBeNull();
    const [lead] = await sql("select name, company, emails from crm_leads where id = 'led_pdr_quiet'");
    expect(lead).toEqual({ name: '已注销', company: null, emails: [] });
    expect(await sql("select 1 from crm_lead_phones where lead_id = 'led_pdr_quiet'")).toHaveLength(0);
    // The chat in their own words goes; the owner's count of phone reveals stays, unlinked from the account.
    expect(await sql("select 1 from assistant_messages where conversation_id = 'acv_pdr'")).toHaveLength(0);
    expect(await sql("select 1 from assistant_conversations where visitor_id = 'vis_pdr_quiet'")).toHaveLength(0);
    expect(await sql("select user_id from card_phone_reveals where id = 'cpr_pdr'")).toEqual([{ user_id: null }]);

    // The session is revoked; the ledger was not touched and still verifies (what `npm run ledger:verify` runs).
    expect((await t.json('GET', '/shop/me', { token: quiet.token })).status).toBe(401);
    expect(await sql('select t::text as row from ledger_transfers t order by id')).toEqual(transfersBefore);
    const after = await verifyLedger(t.platform.db);
    expect(after.ok, JSON.stringify(after.checks.filter((check) => !check.ok))).toBe(true);
    const audit = await sql("select after from audit_log where action = 'personal_data.anonymised' and entity_id = $1", [quiet.id]);
    expect(audit).toHaveLength(1);
  });

  it('cannot be processed twice, and the same WeChat login starts a fresh account', async () => {
    const operations = await t.login('13800000002');
    const twice = await t.json('POST', `/admin/personal-data/deletion-requests/${requestId}/process`, { token: operations });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('deletion_already_done');
    const fresh = await t.json('POST', '/shop/auth/wechat', { body: { code: 'pdr-quiet' } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.created).toBe(true);
    expect(fresh.body.user.id).not.toBe(quiet.id);
  });

  it('notes the refusal on a due request while business is open, and leaves it pending', async () => {
    const later = await signUp(t, 'pdr-later');
    const requested = await t.json('POST', '/shop/me/deletion-request', { token: later.token });
    expect(requested.status).toBe(200);
    // The member buys after asking; when the request falls due, the open order refuses it.
    await buyPackage(t, later, sku);
    clock.advance(8 * DAY_MS);
    const outcome = await t.platform.personalData.runDue(systemCtx(clock));
    expect(outcome.refused).toBe(1);
    const [row] = await sql('select status, last_refusal from personal_data_requests where id = $1', [requested.body.id]);
    expect(row).toEqual({ status: 'pending', last_refusal: expect.stringContaining('open_orders') });
  });
});
