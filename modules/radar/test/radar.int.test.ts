import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher, fixedClock, type Actor, type RequestContext } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createRadarModule, type LiveEvent, type Notifier, type OutgoingNotification, type RadarModule, type TrackedEvent } from '../src/index.ts';
import { createTestCards } from './test-cards.ts';

let database: TestDatabase;
let radar: RadarModule;
const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
const cards = createTestCards({
  crd_alpha: { ownerUserId: 'usr_owner', organizationId: 'org_shop' },
  crd_beta: { ownerUserId: 'usr_other', organizationId: 'org_elsewhere' },
});
const sent: OutgoingNotification[] = [];
const recordingNotifier: Notifier = { name: 'recording', send: async (notification) => (sent.push(notification), 'sent') };
const live: LiveEvent[] = [];
const pii = createPiiCipher(randomBytes(32));

const ctx = (overrides: Partial<RequestContext> = {}): RequestContext => ({ requestId: 'test', locale: 'zh-CN', clock, actor: null, ip: '10.0.0.1', ...overrides });
const ownerCtx = (userId: string, scope: Actor['scope'] = { kind: 'self', userId }): RequestContext =>
  ctx({ actor: { userId, sessionId: 's', displayName: 'Owner', organizationId: scope.kind === 'merchant' ? scope.merchantId : null, organizationKind: null, roles: [], permissions: new Set(), scope } });
const sql = async <T>(text: string, values: unknown[] = []) => (await database.executeSql(text, values)).rows as T[];
const view = (): TrackedEvent => ({ kind: 'view', at: clock.now() });
const visitor = (name: string) => `visitor-${name}-0123456789abcdef`;

beforeAll(async () => {
  database = await createTestDatabase();
  radar = createRadarModule({
    db: database.db,
    pii,
    clock,
    cards: cards.directory,
    streamTicketSecret: randomBytes(32),
    notifier: recordingNotifier,
    productTitles: async (ids) => new Map(ids.filter((id) => id === 'prd_mask').map((id) => [id, '保湿面膜'])),
  });
  radar.bus.subscribe({ userId: 'usr_owner', organizationId: 'org_shop', team: 'none' }, (event) => live.push(event));
});
afterAll(() => database?.destroy());

