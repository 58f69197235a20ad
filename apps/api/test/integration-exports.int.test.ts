import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { offsetClock, placeOrder, signedGet, startReceiver, systemCtx } from './integration-fixtures.ts';

const DAY_MS = 86_400_000;
const clock = offsetClock();
let t: TestPlatform;
let admin: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

/** Noon in Beijing of the next day, so a test's few minutes never straddle midnight. */
function nextBeijingNoonOffset(): number {
  const now = Date.now();
  const beijingMidnight = Math.floor((now + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000;
  return beijingMidnight + DAY_MS + 12 * 3_600_000 - now;
}

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  receiver = await startReceiver();
  clock.setOffset(nextBeijingNoonOffset());
  admin = await t.login('13800000001');
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const runsOf = async (scheduleId: string) => (await t.json('GET', `/admin/integrations/export-runs?scheduleId=${scheduleId}`, { token: admin })).body;

describe('scheduled exports', () => {
  let scheduleId: string;
  let endpointId: string;
  let orderIds: string[];

  it('produces each due period once, however often and however concurrently the job runs', async () => {
    const endpoint = await t.json('POST', '/admin/integrations/webhooks', { token: admin, body: { name: 'ERP 通知', url: `${receiver.baseUrl}/exports`, eventTypes: ['integration.export_ready'] } });
    endpointId = endpoint.body.endpoint.id;
    const schedule = await t.json('POST', '/admin/integrations/export-schedules', { token: admin, body: { name: '每日订单', report: 'orders', frequency: 'daily', format: 'csv', webhookEndpointId: endpointId } });
    expect(schedule.status).toBe(201);
    scheduleId = schedule.body.id;
    orderIds = [await placeOrder(t, { pay: true }), await placeOrder(t, { pay: false })];

    // Still the same day: nothing has ended yet.
    expect((await t.platform.integration.exports.runDue(systemCtx(clock))).produced).toBe(0);
    clock.advance(DAY_MS);
    admin = await t.login('13800000001');
    const concurrent = await Promise.all([t.platform.integration.exports.runDue(systemCtx(clock)), t.platform.integration.exports.runDue(systemCtx(clock))]);
    expect(concurrent.reduce((sum, report) => sum + report.produced, 0)).toBe(1);
    expect((await t.platform.integration.exports.runDue(systemCtx(clock))).produced).toBe(0);
    const runs = await runsOf(scheduleId);
    expect(runs.total).toBe(1);
    const run = runs.items[0];
    const { rows } = await t.database.executeSql('select count(*)::int as n from orders where created_at >= $1 and created_at < $2', [run.periodStart, run.periodEnd]);
    expect(run.rowCount).toBe((rows[0] as { n: number }).n);
    expect(run.rowCount).toBeGreaterThanOrEqual(2);
    expect(new Date(run.periodEnd).getTime() - new Date(run.periodStart).getTime()).toBe(DAY_MS);

    // "Run now" in the console asks for the same period: the same file comes back.
    const now = await t.json('POST', `/admin/integrations/export-schedules/${scheduleId}/run`, { token: admin });
    expect(now.status).toBe(200);
    expect(now.body.id).toBe(run.id);
    expect((await runsOf(scheduleId)).total).toBe(1);
  });

  it('serves the CSV for download, with the period’s orders and amounts in yuan', async () => {
    const run = (await runsOf(scheduleId)).items[0];
    const response = await t.request('GET', `/admin/integrations/export-runs/${run.id}/file`, { token: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${run.fileName}"`);
    expect(run.fileName).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await response.text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('订单号 Order ID');
    expect(lines).toHaveLength(run.rowCount + 1);
    for (const orderId of orderIds) expect(csv).toContain(orderId);
    const paidLine = lines.find((line) => line.startsWith(orderIds[0]!))!;
    expect(paidLine).toMatch(/,paid,/);
    expect(paidLine).toMatch(/,\d+\.\d{2},/);
  });

  it('tells the schedule’s webhook endpoint once, and a partner with the report’s scope downloads the file', async () => {
    const { rows } = await t.database.executeSql("select event_id, body from integration_webhook_deliveries where endpoint_id = $1 and event_type = 'integration.export_ready'", [endpointId]);
    expect(rows).toHaveLength(1);
    const run = (await runsOf(scheduleId)).items[0];
    const notice = JSON.parse((rows[0] as { body: string }).body);
    expect(notice).toMatchObject({ id: run.id, type: 'integration.export_ready', data: { runId: run.id, report: 'orders', rowCount: run.rowCount, downloadPath: `/open/v1/export-runs/${run.id}/file` } });

    const orders = (await t.json('POST', '/admin/integrations/api-keys', { token: admin, body: { name: 'ERP', scopes: ['orders:read'] } })).body;
    const leadsOnly = (await t.json('POST', '/admin/integrations/api-keys', { token: admin, body: { name: 'CRM', scopes: ['leads:read'] } })).body;
    const downloaded = await signedGetRaw(orders.key.id, orders.secret, notice.data.downloadPath);
    expect(downloaded.status).toBe(200);
    const console = await (await t.request('GET', `/admin/integrations/export-runs/${run.id}/file`, { token: admin })).text();
    expect(await downloaded.text()).toBe(console);
    const refused = await signedGet(t, clock, leadsOnly.key.id, leadsOnly.secret, notice.data.downloadPath);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ scope: 'orders:read' });
  });

  it('writes weekly XLSX files of reward lines and leads', async () => {
    for (const report of ['reward_lines', 'leads'] as const) {
      const schedule = (await t.json('POST', '/admin/integrations/export-schedules', { token: admin, body: { name: `每周 ${report}`, report, frequency: 'weekly', format: 'xlsx' } })).body;
      const run = await t.json('POST', `/admin/integrations/export-schedules/${schedule.id}/run`, { token: admin });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ report, format: 'xlsx', rowCount: expect.any(Number) });
      expect(new Date(run.body.periodEnd).getTime() - new Date(run.body.periodStart).getTime()).toBe(7 * DAY_MS);
      const file = await t.request('GET', `/admin/integrations/export-runs/${run.body.id}/file`, { token: admin });
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(bytes.length).toBe(run.body.byteSize);
    }
  });

  it('stops producing for a disabled schedule, and refuses a missing webhook endpoint', async () => {
    await t.json('PATCH', `/admin/integrations/export-schedules/${scheduleId}`, { token: admin, body: { enabled: false } });
    clock.advance(DAY_MS);
    admin = await t.login('13800000001');
    expect((await t.platform.integration.exports.runDue(systemCtx(clock))).failed).toEqual([]);
    expect((await runsOf(scheduleId)).total).toBe(1);
    const missing = await t.json('POST', '/admin/integrations/export-schedules', { token: admin, body: { name: 'x', report: 'leads', frequency: 'daily', webhookEndpointId: 'whk_00000000000000000000000000' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('export_webhook_not_found');
  });
});

/** A signed partner GET whose body is read as a file, not JSON. */
async function signedGetRaw(partnerId: string, secret: string, path: string) {
  const { signPartnerRequest } = await import('../src/open-routes.ts');
  const timestamp = clock.now().getTime();
  const nonce = `file-${timestamp}`;
  return t.request('GET', path, { headers: { 'x-partner-id': partnerId, 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signPartnerRequest(secret, { method: 'GET', path, timestamp, nonce, body: '' }) } });
}
