import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import jsQR from 'jsqr';
import ICAL from 'ical.js';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let guide: string;
let guideUserId: string;
let cardId: string;
let productId: string;

/** 孙丽 (guide of 成都锦里好物小店) has a card featuring a product of her storefront. */
beforeAll(async () => {
  t = await startTestPlatform();
  guide = await t.login('13600000003', 'shop');
  guideUserId = (await t.json('GET', '/shop/me', { token: guide })).body.id;
  productId = ((await t.database.executeSql("select product_id from skus where sku_code = 'LY-006-1'", [])).rows[0] as { product_id: string }).product_id;
  const saved = await t.json('PUT', '/shop/cards/me', {
    token: guide,
    body: { name: '孙丽', title: '资深导购', company: '成都锦里好物小店', phone: '13912345678', intro: '产地直发的米、果和点心。', modules: [{ kind: 'products', id: 'picks', productIds: [productId] }] },
  });
  cardId = saved.body.id;
});
afterAll(() => t?.close());

const visitorB = 'visitor-bbbbbbbbbbbb';
const visitorC = 'visitor-cccccccccccc';

describe('share links and forwards', () => {
  let rootToken: string;
  let rootShareId: string;
  let forwardToken: string;
  let forwardShareId: string;

  it('the owner shares: an unforgeable token, stored only as its hash', async () => {
    const share = await t.json('POST', `/shop/cards/${cardId}/shares`, { token: guide });
    expect(share.status).toBe(201);
    rootToken = share.body.token;
    rootShareId = share.body.shareId;
    expect(rootToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(share.body.url).toBe(`http://127.0.0.1:3000/h5/#/pages/card/index?id=${cardId}&share=${rootToken}`);
    const stored = (await t.database.executeSql('select token_hash from card_shares where id = $1', [rootShareId])).rows[0] as { token_hash: string };
    expect(stored.token_hash).toBe(createHash('sha256').update(rootToken).digest('hex'));
    expect(JSON.stringify((await t.database.executeSql('select * from card_shares', [])).rows)).not.toContain(rootToken);
    const stranger = await t.login('13600000001', 'shop');
    expect((await t.json('POST', `/shop/cards/${cardId}/shares`, { token: stranger })).status).toBe(404);
  });

  it('A shares to B, B forwards to C: C’s visit credits A’s card and B’s forward', async () => {
    const forward = await t.json('POST', `/public/cards/${cardId}/forwards`, { body: { visitorId: visitorB, parentShareToken: rootToken } });
    expect(forward.status).toBe(201);
    forwardToken = forward.body.token;
    forwardShareId = forward.body.shareId;
    const visitOfC = await t.platform.cards.attribution(cardId, forwardToken);
    expect(visitOfC).toEqual({ cardId, ownerUserId: guideUserId, organizationId: expect.stringMatching(/^org_/), shareId: forwardShareId, forwarderVisitorId: visitorB, chain: [rootShareId, forwardShareId] });
    const visitOfB = await t.platform.cards.attribution(cardId, rootToken);
    expect(visitOfB).toMatchObject({ shareId: rootShareId, forwarderVisitorId: null, chain: [rootShareId] });
  });

  it('a second forward (C to D) extends the chain', async () => {
    const forward = await t.json('POST', `/public/cards/${cardId}/forwards`, { body: { visitorId: visitorC, parentShareToken: forwardToken } });
    const visitOfD = await t.platform.cards.attribution(cardId, forward.body.token);
    expect(visitOfD).toMatchObject({ ownerUserId: guideUserId, forwarderVisitorId: visitorC, chain: [rootShareId, forwardShareId, forward.body.shareId] });
    const mine = await t.json('GET', '/shop/cards/me/shares', { token: guide });
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.map((share: { depth: number }) => share.depth).sort()).toEqual([1, 2, 3]);
  });

  it('a forged token credits only the card; a forward from one is refused', async () => {
    const forged = 'A'.repeat(22);
    expect(await t.platform.cards.attribution(cardId, forged)).toMatchObject({ ownerUserId: guideUserId, shareId: null, forwarderVisitorId: null, chain: [] });
    expect(await t.platform.cards.attribution(cardId, "' or 1=1 --")).toMatchObject({ shareId: null });
    expect(await t.platform.cards.attribution('crd_00000000000000000000000000', rootToken)).toBeNull();
    const refused = await t.json('POST', `/public/cards/${cardId}/forwards`, { body: { visitorId: visitorB, parentShareToken: forged } });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('card_share_not_found');
  });
});

