import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, OutboxDispatcher } from '@linkmall/events';
import { systemClock } from '@linkmall/kernel';
import type { CardAttribution, Notifier, OutgoingNotification } from '@linkmall/radar';
import { backgroundWork } from '../src/background.ts';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { sseReader } from './radar-sse.ts';

/** Cards of two guides in two merchants, resolved by a small directory until the card module's own is wired. */
const cards = new Map<string, Omit<CardAttribution, 'shareId' | 'forwarderVisitorId' | 'chain'>>();
const sent: OutgoingNotification[] = [];
const notifier: Notifier = { name: 'recording', send: async (notification) => (sent.push(notification), 'sent') };

let t: TestPlatform;
let guide: string;
let otherGuide: string;
let boss: string;
let otherBoss: string;
let guideShop: string;
let shopper: string;
let guideId: string;

const visitorId = 'visitor-live-0123456789';
const now = () => new Date().toISOString();

beforeAll(async () => {
  t = await startTestPlatform({
    radar: {
      notifier,
      cards: { attribution: async (cardId) => (cards.has(cardId) ? { ...cards.get(cardId)!, shareId: null, forwarderVisitorId: null, chain: [] } : null) },
    },
  });
  [guide, otherGuide, boss, otherBoss] = await Promise.all([t.login('13600000001'), t.login('13600000002'), t.login('13700000001'), t.login('13700000002')]);
  guideShop = await t.login('13600000001', 'shop');
  shopper = await t.login('13500000001', 'shop');
  const me = (await t.json('GET', '/admin/me', { token: guide })).body;
  const other = (await t.json('GET', '/admin/me', { token: otherGuide })).body;
  guideId = me.id;
  cards.set('crd_guide', { cardId: 'crd_guide', ownerUserId: me.id, organizationId: me.organizationId });
  cards.set('crd_other', { cardId: 'crd_other', ownerUserId: other.id, organizationId: other.organizationId });
});
afterAll(() => t?.close());

const track = (body: object, token?: string) => t.json('POST', '/t/events', { body, ...(token ? { token } : {}) });

describe('tracking over HTTP', () => {
  it('names a signed-in visitor who consented, and shows them on the owner’s radar', async () => {
    expect((await t.json('POST', '/t/consent', { body: { visitorId, cardId: 'crd_guide', granted: true } })).status).toBe(200);
    const receipt = await track({ visitorId, cardId: 'crd_guide', events: [{ kind: 'view', at: now() }, { kind: 'dwell', at: now(), seconds: 20 }] }, shopper);
    expect(receipt).toEqual({ status: 202, body: { accepted: 2, dropped: 0, personal: true } });
    const radar = await t.json('GET', '/shop/radar/visitors', { token: guideShop });
    expect(radar.status).toBe(200);
    expect(radar.body).toMatchObject({ total: 1, items: [{ visitorId, displayName: '林小雨', label: '林小雨', visits: 1, dwellSeconds: 20 }] });
    const timeline = await t.json('GET', `/shop/radar/visitors/${visitorId}/timeline`, { token: guideShop, headers: { 'accept-language': 'en' } });
    expect(timeline.body.items.map((item: any) => item.text)).toEqual(expect.arrayContaining(['林小雨 viewed your card']));
    // Someone else's radar is empty, and their timeline of this visitor is not found.
    expect((await t.json('GET', '/shop/radar/visitors', { token: shopper })).body.total).toBe(0);
    expect((await t.json('GET', `/shop/radar/visitors/${visitorId}/timeline`, { token: shopper })).status).toBe(404);
  });

  it('rejects bad batches with the error model and writes nothing', async () => {
    const before = await tableCounts(t);
    const tooMany = Array.from({ length: 101 }, () => ({ kind: 'view', at: now() }));
    const cases: [object | string, number, string][] = [
      [{ visitorId, cardId: 'crd_guide', events: tooMany }, 400, 'validation_failed'],
      [{ visitorId, cardId: 'crd_guide', events: [] }, 400, 'validation_failed'],
      [{ visitorId: 'short', cardId: 'crd_guide', events: [{ kind: 'view', at: now() }] }, 400, 'validation_failed'],
      [{ visitorId, cardId: 'crd_guide', events: [{ kind: 'dwell', at: now() }] }, 400, 'validation_failed'],
      [{ visitorId, cardId: 'crd_guide', events: [{ kind: 'contact_form', at: now(), contact: { name: 'x', phone: '123' } }] }, 400, 'validation_failed'],
      [{ visitorId, cardId: 'crd_missing', events: [{ kind: 'view', at: now() }] }, 404, 'radar_card_not_found'],
      ['{"visitorId": ', 400, 'malformed_json'],
      [JSON.stringify({ visitorId, cardId: 'crd_guide', events: [{ kind: 'view', at: now(), detail: { note: 'x'.repeat(70_000) } }] }), 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.request('POST', '/t/events', typeof body === 'string' ? { rawBody: body } : { body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await response.json()) as any).error.code).toBe(code);
    }
    const plain = await t.request('POST', '/t/events', { headers: { 'content-type': 'text/plain' }, rawBody: 'x' });
    expect(plain.status).toBe(415);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('live notifications', () => {
  it('pushes "X viewed your card" and "X clicked 商品Y" to the owner’s EventSource within a second', async () => {
    const ticket = await t.json('POST', '/shop/radar/stream-ticket', { token: guideShop });
    expect(ticket.status).toBe(200);
    const stream = sseReader(await t.request('GET', `/shop/radar/stream?ticket=${encodeURIComponent(ticket.body.ticket)}`));
    expect((await stream.next((message) => message.event === 'ready'))?.data).toMatchObject({ userId: guideId, team: 'none' });
    const ids = ((await t.database.executeSql('select id from products', [])).rows as { id: string }[]).map((row) => row.id);
    const productId = [...(await t.platform.catalog.shop.byIds(ids)).values()][0]!;
    const startedAt = Date.now();
    await track({ visitorId: 'visitor-live-second-visitor', cardId: 'crd_guide', events: [{ kind: 'view', at: now() }, { kind: 'product_click', at: now(), productId: productId.id }] });
    const view = await stream.next((message) => message.event === 'activity' && message.data.kind === 'view');
    expect(view?.data).toMatchObject({ cardId: 'crd_guide', visitorId: null, text: '一位访客正在查看你的名片' });
    const click = await stream.next((message) => message.event === 'activity' && message.data.kind === 'product_click');
    expect(click?.data.text).toBe(`一位访客点击了商品「${productId.title}」`);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await stream.close();
  });

  it('streams the whole organisation to its manager, with the session header, and nothing of other merchants', async () => {
    const own = sseReader(await t.request('GET', '/admin/radar/stream', { token: boss }));
    const other = sseReader(await t.request('GET', '/admin/radar/stream', { token: otherBoss }));
    expect((await own.next((message) => message.event === 'ready'))?.data.team).toBe('organization');
    await other.next((message) => message.event === 'ready');
    await track({ visitorId, cardId: 'crd_guide', events: [{ kind: 'call', at: now() }] });
    expect((await own.next((message) => message.event === 'activity'))?.data).toMatchObject({ kind: 'call', ownerUserId: guideId, displayName: '林小雨' });
    expect(await other.next((message) => message.event === 'activity', 300)).toBeNull();
    await Promise.all([own.close(), other.close()]);
  });

  it('refuses streams without a session or a valid ticket, and console users without visitor.read', async () => {
    expect((await t.json('GET', '/shop/radar/stream')).body.error.code).toBe('unauthenticated');
    const forged = await t.json('GET', '/admin/radar/stream?ticket=abc.def');
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'radar_stream_ticket_invalid' } } });
    const shopTicket = (await t.json('POST', '/shop/radar/stream-ticket', { token: guideShop })).body.ticket;
    expect((await t.json('GET', `/admin/radar/stream?ticket=${encodeURIComponent(shopTicket)}`)).status).toBe(401);
    const finance = await t.login('13800000003');
    expect((await t.json('GET', '/admin/radar/stream', { token: finance })).status).toBe(403);
    expect((await t.json('POST', '/admin/radar/stream-ticket', { token: finance })).status).toBe(403);
  });
});

