import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/** The assistant wired to the real card, radar and CRM modules, as the platform composes them. */
let t: TestPlatform;
let guide: string;
let cardId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  // 孙丽, shop guide of 成都锦里好物小店, opens her card.
  guide = await t.login('13600000003', 'shop');
  cardId = (await t.json('GET', '/shop/cards/me', { token: guide })).body.id;
});
afterAll(() => t?.close());

const newVisitor = () => `v_${randomBytes(12).toString('base64url')}`;
const ask = (visitorId: string, question: string) => t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId, question } });

describe('the assistant on a real card', () => {
  it('answers from the card owner’s storefront and names the owner when it cannot', async () => {
    expect(cardId).toMatch(/^[a-z]+_/);
    const answered = (await ask(newVisitor(), '赣南脐橙怎么卖')).body;
    expect(answered.citations[0].title).toBe('赣南脐橙 5kg');
    expect(answered.answer).toContain('¥59.80');
    const refused = (await ask(newVisitor(), '可以用区块链支付吗')).body;
    expect(refused.grounded).toBe(false);
    expect(refused.answer).toContain('孙丽');
  });

  it('keeps the conversation only after the visitor consented through the radar', async () => {
    const visitor = newVisitor();
    expect((await ask(visitor, '鲜花饼是什么口味')).body.stored).toBe(false);
    expect((await t.json('POST', '/t/consent', { body: { visitorId: visitor, cardId, granted: true } })).status).toBeLessThan(300);
    expect((await ask(visitor, '鲜花饼是什么口味')).body.stored).toBe(true);
    const history = (await t.json('GET', `/public/cards/${cardId}/assistant?visitorId=${visitor}`)).body.items;
    expect(history).toHaveLength(2);
  });

  it('drafts a follow-up from the CRM lead and the radar’s behaviour, and recommends from it', async () => {
    const visitor = newVisitor();
    const guideId = (await t.json('GET', '/shop/me', { token: guide })).body.id as string;
    await t.json('POST', '/t/consent', { body: { visitorId: visitor, cardId, granted: true } });
    const { rows } = await t.database.executeSql("select id from products where title = '烟酰胺焕亮精华液'", []);
    const serumId = (rows[0] as { id: string }).id;
    const now = new Date().toISOString();
    const tracked = await t.json('POST', '/t/events', {
      body: { visitorId: visitor, cardId, events: [{ kind: 'view', at: now }, { kind: 'product_click', at: now, productId: serumId }, { kind: 'dwell', at: now, seconds: 90, detail: { productId: serumId } }] },
    });
    expect(tracked.status).toBeLessThan(300);
    const lead = await t.platform.crm.contacts.upsert(systemContext(systemClock), { ownerUserId: guideId, source: 'visitor', visitorId: visitor, name: '高雪' });
    expect(lead.ok).toBe(true);
    const leadId = lead.ok ? lead.value.leadId : '';

    const draft = await t.json('POST', '/shop/assistant/follow-up', { token: guide, body: { leadId } });
    expect(draft.status).toBe(200);
    expect(draft.body.visitorName).toBe('高雪');
    expect(draft.body.text).toContain('高雪');
    expect(draft.body.products[0]).toMatchObject({ productId: serumId, title: '烟酰胺焕亮精华液' });

    // Another owner cannot draft from 孙丽's lead.
    const other = await t.login('13600000001', 'shop');
    expect((await t.json('POST', '/shop/assistant/follow-up', { token: other, body: { leadId } })).status).toBe(404);

    const recommended = (await t.json('GET', `/shop/assistant/recommendations?visitorId=${visitor}&limit=3`, { token: guide })).body.items;
    expect(recommended[0]).toMatchObject({ productId: serumId, reason: 'viewed' });
  });
});
