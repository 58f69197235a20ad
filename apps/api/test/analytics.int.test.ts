import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawAnalytics, rollupAnalytics, beijingDay, addDays } from '@linkmall/analytics';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { FINANCE, JINLI_ADMIN, OPERATIONS, seedAnalyticsActivity, YUEXIANG_ADMIN, YUEXIANG_GUIDE, type Activity } from './analytics-fixtures.ts';

let t: TestPlatform;
let activity: Activity;
let operations: string;
let finance: string;
const counts = (body: any) => body.steps.map((step: any) => step.count);

beforeAll(async () => {
  t = await startTestPlatform();
  activity = await seedAnalyticsActivity(t);
  operations = await t.login(OPERATIONS);
  finance = await t.login(FINANCE);
}, 120_000);
afterAll(() => t?.close());

describe('the funnel and its drill-down', () => {
  it('counts the five steps for the platform, as the raw tables do', async () => {
    const { status, body } = await t.json('GET', '/admin/analytics/funnel', { token: operations });
    expect(status).toBe(200);
    // 3 views; 2 clicks; 1 share; 3 paid orders; 1 repeat (林小雨's second).
    expect(counts(body)).toEqual([3, 2, 1, 3, 1]);
    expect(body.steps[1]).toMatchObject({ step: 'interaction', conversionBps: 6_667, label: { 'zh-CN': '互动', en: 'Interaction' } });
    const filter = { scope: { kind: 'platform' as const, id: null }, from: body.from, to: body.to };
    expect(await rawAnalytics(t.platform.db).rawFunnel(filter)).toEqual(await rollupAnalytics(t.platform.db).funnel(filter));
    expect(await rawAnalytics(t.platform.db).rawKpis(filter)).toEqual(await rollupAnalytics(t.platform.db).kpis(filter));
  });

  it('drills into the buyers behind conversion with their orders, names masked', async () => {
    const { status, body } = await t.json('GET', '/admin/analytics/funnel/conversion/people?pageSize=10', { token: operations });
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    const lin = body.items[0];
    expect(lin).toMatchObject({ kind: 'member', maskedName: '林**', count: 2, orderCount: 2 });
    expect(lin.orders.map((order: any) => order.amountFen).sort()).toEqual(activity.orders.filter((order) => order.buyer === '13500000001').map((order) => order.payableFen).sort());
    const repeat = (await t.json('GET', '/admin/analytics/funnel/repurchase/people', { token: operations })).body;
    expect(repeat.items.map((person: any) => [person.maskedName, person.count])).toEqual([['林**', 1]]);
  });

  it('shows visitor behaviour only to those who may see it', async () => {
    const visitors = await t.json('GET', '/admin/analytics/funnel/exposure/people', { token: operations });
    expect(visitors.status).toBe(200);
    expect(visitors.body.items).toHaveLength(3);
    // 林小雨 was signed in, so her name shows, masked; the others are known by their visitor ids only.
    expect(visitors.body.items.map((person: any) => [person.personId, person.kind, person.maskedName]).sort()).toEqual([
      ['v_analyticsapi_anon1', 'visitor', '访客 ·non1'],
      ['v_analyticsapi_anon2', 'visitor', '访客 ·non2'],
      ['v_analyticsapi_lin0', 'visitor', '林**'],
    ]);
    const forbidden = await t.json('GET', '/admin/analytics/funnel/exposure/people', { token: finance, headers: { 'accept-language': 'en' } });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'analytics_people_forbidden']);
    expect(forbidden.body.error.message).toContain('visitor behaviour');
    // Finance still sees the buyers and their money.
    expect((await t.json('GET', '/admin/analytics/funnel/conversion/people', { token: finance })).status).toBe(200);
  });
});

