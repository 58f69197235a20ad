import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender, isPrivateAddress, webhookSubscriber } from '@linkmall/integration';
import { inTransaction } from '@linkmall/db';
import { createPiiCipher } from '@linkmall/kernel';
import { wireIntegration } from '../src/integration-wiring.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { drainOutbox, offsetClock, placeOrder, startReceiver, systemCtx, type ReceivedRequest } from './integration-fixtures.ts';

const clock = offsetClock();
let t: TestPlatform;
let admin: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  admin = await t.login('13800000001');
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

/** The receiver's own check, written from the documentation: nothing of the platform's code is used. */
function verifiesIndependently(request: ReceivedRequest, secret: string): boolean {
  const timestamp = request.headers['x-linkmall-timestamp'] as string;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`, 'utf8').digest('hex')}`;
  return request.headers['x-linkmall-signature'] === expected;
}

async function createEndpoint(path: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const created = await t.json('POST', '/admin/integrations/webhooks', { token: admin, body: { name: `测试 ${path}`, url: `${receiver.baseUrl}${path}`, eventTypes } });
  expect(created.status).toBe(201);
  return { id: created.body.endpoint.id, secret: created.body.secret };
}

async function deliveriesOf(endpointId: string) {
  return (await t.json('GET', `/admin/integrations/webhooks/${endpointId}/deliveries`, { token: admin })).body.items as any[];
}

/** A sender with short timeouts and a three-attempt policy, over the platform's database and key. */
const quickSender = () =>
  createWebhookSender({ db: t.platform.db, pii: createPiiCipher(t.piiKey), options: { timeoutMs: 400, allowPrivateNetworks: true, retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 } } });