describe('binding the visitor’s referrer (锁粉)', () => {
  it('needs a signed-in visitor and an owner who may refer; the first valid binding wins', async () => {
    const visitor = await t.login('13500000002', 'shop');
    expect((await t.json('POST', `/shop/cards/${cardId}/bind`)).status).toBe(401);
    const plainMember = await t.json('POST', `/shop/cards/${cardId}/bind`, { token: visitor });
    expect(plainMember.status).toBe(422);
    expect(plainMember.body.error.code).toBe('ineligible_referrer');
    // The guide becomes an agent (as if she had bought the gift package); opening her distribution centre registers her.
    await t.json('GET', '/shop/distribution/me', { token: guide });
    await t.database.executeSql("update distribution_members set role = 'AGENT' where member_id = $1", [guideUserId]);
    const bound = await t.json('POST', `/shop/cards/${cardId}/bind`, { token: visitor });
    expect(bound).toMatchObject({ status: 200, body: { referrerId: guideUserId } });
    const again = await t.json('POST', `/shop/cards/${cardId}/bind`, { token: visitor });
    expect(again.body).toMatchObject({ referrerId: guideUserId, duplicate: true });
    const own = await t.json('POST', `/shop/cards/${cardId}/bind`, { token: guide });
    expect(['self_referral', 'binding_after_package']).toContain(own.body.error.code);
  });
});

describe('share poster', () => {
  it('is a PNG whose QR code decodes back to the share link', async () => {
    const share = (await t.json('POST', `/shop/cards/${cardId}/shares`, { token: guide })).body;
    const response = await t.request('GET', `/public/cards/${cardId}/poster?share=${share.token}&product=${productId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    const metadata = await sharp(png).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 750, 1200]);
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    expect(decoded?.data).toBe(share.url);
  });

  it('offers SVG, and refuses an unknown share or a product not on the card', async () => {
    const svg = await t.request('GET', `/public/cards/${cardId}/poster?format=svg&product=${productId}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('云南鲜花饼礼盒');
    expect((await t.json('GET', `/public/cards/${cardId}/poster?share=${'B'.repeat(22)}`)).body.error.code).toBe('card_share_not_found');
    const other = ((await t.database.executeSql("select product_id from skus where sku_code = 'LY-001-1'", [])).rows[0] as { product_id: string }).product_id;
    expect((await t.json('GET', `/public/cards/${cardId}/poster?product=${other}`)).body.error.code).toBe('poster_product_unavailable');
  });
});

describe('vCard', () => {
  it('exports the owner’s card as vCard 4.0 that an independent parser reads', async () => {
    const response = await t.request('GET', `/shop/cards/${cardId}/vcard`, { token: guide });
    expect(response.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    const card = new ICAL.Component(ICAL.parse(await response.text()));
    expect(card.getFirstPropertyValue('fn')).toBe('孙丽');
    expect(card.getFirstPropertyValue('org')).toBe('成都锦里好物小店');
    expect(card.getFirstPropertyValue('tel')).toBe('tel:+86-13912345678');
  });

  it('gives the public the phone only when a visitor asks, recording it', async () => {
    const anonymous = await (await t.request('GET', `/public/cards/${cardId}/vcard`)).text();
    expect(anonymous).not.toContain('TEL');
    const before = (await t.database.executeSql('select count(*)::int as n from card_phone_reveals', [])).rows[0] as { n: number };
    const asked = await (await t.request('GET', `/public/cards/${cardId}/vcard?visitorId=${visitorC}`)).text();
    expect(new ICAL.Component(ICAL.parse(asked)).getFirstPropertyValue('tel')).toBe('tel:+86-13912345678');
    const after = (await t.database.executeSql('select count(*)::int as n from card_phone_reveals', [])).rows[0] as { n: number };
    expect(after.n).toBe(before.n + 1);
  });

  it('imports a .vcf file into the owner’s contacts, or nothing when it does not parse', async () => {
    const vcf = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:王强', 'ORG:成都茶业有限公司', 'TEL;VALUE=uri:tel:+86-13711112222', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'N:Smith;Anna;;;', 'EMAIL:anna@example.com', 'END:VCARD'].join('\r\n');
    const refused = await t.json('POST', '/shop/contacts/vcard', { token: guide, body: { vcf: 'not a vcard' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('vcard_invalid');
    const imported = await t.json('POST', '/shop/contacts/vcard', { token: guide, body: { vcf } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 2, created: 2, merged: 0 });
    // The CRM merges contacts of one owner by phone: 王强 again is the same lead.
    const again = await t.json('POST', '/shop/contacts/vcard', { token: guide, body: { vcf: vcf.split('\r\nBEGIN:VCARD\r\nVERSION:3.0')[0] } });
    expect(again.body).toMatchObject({ imported: 1, created: 0, merged: 1, leadIds: [imported.body.leadIds[0]] });
  });
});