describe('notifications and the Boss radar', () => {
  it('lists the owner’s notifications, marks them read, and sends each through the notifier once via the outbox', async () => {
    const list = await t.json('GET', '/shop/notifications', { token: guideShop });
    expect(list.status).toBe(200);
    const viewed = list.body.items.find((item: any) => item.kind === 'card_viewed');
    expect(viewed).toMatchObject({ title: '林小雨正在查看你的名片', readAt: null });
    expect(list.body.unread).toBeGreaterThanOrEqual(1);
    const dispatcher = new OutboxDispatcher(t.platform.db, { subscribers: backgroundWork(t.platform, silentLogger).subscribers, clock: systemClock, logger: silentLogger });
    expect((await dispatcher.drain()).failed).toBe(0);
    expect(sent.filter((notification) => notification.notificationId === viewed.id)).toHaveLength(1);
    expect((await t.json('POST', `/shop/notifications/${viewed.id}/read`, { token: guideShop })).body.readAt).not.toBeNull();
    expect((await t.json('POST', `/shop/notifications/${viewed.id}/read`, { token: shopper })).status).toBe(404);
    const all = await t.json('POST', '/shop/notifications/read-all', { token: guideShop });
    expect(all.status).toBe(200);
    expect((await t.json('GET', '/shop/notifications?unread=true', { token: guideShop })).body.total).toBe(0);
  });

  it('gives the manager per-owner totals of their organisation only', async () => {
    await track({ visitorId: 'visitor-other-merchant-01', cardId: 'crd_other', events: [{ kind: 'view', at: now() }] });
    const team = await t.json('GET', '/admin/radar/team', { token: boss });
    expect(team.status).toBe(200);
    expect(team.body.owners).toHaveLength(1);
    expect(team.body.owners[0]).toMatchObject({ ownerUserId: guideId, ownerName: '吴婷', visitors: 1, leads: 1 });
    expect(team.body.owners[0].views).toBeGreaterThanOrEqual(2);
    const platform = await t.json('GET', '/admin/radar/team', { token: await t.login('13800000002') });
    expect(platform.body.owners.length).toBe(2);
    expect((await t.json('GET', '/admin/radar/team', { token: guide })).status).toBe(403);
    expect((await t.json('GET', '/admin/radar/team?from=2026-01-01&to=2025-01-01', { token: boss })).status).toBe(422);
  });
});
