import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, systemClock } from '@linkmall/kernel';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let guide: string;
let manager: string;
let merchantId: string;
let cardId: string;
let soldProductId: string;
let unsoldProductId: string;

const productOf = async (skuCode: string) => ((await t.database.executeSql('select product_id from skus where sku_code = $1', [skuCode])).rows[0] as { product_id: string }).product_id;

/** 孙丽 (shop guide of 成都锦里好物小店, whose storefront sells LY-006) edits her card. */
beforeAll(async () => {
  t = await startTestPlatform();
  guide = await t.login('13600000003', 'shop');
  manager = await t.login('13700000003');
  merchantId = (await t.json('GET', '/admin/me', { token: manager })).body.organizationId;
  soldProductId = await productOf('LY-006-1');
  unsoldProductId = await productOf('LY-001-1');
});
afterAll(() => t?.close());

const content = (overrides: Record<string, unknown> = {}) => ({
  name: '孙丽',
  title: '资深导购',
  company: '锦里好物',
  phone: '139 1234 5678',
  wechatId: 'sunli_cd',
  address: '成都市武侯区武侯祠大街 231 号',
  latitude: 30.6446,
  longitude: 104.0497,
  intro: '成都锦里的街坊小店，产地直发的好物。',
  theme: 'classic',
  modules: [
    { kind: 'products', id: 'picks', title: '我的推荐', productIds: [soldProductId] },
    { kind: 'contact_form', id: 'contact', fields: ['name', 'phone', 'message'] },
  ],
  ...overrides,
});

describe('an owner’s card', () => {
  it('is created on first use with the owner’s name', async () => {
    const mine = await t.json('GET', '/shop/cards/me', { token: guide });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ name: '孙丽', organizationId: merchantId, status: 'active', modules: [] });
    cardId = mine.body.id;
    expect(cardId).toMatch(/^crd_/);
    expect((await t.json('GET', '/shop/cards/me', { token: guide })).body.id).toBe(cardId);
  });

  it('saves fields and modules; the phone is encrypted at rest and masked for the public', async () => {
    const saved = await t.json('PUT', '/shop/cards/me', { token: guide, body: content() });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ phone: '13912345678', phoneMasked: '139****5678', featuredProductIds: [soldProductId] });
    const row = (await t.database.executeSql('select phone_cipher, phone_masked from cards where id = $1', [cardId])).rows[0] as { phone_cipher: string; phone_masked: string };
    expect(row.phone_cipher).not.toContain('13912345678');
    expect(row.phone_masked).toBe('139****5678');
  });

  it('refuses products its storefront does not sell, and changes nothing', async () => {
    const before = await tableCounts(t);
    const refused = await t.json('PUT', '/shop/cards/me', { token: guide, body: content({ title: '店长', modules: [{ kind: 'products', id: 'picks', productIds: [unsoldProductId] }] }) });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'card_products_unavailable', details: { productIds: [unsoldProductId] } });
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('GET', '/shop/cards/me', { token: guide })).body.title).toBe('资深导购');
  });

  it('rejects bad modules and a consumer', async () => {
    expect((await t.json('PUT', '/shop/cards/me', { token: guide, body: content({ modules: [{ kind: 'live', id: 'x', url: 'javascript:alert(1)' }] }) })).status).toBe(400);
    expect((await t.json('PUT', '/shop/cards/me', { token: guide, body: content({ theme: 'neon' }) })).status).toBe(400);
    const consumer = await t.login('13500000001', 'shop');
    expect((await t.json('PUT', '/shop/cards/me', { token: consumer, body: content() })).status).toBe(403);
  });

  it('is public without login: phone masked, featured products with the storefront’s title and price', async () => {
    const card = await t.json('GET', `/public/cards/${cardId}`);
    expect(card.status).toBe(200);
    expect(card.body.phone).toBeUndefined();
    expect(card.body.phoneMasked).toBe('139****5678');
    const storefrontPrice = ((await t.database.executeSql('select min(retail_price_fen)::int as price from storefront_items where merchant_id = $1 and product_id = $2', [merchantId, soldProductId])).rows[0] as { price: number }).price;
    expect(card.body.featuredProducts).toEqual([{ productId: soldProductId, title: '云南鲜花饼礼盒 10枚', imageUrl: null, priceFen: storefrontPrice }]);
    expect((await t.json('GET', '/public/cards/crd_00000000000000000000000000')).body.error.code).toBe('card_not_found');
  });

  it('reveals the phone to a visitor who asks, and records each reveal', async () => {
    const revealed = await t.json('POST', `/public/cards/${cardId}/phone`, { body: { visitorId: 'visitor-aaaaaaaaaaaa' } });
    expect(revealed).toMatchObject({ status: 200, body: { phone: '13912345678' } });
    const reveals = await t.database.executeSql('select visitor_id from card_phone_reveals where card_id = $1', [cardId]);
    expect(reveals.rows).toEqual([{ visitor_id: 'visitor-aaaaaaaaaaaa' }]);
    const events = await t.database.executeSql("select payload from outbox_events where type = 'card.phone_revealed'", []);
    expect((events.rows[0] as { payload: { cardId: string } }).payload.cardId).toBe(cardId);
    expect((await t.json('POST', `/public/cards/${cardId}/phone`, { body: { visitorId: 'short' } })).status).toBe(400);
  });
});