describe('outbound webhooks', () => {
  let ok: { id: string; secret: string };

  it('creates an endpoint whose secret is shown once and stored encrypted', async () => {
    ok = await createEndpoint('/ok', ['order.created', 'order.paid']);
    expect(ok.secret).toMatch(/^whsec_[\w-]{43}$/);
    const read = (await t.json('GET', `/admin/integrations/webhooks/${ok.id}`, { token: admin })).body;
    expect(JSON.stringify(read)).not.toContain(ok.secret);
    expect(read.secretPreview).toBe(`${ok.secret.slice(0, 10)}…`);
    const { rows } = await t.database.executeSql('select secret_cipher from integration_webhook_endpoints where id = $1', [ok.id]);
    const cipher = (rows[0] as { secret_cipher: string }).secret_cipher;
    expect(cipher).not.toContain(ok.secret.slice(6));
    expect(createPiiCipher(t.piiKey).decrypt(cipher)).toBe(ok.secret);
  });

  it('refuses unknown events and non-http URLs, and writes nothing', async () => {
    const unknown = await t.json('POST', '/admin/integrations/webhooks', { token: admin, body: { name: 'x', url: `${receiver.baseUrl}/x`, eventTypes: ['order.exploded'] } });
    expect(unknown.status).toBe(400);
    const ftp = await t.json('POST', '/admin/integrations/webhooks', { token: admin, body: { name: 'x', url: 'ftp://example.com/in', eventTypes: ['order.paid'] }, headers: { 'accept-language': 'en' } });
    expect(ftp.status).toBe(422);
    expect(ftp.body.error).toMatchObject({ code: 'webhook_url_invalid', message: 'The webhook URL must be an http(s) URL without a user name or password' });
    expect((await t.json('GET', '/admin/integrations/webhooks', { token: admin })).body.total).toBe(1);
  });

  it('delivers real order events, signed so that an independent HMAC check verifies them', async () => {
    const orderId = await placeOrder(t, { pay: true });
    await drainOutbox(t, clock);
    // The outbox delivered each event once; enqueueing is idempotent on (event, endpoint) anyway.
    const deliveries = await deliveriesOf(ok.id);
    expect(deliveries.map((delivery) => delivery.eventType).sort()).toEqual(['order.created', 'order.paid']);
    const report = await t.platform.integration.sender.sendDue(systemCtx(clock));
    expect(report).toEqual({ sent: 2, succeeded: 2, retrying: 0, dead: 0 });

    const requests = receiver.received.filter((request) => request.path === '/ok');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(verifiesIndependently(request, ok.secret)).toBe(true);
      expect(verifiesIndependently(request, `${ok.secret}x`)).toBe(false);
      const body = JSON.parse(request.body);
      expect(body.data.orderId).toBe(orderId);
      expect(request.headers['x-linkmall-event']).toBe(body.type);
      expect(request.headers['content-type']).toBe('application/json');
      expect(Math.abs(Number(request.headers['x-linkmall-timestamp']) - clock.now().getTime() / 1000)).toBeLessThan(60);
      const delivery = deliveries.find((candidate) => candidate.id === request.headers['x-linkmall-delivery']);
      expect(delivery?.eventId).toBe(body.id);
    }
    const after = await deliveriesOf(ok.id);
    expect(after.every((delivery) => delivery.status === 'succeeded' && delivery.attempts === 1 && delivery.lastStatusCode === 200)).toBe(true);
  });

  it('enqueues one delivery per event and endpoint however often the outbox retries', async () => {
    const event = { id: 'evt_00000000000000000000000099', type: 'order.created', aggregateId: null, payload: { orderId: 'ord_x' }, occurredAt: clock.now(), requestId: null, position: 1n, attempt: 1 };
    for (let attempt = 1; attempt <= 3; attempt++) await inTransaction(t.platform.db, (tx) => webhookSubscriber().handle(tx, { ...event, attempt }, systemCtx(clock)));
    const { rows } = await t.database.executeSql('select count(*)::int as n from integration_webhook_deliveries where event_id = $1', [event.id]);
    expect((rows[0] as { n: number }).n).toBe(1);
    await t.platform.integration.sender.sendDue(systemCtx(clock));
  });

  it('retries a failing endpoint with backoff (500, then a timeout) until it succeeds', async () => {
    await t.json('PATCH', `/admin/integrations/webhooks/${ok.id}`, { token: admin, body: { enabled: false } });
    const flaky = await createEndpoint('/flaky', ['order.created']);
    receiver.plan('/flaky', ['fail', 'hang', 'ok']);
    await placeOrder(t, { pay: false });
    await drainOutbox(t, clock);
    const sender = quickSender();

    expect(await sender.sendDue(systemCtx(clock))).toMatchObject({ sent: 1, retrying: 1 });
    let [delivery] = await deliveriesOf(flaky.id);
    expect(delivery).toMatchObject({ status: 'pending', retrying: true, attempts: 1, lastStatusCode: 500 });
    // One minute of backoff after the first failure: nothing is due before it.
    expect(new Date(delivery.nextAttemptAt).getTime() - clock.now().getTime()).toBeGreaterThan(55_000);
    expect((await sender.sendDue(systemCtx(clock))).sent).toBe(0);

    clock.advance(60_000);
    expect(await sender.sendDue(systemCtx(clock))).toMatchObject({ sent: 1, retrying: 1 });
    [delivery] = await deliveriesOf(flaky.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null });
    expect(delivery.lastError).toContain('timed out');
    // Doubled: two minutes after the second failure.
    const wait = new Date(delivery.nextAttemptAt).getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThan(115_000);
    expect(wait).toBeLessThanOrEqual(120_000);
    clock.advance(60_000);
    expect((await sender.sendDue(systemCtx(clock))).sent).toBe(0);

    clock.advance(60_000);
    expect(await sender.sendDue(systemCtx(clock))).toMatchObject({ sent: 1, succeeded: 1 });
    const detail = (await t.json('GET', `/admin/integrations/webhook-deliveries/${delivery.id}`, { token: admin })).body;
    expect(detail).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200 });
    expect(detail.attemptLog.map((attempt: any) => [attempt.attempt, attempt.statusCode, attempt.succeeded])).toEqual([
      [1, 500, false],
      [2, null, false],
      [3, 200, true],
    ]);
    expect(detail.attemptLog[0].responseExcerpt).toContain('receiver is down');
    const flakyRequests = receiver.received.filter((request) => request.path === '/flaky');
    expect(flakyRequests).toHaveLength(3);
    // Every retry carries the same body, re-signed with its own timestamp.
    expect(new Set(flakyRequests.map((request) => request.body)).size).toBe(1);
    expect(flakyRequests.every((request) => verifiesIndependently(request, flaky.secret))).toBe(true);
    await t.json('PATCH', `/admin/integrations/webhooks/${flaky.id}`, { token: admin, body: { enabled: false } });
  });

  let deadDeliveryId: string;
  let down: { id: string; secret: string };
  it('marks a delivery dead after the last attempt fails', async () => {
    down = await createEndpoint('/down', ['order.created']);
    receiver.plan('/down', ['fail', 'fail', 'fail']);
    await placeOrder(t, { pay: false });
    await drainOutbox(t, clock);
    const sender = quickSender();
    expect((await sender.sendDue(systemCtx(clock))).retrying).toBe(1);
    clock.advance(60_000);
    expect((await sender.sendDue(systemCtx(clock))).retrying).toBe(1);
    clock.advance(120_000);
    expect((await sender.sendDue(systemCtx(clock))).dead).toBe(1);
    clock.advance(3_600_000);
    expect((await sender.sendDue(systemCtx(clock))).sent).toBe(0);
    const [delivery] = await deliveriesOf(down.id);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    deadDeliveryId = delivery.id;
    expect((await t.json('GET', `/admin/integrations/webhooks/${down.id}/deliveries?status=dead`, { token: admin })).body.total).toBe(1);
  });

  it('redelivers a dead delivery by hand from the console as a new, signed delivery', async () => {
    // Tokens last 12 hours of the (advanced) clock.
    admin = await t.login('13800000001');
    const before = receiver.received.length;
    const redelivered = await t.json('POST', `/admin/integrations/webhook-deliveries/${deadDeliveryId}/redeliver`, { token: admin });
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toMatchObject({ status: 'succeeded', attempts: 1, redeliveryOf: deadDeliveryId, lastStatusCode: 200 });
    expect(redelivered.body.id).not.toBe(deadDeliveryId);
    const request = receiver.received[before]!;
    expect(request.headers['x-linkmall-delivery']).toBe(redelivered.body.id);
    expect(verifiesIndependently(request, down.secret)).toBe(true);
    const original = (await t.json('GET', `/admin/integrations/webhook-deliveries/${deadDeliveryId}`, { token: admin })).body;
    expect(original.status).toBe('dead');
    expect(request.body).toBe(original.body);
    const { rows } = await t.database.executeSql("select count(*)::int as n from audit_log where action = 'webhook_delivery.redelivered' and entity_id = $1", [redelivered.body.id]);
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('sends a signed test event from the console and shows the answer', async () => {
    const before = receiver.received.length;
    const sent = await t.json('POST', `/admin/integrations/webhooks/${down.id}/test`, { token: admin });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ eventType: 'integration.test', status: 'succeeded' });
    expect(sent.body.attemptLog[0]).toMatchObject({ statusCode: 200, responseExcerpt: '{"received":true}', succeeded: true });
    const request = receiver.received[before]!;
    expect(request.headers['x-linkmall-event']).toBe('integration.test');
    expect(verifiesIndependently(request, down.secret)).toBe(true);
    // A disabled endpoint gets no test.
    const disabled = await t.json('POST', `/admin/integrations/webhooks/${ok.id}/test`, { token: admin });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.code).toBe('webhook_endpoint_disabled');
  });

  it('rotates a secret: later deliveries verify with the new one only', async () => {
    const rotated = await t.json('POST', `/admin/integrations/webhooks/${down.id}/rotate-secret`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(down.secret);
    const before = receiver.received.length;
    await t.json('POST', `/admin/integrations/webhooks/${down.id}/test`, { token: admin });
    const request = receiver.received[before]!;
    expect(verifiesIndependently(request, rotated.body.secret)).toBe(true);
    expect(verifiesIndependently(request, down.secret)).toBe(false);
  });
});

