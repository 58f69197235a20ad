import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/** Radar over the real card module: shares, forwards and their attribution end to end over HTTP. */
let t: TestPlatform;
let guideShop: string;
let cardId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  guideShop = await t.login('13600000001', 'shop');
  cardId = (await t.json('GET', '/shop/cards/me', { token: guideShop })).body.id;
});
afterAll(() => t?.close());

const now = () => new Date().toISOString();
const visit = async (visitorId: string, shareToken: string) => {
  expect((await t.json('POST', '/t/consent', { body: { visitorId, cardId, granted: true } })).status).toBe(200);
  const tracked = await t.json('POST', '/t/events', { body: { visitorId, cardId, shareToken, events: [{ kind: 'view', at: now() }] } });
  expect(tracked).toEqual({ status: 202, body: { accepted: 1, dropped: 0, personal: true } });
};
const forward = async (visitorId: string, parentShareToken: string) => {
  const response = await t.json('POST', `/public/cards/${cardId}/forwards`, { body: { visitorId, parentShareToken } });
  expect(response.status).toBe(201);
  await t.json('POST', '/t/events', { body: { visitorId, cardId, shareToken: parentShareToken, events: [{ kind: 'forward', at: now(), detail: { shareId: response.body.shareId } }] } });
  return response.body.token as string;
};

describe('radar on real card shares', () => {
  it('attributes A → B → C through two forwards to the owner’s card, and draws the forward graph', async () => {
    const root = (await t.json('POST', `/shop/cards/${cardId}/shares`, { token: guideShop })).body.token as string;
    const [a, b, c] = ['visitor-a-forwards-0001', 'visitor-b-forwards-0002', 'visitor-c-forwards-0003'];
    await visit(a, root);
    const fromA = await forward(a, root);
    await visit(b, fromA);
    const fromB = await forward(b, fromA);
    await visit(c, fromB);

    const radar = (await t.json('GET', '/shop/radar/visitors', { token: guideShop })).body;
    const byId = new Map(radar.items.map((item: any) => [item.visitorId, item]));
    expect(radar.total).toBe(3);
    expect(byId.get(a)).toMatchObject({ cameFrom: null, forwards: 1, forwardedTo: [{ visitorId: b }] });
    expect(byId.get(b)).toMatchObject({ cameFrom: a, forwards: 1, forwardedTo: [{ visitorId: c }] });
    expect(byId.get(c)).toMatchObject({ cameFrom: b, forwards: 0, forwardedTo: [] });
    const rows = (await t.database.executeSql('select visitor_id, share_id from radar_visitors where card_id = $1 order by first_seen_at', [cardId])).rows as { visitor_id: string; share_id: string }[];
    expect(rows.map((row) => row.visitor_id)).toEqual([a, b, c]);
    expect(new Set(rows.map((row) => row.share_id)).size).toBe(3);
  });

  it('counts a visit through a forged share token for the card, credited to no forwarder', async () => {
    const visitorId = 'visitor-forged-token-0001';
    await visit(visitorId, 'not-a-real-token');
    const item = (await t.json('GET', '/shop/radar/visitors', { token: guideShop })).body.items.find((entry: any) => entry.visitorId === visitorId);
    expect(item.cameFrom).toBeNull();
  });
});