describe('consent first (PIPL)', () => {
  it('keeps only de-identified daily counts for a visitor who has not consented', async () => {
    const anonymous = visitor('anon');
    const receipt = await radar.tracking.track(ctx(), { visitorId: anonymous, cardId: 'crd_alpha', shareToken: null, events: [view(), { kind: 'dwell', at: clock.now(), seconds: 12 }] });
    expect(receipt).toEqual({ ok: true, value: { accepted: 2, dropped: 0, personal: false } });
    expect(await sql('select * from radar_events where visitor_id = $1', [anonymous])).toEqual([]);
    expect(await sql('select * from radar_visitors where visitor_id = $1', [anonymous])).toEqual([]);
    const counts = await sql<{ kind: string; events: number; seconds: string }>("select kind, sum(events)::int as events, sum(seconds)::text as seconds from radar_daily_counts where card_id = 'crd_alpha' group by kind order by kind");
    expect(counts).toEqual([{ kind: 'dwell', events: 1, seconds: '12' }, { kind: 'view', events: 1, seconds: '0' }]);
    // Nothing in the counts table can lead back to the visitor.
    const columns = await sql<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'radar_daily_counts'");
    expect(columns.map((column) => column.column_name)).not.toEqual(expect.arrayContaining(['visitor_id']));
    expect(await sql("select * from outbox_events where type = 'radar.visitor_active' and payload->>'visitorId' = $1", [anonymous])).toEqual([]);
    // The owner still hears of the visit live, without learning who it was.
    const heard = live.filter((event) => event.type === 'activity' && event.kind === 'view').at(-1)!;
    expect(heard).toMatchObject({ visitorId: null, text: { 'zh-CN': '一位访客正在查看你的名片' } });
  });

  it('tracks a consented visitor per person, and erases them on withdrawal', async () => {
    const person = visitor('consent');
    expect(await radar.tracking.decideConsent(ctx(), { visitorId: person, cardId: 'crd_alpha', granted: true })).toEqual({ ok: true, value: { granted: true, erasedEvents: 0 } });
    const receipt = await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, profile: { displayName: '林小雨' }, events: [view(), { kind: 'product_click', at: clock.now(), productId: 'prd_mask' }] });
    expect(receipt.ok && receipt.value.personal).toBe(true);
    expect(await sql('select kind from radar_events where visitor_id = $1 order by id', [person])).toEqual([{ kind: 'view' }, { kind: 'product_click' }]);
    const [summary] = await sql<{ display_name_cipher: string; visits: number }>('select display_name_cipher, visits from radar_visitors where visitor_id = $1', [person]);
    expect(summary!.visits).toBe(1);
    expect(summary!.display_name_cipher).not.toContain('林小雨');
    expect(pii.decrypt(summary!.display_name_cipher)).toBe('林小雨');
    expect(live.some((event) => event.type === 'activity' && event.text['zh-CN'] === '林小雨点击了商品「保湿面膜」')).toBe(true);
    await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, events: [{ kind: 'product_click', at: clock.now(), productId: 'prd_mask' }] });
    const clickNotices = await sql("select id from radar_notifications where kind = 'product_clicked' and title->>'zh-CN' = '林小雨点击了商品「保湿面膜」'");
    expect(clickNotices).toHaveLength(1);

    const withdrawn = await radar.tracking.decideConsent(ctx(), { visitorId: person, cardId: 'crd_alpha', granted: false });
    expect(withdrawn).toEqual({ ok: true, value: { granted: false, erasedEvents: 3 } });
    expect(await sql('select * from radar_visitors where visitor_id = $1', [person])).toEqual([]);
    await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, events: [view()] });
    expect(await sql('select * from radar_events where visitor_id = $1', [person])).toEqual([]);
    expect(await sql<{ granted: boolean }>('select granted from radar_consent_decisions where visitor_id = $1 order by id', [person])).toEqual([{ granted: true }, { granted: false }]);
  });

  it('rejects an unknown card without writing anything', async () => {
    const before = await sql<{ n: number }>('select count(*)::int as n from radar_daily_counts');
    expect(await radar.tracking.track(ctx(), { visitorId: visitor('lost'), cardId: 'crd_missing', shareToken: null, events: [view()] })).toEqual({ ok: false, code: 'radar_card_not_found' });
    expect(await radar.tracking.decideConsent(ctx(), { visitorId: visitor('lost'), cardId: 'crd_missing', granted: true })).toEqual({ ok: false, code: 'radar_card_not_found' });
    expect(await sql('select count(*)::int as n from radar_daily_counts')).toEqual(before);
  });
});

describe('radar.visitor_active', () => {
  it('is published at most once per visitor and card per 30 minutes, with an in-app notification each time', async () => {
    const person = visitor('active');
    await radar.tracking.decideConsent(ctx(), { visitorId: person, cardId: 'crd_alpha', granted: true });
    const published = async () => sql<{ payload: Record<string, unknown> }>("select payload from outbox_events where type = 'radar.visitor_active' and payload->>'visitorId' = $1", [person]);
    await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, events: [view()] });
    clock.advance(10 * 60_000);
    await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, events: [view()] });
    expect(await published()).toHaveLength(1);
    clock.advance(21 * 60_000);
    await radar.tracking.track(ctx(), { visitorId: person, cardId: 'crd_alpha', shareToken: null, events: [view()] });
    const events = await published();
    expect(events).toHaveLength(2);
    expect(events[0]!.payload).toMatchObject({ cardId: 'crd_alpha', ownerUserId: 'usr_owner', organizationId: 'org_shop', visitorId: person, userId: null, displayName: null });
    const notifications = await radar.notifications.list(ownerCtx('usr_owner'), { page: 1, pageSize: 50 });
    expect(notifications.items.filter((item) => item.title === `访客${person.slice(-4)}正在查看你的名片`)).toHaveLength(2);
  });
});