describe('SSRF guard', () => {
  const guarded = () => wireIntegration({ db: t.platform.db, pii: createPiiCipher(t.piiKey), userNames: async () => new Map() }, { allowPrivateNetworks: false, timeoutMs: 2_000 });
  const staff = () => ({ ...systemCtx(clock), actor: { userId: 'usr_00000000000000000000000000', sessionId: 's', displayName: '张伟', organizationId: null, organizationKind: 'platform' as const, roles: ['platform_admin'], permissions: new Set(['integration.manage']), scope: { kind: 'all' as const } } });

  it.each(['http://127.0.0.1:8080/in', 'http://localhost/in', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.8/', 'http://[::1]/', 'http://2130706433/'])('refuses %s unless private networks are allowed', async (url) => {
    const result = await guarded().webhooks.create(staff(), { name: 'ssrf', url, eventTypes: ['order.paid'], enabled: true });
    expect(result).toEqual({ ok: false, code: 'webhook_url_private' });
  });

  it('refuses at send time an endpoint whose host name resolves to a private address', async () => {
    const addresses = await lookup(hostname(), { all: true }).catch(() => []);
    // The machine's own name resolves to loopback or a private address on most hosts; elsewhere there is nothing to prove.
    if (addresses.length === 0 || !addresses.every((entry) => isPrivateAddress(entry.address))) return;
    const created = await t.json('POST', '/admin/integrations/webhooks', { token: admin, body: { name: '主机名', url: `http://${hostname()}:9/in`, eventTypes: ['order.paid'] } });
    expect(created.status).toBe(201);
    const integration = guarded();
    const result = await integration.webhooks.sendTest(staff(), created.body.endpoint.id);
    expect(result.ok).toBe(true);
    const detail = result.ok ? result.value : null;
    expect(detail?.attemptLog[0]?.statusCode).toBeNull();
    expect(detail?.attemptLog[0]?.error).toMatch(/private address/);
  });
});