describe('data scope', () => {
  it('gives a merchant admin its own merchant by default and nothing else', async () => {
    const jinli = await t.login(JINLI_ADMIN);
    const own = await t.json('GET', '/admin/analytics/funnel', { token: jinli });
    expect([own.body.scope, own.body.scopeId, counts(own.body)[3]]).toEqual(['merchant', activity.jinliId, 2]);
    for (const query of ['scope=platform', `scope=merchant&scopeId=${activity.yuexiangId}`, `scope=card&scopeId=${activity.cardId}`, 'scope=team&scopeId=usr_00000000000000000000000000']) {
      const denied = await t.json('GET', `/admin/analytics/kpis?${query}`, { token: jinli });
      expect([query, denied.status, denied.body.error.code]).toEqual([query, 404, 'analytics_scope_not_found']);
    }
    const yuexiang = await t.login(YUEXIANG_ADMIN);
    const card = await t.json('GET', `/admin/analytics/funnel?scope=card&scopeId=${activity.cardId}`, { token: yuexiang });
    expect(counts(card.body)).toEqual([3, 2, 1, 2, 1]);
    // The card's visitors are 上海悦享's, not 锦里's, though 锦里 sold to one of them.
    expect((await t.json('GET', '/admin/analytics/funnel/exposure/people', { token: yuexiang })).body.total).toBe(3);
    expect((await t.json('GET', '/admin/analytics/funnel/exposure/people', { token: jinli })).body.total).toBe(0);
    const choices = await t.json('GET', '/admin/analytics/scopes?kind=card', { token: jinli });
    expect(choices.body.items).toEqual([]);
    expect((await t.json('GET', '/admin/analytics/scopes?kind=card', { token: yuexiang })).body.items.map((choice: any) => choice.id)).toEqual([activity.cardId]);
  });

  it('gives a shop guide only itself and its own card', async () => {
    const guide = await t.login(YUEXIANG_GUIDE);
    const own = await t.json('GET', '/admin/analytics/funnel', { token: guide });
    // 林小雨 visited 吴婷's card before paying: both of her orders are the guide's.
    expect([own.body.scope, counts(own.body)]).toEqual(['guide', [3, 2, 1, 2, 1]]);
    expect((await t.json('GET', `/admin/analytics/funnel?scope=card&scopeId=${activity.cardId}`, { token: guide })).status).toBe(200);
    expect((await t.json('GET', `/admin/analytics/funnel?scope=merchant&scopeId=${activity.yuexiangId}`, { token: guide })).status).toBe(404);
  });

  it('rejects a reversed or over-long range', async () => {
    const reversed = await t.json('GET', '/admin/analytics/kpis?from=2026-03-02&to=2026-03-01', { token: operations });
    expect([reversed.status, reversed.body.error.code]).toEqual([400, 'analytics_range_invalid']);
    expect((await t.json('GET', '/admin/analytics/kpis?from=2024-01-01&to=2026-01-01', { token: operations })).status).toBe(400);
    expect((await t.json('GET', '/admin/analytics/kpis?from=2026-02-30', { token: operations })).body.error.code).toBe('validation_failed');
  });
});

