import type { TestPlatform } from '../../apps/api/test/harness.ts';
import type { Principal } from './security-fixtures.ts';

/**
 * The kinds of rows the demo data and the generic create pass leave empty, so the authorization suite
 * has a foreign id for every tenant-scoped path: made through the API where a route makes them, and
 * inserted directly only where only a background process or a long business history would.
 */
export async function createRareData(t: TestPlatform, principals: readonly Principal[]): Promise<void> {
  const by = (key: string) => principals.find((p) => p.key === key)!;
  const admin = by('platform_admin');
  // A card draft of each guide's own card, from "scanned" details (no image, so no OCR engine is needed).
  for (const guide of principals.filter((p) => p.role === 'shop_guide')) {
    await expectOk(t.json('POST', '/shop/scan/business-card/card-draft', { token: guide.token, body: { details: { name: `${guide.key} 草稿`, company: '安全测试公司' } } }), 'card draft');
  }
  // The platform's integrations: an endpoint whose test send is refused at once (a private address,
  // nothing leaves the machine) still logs a delivery; a schedule run produces an export file.
  const endpoint = await expectOk(t.json('POST', '/admin/integrations/webhooks', { token: admin.token, body: { name: '安全测试', url: 'http://127.0.0.1:9/hook', eventTypes: ['order.created'] } }), 'webhook endpoint');
  await expectOk(t.json('POST', `/admin/integrations/webhooks/${endpoint.endpoint.id}/test`, { token: admin.token }), 'webhook test delivery');
  const schedule = await expectOk(t.json('POST', '/admin/integrations/export-schedules', { token: admin.token, body: { name: '安全测试', report: 'orders', frequency: 'daily', format: 'csv' } }), 'export schedule');
  await expectOk(t.json('POST', `/admin/integrations/export-schedules/${schedule.id}/run`, { token: admin.token }), 'export run');
  // A deletion request, from a demo consumer with no open orders (the suite's own consumers have some,
  // which blocks the request) and outside the principals, so no session of the suite is affected.
  const leaver = await t.login('13500000003', 'shop');
  await expectOk(t.json('POST', '/shop/me/deletion-request', { token: leaver }), 'deletion request');
  await insertRows(t, principals);
}

async function expectOk(call: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const { status, body } = await call;
  if (status >= 300) throw new Error(`could not create a ${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** A fixed id of the given type (the suite runs on a fresh database, and `on conflict` keeps a rerun harmless). */
const idOf = (prefix: string, n: number) => `${prefix}_${'securitytest'}${String(n).padStart(14, '0')}`;

/**
 * Direct inserts, each for a reason: a withdrawal needs a settled, withdrawable balance (weeks of
 * commissions), a bank batch needs approved withdrawals, an anomaly and a growth reward are only ever
 * written by background jobs, a review needs a received order, and a notification is written by the
 * radar when someone else visits a card.
 */
async function insertRows(t: TestPlatform, principals: readonly Principal[]): Promise<void> {
  const sql = t.database.executeSql;
  const admin = principals.find((p) => p.key === 'platform_admin')!;
  const guides = principals.filter((p) => p.role === 'shop_guide');
  const now = new Date().toISOString();
  for (const [n, guide] of guides.entries()) {
    await sql(
      `insert into payout_withdrawals (id, member_id, amount_fen, fee_fen, method, status, needs_second_approval, business_day, requested_at, updated_at)
       values ($1, $2, 10000, 0, 'wechat', 'requested', false, $3::date, $4, $4) on conflict do nothing`,
      [idOf('wdr', n), guide.userId, now.slice(0, 10), now],
    );
    await sql(
      `insert into radar_notifications (id, user_id, kind, title, body, created_at) values ($1, $2, 'card_visit', $3, $3, $4) on conflict do nothing`,
      [idOf('ntf', n), guide.userId, JSON.stringify({ 'zh-CN': '有人看了你的名片', en: 'Someone viewed your card' }), now],
    );
  }
  await sql(`insert into payout_bank_batches (id, status, withdrawal_count, total_fen, exported_by, exported_at) values ($1, 'exported', 1, 10000, $2, $3) on conflict do nothing`, [idOf('pbt', 0), admin.userId, now]);
  await sql(
    `insert into payout_anomalies (id, rule, subject_key, member_ids, evidence, status, detected_at) values ($1, 'shared_device', 'security-test-device', $2::text[], '{}'::jsonb, 'open', $3) on conflict do nothing`,
    [idOf('anm', 0), `{${guides.map((g) => g.userId).join(',')}}`, now],
  );
  // A review of each consumer's paid order line (the consumers' orders are placed by createOwnedData).
  for (const [n, buyer] of principals.filter((p) => p.role === 'consumer').entries()) {
    await sql(
      `insert into reviews (id, order_id, sub_order_id, order_line_id, product_id, sku_id, specs, buyer_user_id, buyer_name_masked, supplier_id, rating, content, anonymous, status, created_at)
       select $1, l.order_id, l.sub_order_id, l.id, l.product_id, l.sku_id, l.specs, o.buyer_user_id, '安*', s.supplier_id, 5, '安全测试评价', false, 'visible', $3
       from order_lines l join sub_orders s on s.id = l.sub_order_id join orders o on o.id = l.order_id
       where o.buyer_user_id = $2 order by l.id limit 1 on conflict do nothing`,
      [idOf('rvw', n), buyer.userId, now],
    );
  }
  const campaign = (await sql('select id from growth_campaigns order by id limit 1')).rows[0] as { id: string } | undefined;
  if (!campaign) throw new Error('no growth campaign to hang a reward on');
  for (const [n, guide] of guides.entries()) {
    await sql(
      `insert into growth_rewards (id, campaign_id, member_id, kind, cause_key, unit, requested_amount, granted_amount, decision, state, gift_name_zh, gift_name_en, day, created_at, updated_at)
       values ($1, $2, $3, 'ladder_gift', $4, 'points', 0, 0, 'granted', 'to_ship', '安全测试礼品', 'Security test gift', 0, $5, $5) on conflict do nothing`,
      [idOf('grw', n), campaign.id, guide.userId, `security-test-${n}`, now],
    );
  }
}
