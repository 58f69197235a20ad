import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signPartnerRequest } from '../../apps/api/src/open-routes.ts';
import { adminBuilt, CHROMIUM, closeDrawer, hasChromium, settledShot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console integrations browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

/** A partner's webhook receiver on 127.0.0.1 (development allows private addresses); answers 500 while `failing`. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let failing = false;
let receiverUrl = '';
let receiver: Server | undefined;

const suite = useBrowserSuite(canRun, async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
      response.end(failing ? '{"error":"maintenance"}' : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/linkmall`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve) ?? resolve(undefined));
});
const shot = settledShot(500);

async function readSecret(page: Page): Promise<{ secret: string; partnerId: string | null }> {
  await page.getByTestId('secret-value').waitFor();
  const secret = (await page.getByTestId('secret-value').innerText()).trim();
  const partner = page.getByTestId('secret-partner-id');
  return { secret, partnerId: (await partner.count()) > 0 ? (await partner.innerText()).trim() : null };
}

async function chooseEvent(page: Page, type: string) {
  await page.getByTestId('webhook-events').locator('input').fill(type);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: type }).first().click();
}

describe.skipIf(!canRun)('console integrations in Chromium', { timeout: 180_000 }, () => {
  it('adds a webhook whose secret is shown once, sends a signed test event, and shows the delivery log with a retry and a redelivery', async () => {
    // 张伟, platform admin.
    const page = await suite.consolePage('13800000001');
    await page.getByTestId('menu-integrations').click();
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-name').fill('ERP 订单同步');
    await page.getByTestId('webhook-url').fill(receiverUrl);
    await chooseEvent(page, 'order.paid');
    await chooseEvent(page, 'lead.created');
    await page.getByTestId('webhook-name').click();
    await shot(page, 'console-70-integrations-webhook-form');
    await page.getByTestId('webhook-save').click();
    const { secret } = await readSecret(page);
    expect(secret).toMatch(/^whsec_/);
    await shot(page, 'console-71-integrations-webhook-secret-once');
    await page.getByTestId('secret-done').click();
    await expect.poll(() => page.getByTestId('webhooks-table').innerText()).toContain('ERP 订单同步');
    expect(await page.getByTestId('webhooks-table').innerText()).not.toContain(secret);

    // The test event reaches the receiver, and the receiver's own HMAC check (from the docs) accepts it.
    await page.getByTestId('webhook-test').click();
    await expect.poll(() => received.length).toBe(1);
    const test = received[0]!;
    expect(test.headers['x-linkmall-event']).toBe('integration.test');
    const expected = `sha256=${createHmac('sha256', secret).update(`${test.headers['x-linkmall-timestamp']}.${test.body}`).digest('hex')}`;
    expect(test.headers['x-linkmall-signature']).toBe(expected);

    // The receiver goes down: a redelivery fails and is left to retry with backoff.
    await page.getByTestId('webhook-deliveries').click();
    await expect.poll(() => page.getByTestId('deliveries-table').innerText()).toContain('integration.test');
    failing = true;
    await page.getByTestId('delivery-redeliver').first().click();
    await expect.poll(() => page.getByTestId('deliveries-table').innerText()).toContain('重试中');
    await page.getByTestId('deliveries-table').locator('tr.ant-table-row').first().click();
    await page.getByTestId('delivery-detail').first().waitFor();
    await expect.poll(() => page.getByTestId('delivery-detail').first().innerText()).toContain('HTTP 500');
    await shot(page, 'console-72-integrations-delivery-log');

    // Back up: redelivering by hand succeeds at once.
    failing = false;
    await page.getByTestId('delivery-redeliver').first().click();
    await expect.poll(async () => (await page.getByTestId('delivery-status').allInnerTexts()).filter((text) => text === '成功').length).toBe(2);
    expect(received).toHaveLength(3);
    expect(received[2]!.body).toBe(received[1]!.body);
    await shot(page, 'console-73-integrations-redelivered');
    await closeDrawer(page);
    await page.close();
  });

  it('creates a scoped API key a partner signs with, shows its last use, and revokes it', async () => {
    const page = await suite.consolePage('13800000001');
    await page.getByTestId('menu-integrations').click();
    await page.getByTestId('integration-tab-api-keys').click();
    await page.getByTestId('api-key-add').click();
    await page.getByTestId('api-key-name').fill('金蝶 ERP');
    await page.getByTestId('api-key-scope-leads').click();
    await page.getByTestId('api-key-save').click();
    const { secret, partnerId } = await readSecret(page);
    expect(partnerId).toMatch(/^pak_/);
    await shot(page, 'console-74-integrations-api-key-secret-once');
    await page.getByTestId('secret-done').click();

    const call = async (path: string) => {
      const timestamp = Date.now();
      const nonce = randomUUID();
      const signature = signPartnerRequest(secret, { method: 'GET', path, timestamp, nonce, body: '' });
      return fetch(`${suite.platform.baseUrl}${path}`, { headers: { 'x-partner-id': partnerId!, 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signature } });
    };
    expect((await call('/open/v1/orders?limit=5')).status).toBe(200);
    expect((await call('/open/v1/members?limit=5')).status).toBe(403);
    await page.reload();
    await expect.poll(() => page.getByTestId('api-keys-table').innerText()).not.toContain('从未使用');
    await shot(page, 'console-75-integrations-api-keys');

    await page.getByTestId('api-key-revoke').first().click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('api-key-status').first().innerText()).toBe('已吊销');
    expect((await call('/open/v1/orders?limit=5')).status).toBe(401);
    await page.close();
  });

  it('schedules a daily orders export, produces the last day now and downloads the CSV', async () => {
    const page = await suite.consolePage('13800000001');
    await page.getByTestId('menu-integrations').click();
    await page.getByTestId('integration-tab-exports').click();
    await page.getByTestId('export-add').click();
    await page.getByTestId('export-name').fill('财务日报 · 订单');
    await page.getByTestId('export-save').click();
    await expect.poll(() => page.getByTestId('export-schedules-table').innerText()).toContain('财务日报 · 订单');
    await page.getByTestId('export-run-now').first().click();
    await expect.poll(() => page.getByTestId('export-runs-table').innerText()).toMatch(/orders-\d{4}-\d{2}-\d{2}\.csv/);
    await shot(page, 'console-76-integrations-exports');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').first().click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF订单号 Order ID,')).toBe(true);
    await page.close();
  });
});