describe('KPIs, breakdowns, trends, cohorts and exports', () => {
  it('serves every KPI with its unit and definition', async () => {
    const { body } = await t.json('GET', '/admin/analytics/kpis', { token: finance });
    const gmv = activity.orders.reduce((sum, order) => sum + order.payableFen, 0);
    const byKey = Object.fromEntries(body.kpis.map((kpi: any) => [kpi.key, kpi]));
    expect(Object.keys(byKey)).toHaveLength(14);
    expect(byKey.gmv).toMatchObject({ value: gmv, unit: 'fen', previousValue: 0 });
    expect(byKey.aov.value).toBe(Math.round(gmv / 3));
    expect(byKey.conversion_rate).toMatchObject({ value: 10_000, unit: 'bps' }); // 3 orders ÷ 3 views
    expect(byKey.repurchase_rate.value).toBe(3_333);
    expect(byKey.fission_coefficient.unit).toBe('ratio');
    expect(byKey.ltv.definition['zh-CN']).toContain('首购');
  });

  it('ranks regions and channels', async () => {
    const region = await t.json('GET', '/admin/analytics/breakdown?dimension=region&sort=orders', { token: operations });
    const byRegion = (province: string) => activity.orders.filter((_, index) => (index < 2 ? '浙江省' : '上海市') === province).reduce((sum, order) => sum + order.payableFen, 0);
    expect(region.body.items.map((row: any) => [row.label, row.orders, row.gmvFen])).toEqual([
      ['浙江省', 2, byRegion('浙江省')],
      ['上海市', 1, byRegion('上海市')],
    ]);
    expect(region.body.total).toBe(2);
    const channel = await t.json('GET', '/admin/analytics/breakdown?dimension=channel&sort=orders', { token: operations });
    const card = channel.body.items.find((row: any) => row.key === 'card');
    expect(card).toMatchObject({ label: '名片分享', orders: 2, visitors: 3, conversionBps: 6_667 });
  });

  it('compares a daily trend with the previous period, point by point', async () => {
    const { body } = await t.json('GET', '/admin/analytics/trend?metric=orders', { token: operations });
    expect(body.current).toHaveLength(30);
    expect(body.previous).toHaveLength(30);
    expect(body.current.at(-1)).toEqual({ period: beijingDay(new Date()), value: 3 });
    expect(body.previous.at(-1).period).toBe(addDays(beijingDay(new Date()), -30));
    const weeks = (await t.json('GET', '/admin/analytics/trend?metric=conversion&granularity=week', { token: operations })).body;
    expect(weeks.unit).toBe('bps');
    expect(weeks.current.length).toBe(weeks.previous.length);
  });

  it('builds the cohort matrix', async () => {
    const today = beijingDay(new Date());
    const { body } = await t.json('GET', `/admin/analytics/cohorts?from=${today}&to=${today}`, { token: operations });
    expect(body.rows).toEqual([{ cohort: today.slice(0, 7), buyers: 2, retained: [2], retainedBps: [10_000] }]);
  });

  it('exports tables as CSV with Chinese headers and as Excel', async () => {
    const csv = await t.request('GET', '/admin/analytics/export?report=kpis&format=csv', { token: operations });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="analytics-kpis-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('指标,本期,上期,单位,定义');
    expect(text).toContain('客单价');
    const english = await t.request('GET', '/admin/analytics/export?report=funnel-people&step=conversion&format=csv', { token: operations, headers: { 'accept-language': 'en' } });
    expect((await english.text()).split('\r\n')[0]).toContain('Name,Kind,Count');
    const xlsx = await t.request('GET', '/admin/analytics/export?report=breakdown&dimension=region&format=xlsx', { token: operations });
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect([xlsx.headers.get('content-type'), bytes.subarray(0, 2).toString('latin1')]).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK']);
    expect(bytes.toString('utf8')).toContain('浙江省');
    const denied = await t.json('GET', '/admin/analytics/export?report=funnel-people&step=exposure&format=csv', { token: finance });
    expect(denied.status).toBe(403);
  });
});