describe('share attribution through two forwards', () => {
  it('credits the owner’s card and draws who forwarded to whom', async () => {
    const [a, b, c] = [visitor('aaa'), visitor('bbb'), visitor('ccc')];
    const root = cards.share('crd_alpha');
    for (const person of [a, b, c]) await radar.tracking.decideConsent(ctx(), { visitorId: person, cardId: 'crd_alpha', granted: true });
    await radar.tracking.track(ctx(), { visitorId: a, cardId: 'crd_alpha', shareToken: root, events: [view(), { kind: 'forward', at: clock.now() }] });
    const fromA = cards.share('crd_alpha', { parentToken: root, byVisitorId: a });
    await radar.tracking.track(ctx(), { visitorId: b, cardId: 'crd_alpha', shareToken: fromA, events: [view(), { kind: 'forward', at: clock.now() }] });
    const fromB = cards.share('crd_alpha', { parentToken: fromA, byVisitorId: b });
    await radar.tracking.track(ctx(), { visitorId: c, cardId: 'crd_alpha', shareToken: fromB, events: [view()] });

    const page = await radar.reads.visitors(ownerCtx('usr_owner'), { page: 1, pageSize: 50 });
    const byId = new Map(page.items.map((item) => [item.visitorId, item]));
    expect(byId.get(a)).toMatchObject({ cameFrom: null, forwards: 1, forwardedTo: [{ visitorId: b, displayName: null }] });
    expect(byId.get(b)).toMatchObject({ cameFrom: a, forwards: 1, forwardedTo: [{ visitorId: c, displayName: null }] });
    expect(byId.get(c)).toMatchObject({ cameFrom: b, forwards: 0, forwardedTo: [] });
    const [row] = await sql<{ share_id: string; forwarder_visitor_id: string }>('select share_id, forwarder_visitor_id from radar_events where visitor_id = $1', [c]);
    expect(row).toEqual({ share_id: fromB, forwarder_visitor_id: b });
    // Another owner sees none of it.
    expect((await radar.reads.visitors(ownerCtx('usr_other'), { page: 1, pageSize: 50 })).total).toBe(0);
  });
});

describe('behaviour (the contract CRM and the assistant read)', () => {
  it('sums what a visitor did across the owner’s cards', async () => {
    const person = visitor('behave');
    await radar.tracking.decideConsent(ctx(), { visitorId: person, cardId: 'crd_alpha', granted: true });
    const at = clock.now();
    await radar.tracking.track(ctx(), {
      visitorId: person,
      cardId: 'crd_alpha',
      shareToken: null,
      events: [
        { kind: 'view', at },
        { kind: 'module_view', at, module: 'products' },
        { kind: 'product_click', at, productId: 'prd_mask' },
        { kind: 'dwell', at, seconds: 30, productId: 'prd_mask' },
        { kind: 'dwell', at, seconds: 40, productId: 'prd_mask' },
        { kind: 'dwell', at, seconds: 15 },
        { kind: 'product_click', at, productId: 'prd_tea' },
        { kind: 'share', at },
        { kind: 'coupon_claim', at, detail: { templateId: 'cpt_1' } },
        { kind: 'call', at },
        { kind: 'add_to_cart', at, productId: 'prd_mask' },
        { kind: 'order', at, detail: { orderId: 'ord_1' } },
        { kind: 'contact_form', at, contact: { name: '林小雨', phone: '13512345678', message: '想了解面膜' } },
      ],
    });
    const result = await radar.behaviour('usr_owner', [person, visitor('nobody')]);
    expect([...result.keys()]).toEqual([person]);
    expect(result.get(person)).toMatchObject({
      visits: 1,
      dwellSeconds: 85,
      products: [{ productId: 'prd_mask', seconds: 70, clicks: 1 }, { productId: 'prd_tea', seconds: 0, clicks: 1 }],
      modulesViewed: ['products'],
      shares: 1,
      forwards: 0,
      couponsClaimed: 1,
      contactSubmitted: true,
      calls: 1,
      addToCart: 1,
      orders: 1,
    });
    expect(await radar.behaviour('usr_other', [person])).toEqual(new Map());
  });

  it('hands a contact form to CRM through the outbox and keeps the phone only encrypted', async () => {
    const [event] = await sql<{ payload: Record<string, string>; text: string }>("select payload, payload::text as text from outbox_events where type = 'radar.contact_submitted' and payload->>'visitorId' = $1", [visitor('behave')]);
    expect(event!.payload).toMatchObject({ cardId: 'crd_alpha', ownerUserId: 'usr_owner' });
    // Outbox rows are kept: the details travel encrypted, and only the module opens them.
    expect(event!.text).not.toContain('13512345678');
    expect(event!.text).not.toContain('林小雨');
    expect(radar.contactOf(event!.payload as never)).toEqual({ name: '林小雨', phone: '13512345678', message: '想了解面膜' });
    const stored = await sql<{ detail: string }>("select detail::text as detail from radar_events where kind = 'contact_form'");
    expect(stored[0]!.detail).not.toContain('13512345678');
    expect(stored[0]!.detail).not.toContain('林小雨');
    const timeline = await radar.reads.timeline(ownerCtx('usr_owner'), visitor('behave'), { page: 1, pageSize: 50 });
    const contact = timeline.ok ? timeline.value.items.find((item) => item.kind === 'contact_form') : undefined;
    expect(contact?.contact).toEqual({ name: '林小雨', phoneMasked: '135****5678', message: '想了解面膜' });
    expect(await radar.reads.timeline(ownerCtx('usr_other'), visitor('behave'), { page: 1, pageSize: 50 })).toEqual({ ok: false, code: 'radar_visitor_not_found' });
  });
});