describe('company templates and team cards', () => {
  let templateId: string;
  const companyModule = { kind: 'company', id: 'about', name: '成都锦里好物小店', description: '街坊小店，产地直发。' };

  it('a manager creates a template with locked fields (audited) and puts the card under it', async () => {
    const created = await t.json('POST', '/admin/card-templates', {
      token: manager,
      body: { name: '锦里标准名片', theme: 'forest', fields: { company: '成都锦里好物小店' }, lockedFields: ['company', 'theme'], modules: [companyModule], isDefault: true },
    });
    expect(created.status).toBe(201);
    templateId = created.body.id;
    expect(created.body.organizationId).toBe(merchantId);
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${templateId}`, { token: manager })).body.items;
    expect(audit[0].action).toBe('card_template.created');
    const assigned = await t.json('PUT', `/admin/cards/${cardId}/template`, { token: manager, body: { templateId } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ company: '成都锦里好物小店', theme: 'forest', lockedFields: ['company', 'theme'], lockedModuleIds: ['about'] });
    expect(assigned.body.modules.map((module: { id: string }) => module.id)).toEqual(['picks', 'contact', 'about']);
    expect(assigned.body.phone).toBeUndefined();
  });

  it('the owner cannot change a locked field, but arranges modules around the locked ones', async () => {
    const locked = await t.json('PUT', '/shop/cards/me', { token: guide, body: content({ company: '别的公司', theme: 'forest' }) });
    expect(locked.status).toBe(422);
    expect(locked.body.error).toMatchObject({ code: 'card_field_locked', details: { fields: ['company'] } });
    const edited = { ...companyModule, description: '我改的介绍' };
    const saved = await t.json('PUT', '/shop/cards/me', { token: guide, body: content({ company: '成都锦里好物小店', theme: 'forest', modules: [edited, { kind: 'products', id: 'picks', productIds: [soldProductId] }] }) });
    expect(saved.status).toBe(200);
    expect(saved.body.modules[0]).toEqual(companyModule);
    expect(saved.body.modules.map((module: { id: string }) => module.id)).toEqual(['about', 'picks']);
  });

  it('a template change reaches its cards at once', async () => {
    const changed = await t.json('PUT', `/admin/card-templates/${templateId}`, {
      token: manager,
      body: { name: '锦里标准名片', theme: 'ink', fields: { company: '成都锦里好物小店（总店）' }, lockedFields: ['company', 'theme'], modules: [companyModule], isDefault: true },
    });
    expect(changed.status).toBe(200);
    expect((await t.json('GET', `/public/cards/${cardId}`)).body).toMatchObject({ company: '成都锦里好物小店（总店）', theme: 'ink' });
  });

  it('a manager sees their company’s cards only; another merchant cannot touch them', async () => {
    const team = await t.json('GET', '/admin/cards', { token: manager });
    expect(team.body.items.map((card: { id: string }) => card.id)).toContain(cardId);
    expect(team.body.items[0].phone).toBeUndefined();
    const other = await t.login('13700000001');
    expect((await t.json('GET', '/admin/cards', { token: other })).body.items.map((card: { id: string }) => card.id)).not.toContain(cardId);
    expect((await t.json('PUT', `/admin/cards/${cardId}/status`, { token: other, body: { status: 'hidden' } })).status).toBe(404);
    expect((await t.json('PUT', `/admin/card-templates/${templateId}`, { token: other, body: { name: 'x', theme: 'ink' } })).status).toBe(404);
  });

  it('a hidden card is gone from the public until shown again', async () => {
    expect((await t.json('PUT', `/admin/cards/${cardId}/status`, { token: manager, body: { status: 'hidden' } })).body.status).toBe('hidden');
    expect((await t.json('GET', `/public/cards/${cardId}`)).status).toBe(404);
    await t.json('PUT', `/admin/cards/${cardId}/status`, { token: manager, body: { status: 'active' } });
    expect((await t.json('GET', `/public/cards/${cardId}`)).status).toBe(200);
  });
});

describe('card drafts (from scanned paper cards)', () => {
  it('createDraft proposes fields; applying keeps what the template locks', async () => {
    const ownerUserId = (await t.json('GET', '/shop/me', { token: guide })).body.id;
    const created = await t.platform.cards.createDraft(systemContext(systemClock), { ownerUserId, name: '孙丽', title: '店长', company: '纸质名片上的公司', phone: '138-0000-1111', email: 'sunli@example.com' });
    expect(created.ok && created.value.cardId).toBe(cardId);
    const drafts = await t.json('GET', '/shop/cards/me/drafts', { token: guide });
    expect(drafts.body.items[0].fields).toMatchObject({ title: '店长', phone: '13800001111' });
    const applied = await t.json('POST', `/shop/cards/me/drafts/${drafts.body.items[0].id}/apply`, { token: guide });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ title: '店长', company: '成都锦里好物小店（总店）', phone: '13800001111', email: 'sunli@example.com' });
    expect((await t.json('POST', `/shop/cards/me/drafts/${drafts.body.items[0].id}/apply`, { token: guide })).body.error.code).toBe('card_draft_not_found');
  });
});