describe('marketing spend and budget suggestions', () => {
  it('records spend once per idempotency key, lists it, and reverses it once', async () => {
    const body = { day: beijingDay(new Date()), channel: 'card', amountFen: 30_000, province: '浙江省', campaign: '双十二名片推广' };
    const first = await t.json('POST', '/admin/analytics/spend', { token: finance, body, headers: { 'idempotency-key': 'spend-once-1' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'entry', amountFen: 30_000, channel: 'card', reversedById: null });
    const retry = await t.json('POST', '/admin/analytics/spend', { token: finance, body, headers: { 'idempotency-key': 'spend-once-1' } });
    expect(retry.body.id).toBe(first.body.id);
    const listed = await t.json('GET', '/admin/analytics/spend?campaign=双十二名片推广', { token: finance });
    expect(listed.body.items.map((entry: any) => entry.id)).toEqual([first.body.id]);

    const reversal = await t.json('POST', `/admin/analytics/spend/${first.body.id}/reverse`, { token: finance, body: { reason: '金额录错' } });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ kind: 'reversal', amountFen: -30_000, reversesId: first.body.id, note: '金额录错' });
    const again = await t.json('POST', `/admin/analytics/spend/${first.body.id}/reverse`, { token: finance, body: { reason: 'again' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'analytics_spend_already_reversed']);
    const ofReversal = await t.json('POST', `/admin/analytics/spend/${reversal.body.id}/reverse`, { token: finance, body: { reason: 'x' } });
    expect(ofReversal.body.error.code).toBe('analytics_spend_is_reversal');
    expect((await t.json('POST', '/admin/analytics/spend/spd_00000000000000000000000000/reverse', { token: finance, body: { reason: 'x' } })).status).toBe(404);
    const relisted = (await t.json('GET', '/admin/analytics/spend?campaign=双十二名片推广', { token: finance })).body.items;
    expect(relisted.find((entry: any) => entry.id === first.body.id).reversedById).toBe(reversal.body.id);
  });

  it('refuses spend for an unknown merchant and writes nothing', async () => {
    const before = await tableCounts(t);
    const refused = await t.json('POST', '/admin/analytics/spend', { token: operations, body: { day: '2026-11-01', channel: 'direct', amountFen: 100, merchantId: 'org_unknown' } });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'analytics_spend_target_invalid']);
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('POST', '/admin/analytics/spend', { token: await t.login(JINLI_ADMIN), body: { day: '2026-11-01', channel: 'direct', amountFen: 100 } })).status).toBe(403);
  });

  it('ranks channels by return on spend and reallocates the same total exactly', async () => {
    const today = beijingDay(new Date());
    for (const [channel, amountFen] of [['card', 20_000], ['direct', 50_000], ['distribution', 10_000]] as const) {
      expect((await t.json('POST', '/admin/analytics/spend', { token: operations, body: { day: today, channel, amountFen } })).status).toBe(201);
    }
    const { status, body } = await t.json('GET', '/admin/analytics/budget-suggestions?dimension=channel', { token: operations });
    expect(status).toBe(200);
    expect(body.totalFen).toBe(80_000);
    expect(body.rows.reduce((sum: number, row: any) => sum + row.suggestedFen, 0)).toBe(80_000);
    // The card channel brought 2 orders and a share on ¥200: the best return.
    expect(body.rows[0]).toMatchObject({ key: 'card', rank: 1 });
    expect(body.rows[0].changeFen).toBeGreaterThan(0);
    expect(body.rows[0].reasoning['zh-CN']).toContain('建议增加');
    const other = (await t.json('GET', '/admin/analytics/budget-suggestions?dimension=channel&totalFen=100001', { token: operations })).body;
    expect(other.rows.reduce((sum: number, row: any) => sum + row.suggestedFen, 0)).toBe(100_001);
    // The same suggestions as a file: one row per channel, ranked, with the reasoning in the reader's language.
    const csv = await t.request('GET', '/admin/analytics/export?report=budget&dimension=channel&totalFen=100001&format=csv', { token: operations });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('排名,名称,费用（元）,GMV（元）,投入产出比,当前预算（元）,建议预算（元）,调整（元）,理由');
    expect(lines).toHaveLength(1 + other.rows.length);
    expect(lines[1]!.startsWith(`1,${other.rows[0].label},`)).toBe(true);
    expect(lines[1]).toContain('建议增加');
    const suggestedColumn = lines.slice(1).map((line) => line.split(',')[6]!);
    expect(suggestedColumn.reduce((sum, yuan) => sum + Math.round(Number(yuan) * 100), 0)).toBe(100_001);
  });
});

describe('the daily digest', () => {
  it('tells operations, finance and every merchant admin yesterday’s numbers, once per day', async () => {
    // Run as tomorrow, so "yesterday" is the day the orders were paid.
    const ctx = systemContext(fixedClock(new Date(Date.now() + 86_400_000)), 'digest-test');
    const first = await t.platform.analytics.dailyDigest(ctx);
    expect(first).toEqual({ sent: 5, day: beijingDay(new Date()) });
    expect((await t.platform.analytics.dailyDigest(ctx)).sent).toBe(0);
    const { rows } = await t.database.executeSql(
      `select u.display_name, n.title, n.body from radar_notifications n join users u on u.id = n.user_id where n.kind = 'analytics_digest' order by u.display_name`,
      [],
    );
    expect(rows).toHaveLength(5);
    const platformDigest = (rows as any[]).find((row) => row.display_name === '李娜');
    expect(platformDigest.body['zh-CN']).toContain('订单 3 笔');
    expect(platformDigest.body.en).toContain('3 orders');
    const jinli = (rows as any[]).find((row) => row.display_name === '周杰');
    expect(jinli.title['zh-CN']).toContain('成都锦里好物小店');
    expect(jinli.body['zh-CN']).toContain('订单 2 笔');
  });
});