describe('notifications', () => {
  it('stores, lists, marks read and pushes each one out once through the notifier', async () => {
    const { notificationId } = await radar.notify('usr_notified', { kind: 'churn_warning', title: { 'zh-CN': '客户三天未访问', en: 'No visit for 3 days' }, body: '看看吧', link: null });
    const english = await radar.notifications.list({ ...ownerCtx('usr_notified'), locale: 'en' }, { page: 1, pageSize: 10 });
    expect(english).toMatchObject({ total: 1, unread: 1, items: [{ id: notificationId, title: 'No visit for 3 days', body: '看看吧', readAt: null }] });
    await database.db.transaction().execute(async (tx) => {
      await radar.notifications.deliver(tx, notificationId);
      await radar.notifications.deliver(tx, notificationId);
    });
    expect(sent.filter((notification) => notification.notificationId === notificationId)).toHaveLength(1);
    expect(await sql("select wechat_status from radar_notifications where id = $1", [notificationId])).toEqual([{ wechat_status: 'sent' }]);
    const read = await radar.notifications.markRead(ownerCtx('usr_notified'), notificationId);
    expect(read.ok && read.value.readAt).toBeInstanceOf(Date);
    expect(await radar.notifications.markRead(ownerCtx('usr_owner'), notificationId)).toEqual({ ok: false, code: 'radar_notification_not_found' });
    expect((await radar.notifications.list(ownerCtx('usr_notified'), { page: 1, pageSize: 10 })).unread).toBe(0);
  });
});

describe('Boss radar', () => {
  it('totals per owner within the manager’s organisation only', async () => {
    await radar.tracking.track(ctx(), { visitorId: visitor('beta'), cardId: 'crd_beta', shareToken: null, events: [view()] });
    const manager = ownerCtx('usr_boss', { kind: 'merchant', merchantId: 'org_shop' });
    const team = await radar.reads.team(manager, {});
    expect(team.ok).toBe(true);
    const owners = team.ok ? team.value.owners : [];
    expect(owners.map((owner) => owner.ownerUserId)).toEqual(['usr_owner']);
    const views = await sql<{ n: number }>("select sum(events)::int as n from radar_daily_counts where owner_user_id = 'usr_owner' and kind = 'view'");
    expect(owners[0]!.views).toBe(views[0]!.n);
    expect(owners[0]!.visitors).toBe((await sql<{ n: number }>("select count(distinct visitor_id)::int as n from radar_visitors where owner_user_id = 'usr_owner'"))[0]!.n);
    expect(owners[0]!.leads).toBe(2);
    const everyone = await radar.reads.team(ownerCtx('usr_ops', { kind: 'all' }), {});
    expect(everyone.ok && everyone.value.owners.map((owner) => owner.ownerUserId).sort()).toEqual(['usr_other', 'usr_owner']);
    expect(await radar.reads.team(manager, { from: '2026-11-30', to: '2026-11-01' })).toEqual({ ok: false, code: 'radar_period_invalid' });
  });
});

describe('rate limits', () => {
  it('answers rate_limited once a visitor exceeds its burst', async () => {
    const limited = createRadarModule({ db: database.db, pii, clock, cards: cards.directory, streamTicketSecret: randomBytes(32), limits: { perVisitor: { capacity: 2, refillPerSecond: 0.001 }, perAddress: { capacity: 100, refillPerSecond: 1 } } });
    const batch = { visitorId: visitor('spammy'), cardId: 'crd_alpha', shareToken: null, events: [view()] };
    expect((await limited.tracking.track(ctx(), batch)).ok).toBe(true);
    expect((await limited.tracking.track(ctx(), batch)).ok).toBe(true);
    expect(await limited.tracking.track(ctx(), batch)).toEqual({ ok: false, code: 'rate_limited' });
  });
});
