import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssistantPlatform, visitorId, type AssistantPlatform } from './assistant-setup.ts';

let t: AssistantPlatform;
let cardId: string;
let merchant: string;

beforeAll(async () => {
  t = await startAssistantPlatform({ limits: { perVisitor: { max: 3, windowMs: 60_000 }, perAddress: { max: 1_000, windowMs: 60_000 } } });
  cardId = await t.jinliCard();
  merchant = await t.login('13700000003');
});
afterAll(() => t?.close());

const ask = (question: string, visitor = visitorId(), headers: Record<string, string> = {}) => t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId: visitor, question }, headers });
const messageCount = async () => Number((await t.sql<{ n: number }>('select count(*)::int as n from assistant_messages'))[0]!.n);

describe('a visitor asks the card’s assistant (offline model)', () => {
  it('answers from the storefront’s product text, with a citation and the storefront price', async () => {
    const { status, body } = await ask('五常大米多少钱？');
    expect(status).toBe(200);
    expect(body.grounded).toBe(true);
    expect(body.model).toBe('offline');
    expect(body.citations[0]).toMatchObject({ index: 1, kind: 'product', title: '五常稻花香大米' });
    expect(body.answer).toContain('¥79.90');
    expect(body.answer).toContain('[1]');
    // The storefront sells only the 5kg bag: the 10kg bag is not offered.
    expect(body.answer).toContain('5kg');
    expect(body.answer).not.toContain('10kg');
  });

  it('does not know products the storefront does not sell', async () => {
    const { body } = await ask('西湖龙井明前茶有货吗');
    expect(body.grounded).toBe(false);
    expect(body.answer).toBe('我没有找到相关资料，暂时无法准确回答这个问题。请联系孙丽，获取准确的信息。');
    expect(body.citations).toEqual([]);
  });

  it('refuses without evidence, in English when asked', async () => {
    const { body } = await ask('Do you accept bitcoin?', visitorId(), { 'accept-language': 'en' });
    expect(body.grounded).toBe(false);
    expect(body.answer).toContain('Please contact 孙丽');
  });

  it('never promises income', async () => {
    const { body } = await ask('做你们的代理能月入过万吗？');
    expect(body.answer).toContain('我们不对任何收入或收益作出承诺');
    expect(body.answer).not.toMatch(/月入过万|保证/);
  });

  it('keeps nothing of a visitor who did not consent, and the exchange of one who did', async () => {
    const before = await messageCount();
    const stranger = visitorId();
    expect((await ask('精华液怎么用', stranger)).body.stored).toBe(false);
    expect(await messageCount()).toBe(before);
    expect((await t.json('GET', `/public/cards/${cardId}/assistant?visitorId=${stranger}`)).body.items).toEqual([]);

    const friend = visitorId();
    t.consented.add(`${cardId}:${friend}`);
    const answered = await ask('精华液怎么用', friend);
    expect(answered.body.stored).toBe(true);
    const history = (await t.json('GET', `/public/cards/${cardId}/assistant?visitorId=${friend}`)).body.items;
    expect(history.map((item: { role: string }) => item.role)).toEqual(['visitor', 'assistant']);
    expect(history[0].content).toBe('精华液怎么用');
    expect(history[1].citations[0].title).toBe('烟酰胺焕亮精华液');
    const [conversation] = await t.sql<{ owner_user_id: string; visitor_id: string }>('select owner_user_id, visitor_id from assistant_conversations where visitor_id = $1', [friend]);
    expect(conversation).toEqual({ owner_user_id: await t.userId('13600000003'), visitor_id: friend });
  });

  it('limits how fast one visitor may ask', async () => {
    const visitor = visitorId();
    for (let index = 0; index < 3; index++) expect((await ask('脐橙甜吗', visitor)).status).toBe(200);
    const limited = await ask('脐橙甜吗', visitor);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('assistant_rate_limited');
    expect((await ask('脐橙甜吗')).status).toBe(200);
  });

  it('rejects bad input and unknown cards without writing anything', async () => {
    const before = await messageCount();
    expect((await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { question: '你好' } })).status).toBe(400);
    expect((await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId: 'short', question: '你好' } })).status).toBe(400);
    expect((await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId: visitorId(), question: '' } })).status).toBe(400);
    expect((await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId: visitorId(), question: 'x'.repeat(501) } })).status).toBe(400);
    const unknown = await t.json('POST', '/public/cards/crd_01jd3x7k9q2w8e5r4t6y1u3i0o/assistant', { body: { visitorId: visitorId(), question: '大米' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('assistant_card_not_found');
    expect(await messageCount()).toBe(before);
  });
});

describe('the console’s assistant knowledge base', () => {
  it('answers visitors from an FAQ the merchant adds, and stops once it is deleted', async () => {
    expect((await ask('多久发货？包邮吗')).body.grounded).toBe(false);
    const created = await t.json('POST', '/admin/assistant/knowledge', { token: merchant, body: { kind: 'faq', title: '多久发货？包邮吗？', body: '下单后48小时内从成都仓发货，全国包邮（新疆、西藏除外）。' } });
    expect(created.status).toBe(201);
    expect(created.body.organizationId).toBe(await t.organizationOf('成都锦里好物小店'));

    const answered = (await ask('多久发货？包邮吗')).body;
    expect(answered.grounded).toBe(true);
    expect(answered.citations[0]).toMatchObject({ kind: 'faq', id: created.body.id, title: '多久发货？包邮吗？' });
    expect(answered.answer).toContain('48小时内');

    const changed = await t.json('PATCH', `/admin/assistant/knowledge/${created.body.id}`, { token: merchant, body: { body: '下单后24小时内发货，全国包邮。' } });
    expect(changed.status).toBe(200);
    expect((await ask('多久发货？包邮吗')).body.answer).toContain('24小时内');

    const audit = (await t.json('GET', `/admin/audit-log?entityId=${created.body.id}`, { token: merchant })).body.items;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['assistant_knowledge.updated', 'assistant_knowledge.created']);
    expect(audit[0].before.body).toContain('48小时内');

    expect((await t.json('DELETE', `/admin/assistant/knowledge/${created.body.id}`, { token: merchant })).status).toBe(200);
    expect((await ask('多久发货？包邮吗')).body.grounded).toBe(false);
  });

  it('keeps one merchant’s entries away from another', async () => {
    const entry = (await t.json('POST', '/admin/assistant/knowledge', { token: merchant, body: { kind: 'doc', title: '门店介绍', body: '锦里好物武侯祠店营业时间每天10:00-22:00。' } })).body;
    const other = await t.login('13700000001');
    expect((await t.json('GET', '/admin/assistant/knowledge', { token: other })).body.items.map((item: { id: string }) => item.id)).not.toContain(entry.id);
    expect((await t.json('PATCH', `/admin/assistant/knowledge/${entry.id}`, { token: other, body: { title: '改' } })).status).toBe(404);
    expect((await t.json('DELETE', `/admin/assistant/knowledge/${entry.id}`, { token: other })).status).toBe(404);
    const platformAdmin = await t.login('13800000001');
    const listed = (await t.json('GET', '/admin/assistant/knowledge?kind=doc&q=营业时间', { token: platformAdmin })).body;
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(entry.id);
    // A merchant cannot write into another organisation.
    const foreign = await t.json('POST', '/admin/assistant/knowledge', { token: merchant, body: { kind: 'faq', title: 'x', body: 'y', organizationId: await t.organizationOf('上海悦享生活旗舰店') } });
    expect(foreign.status).toBe(403);
  });

  it('tests a question with its evidence and stores nothing', async () => {
    const before = await messageCount();
    const { status, body } = await t.json('POST', '/admin/assistant/test', { token: merchant, body: { question: '洁面乳适合敏感肌吗' } });
    expect(status).toBe(200);
    expect(body.evidence[0]).toMatchObject({ kind: 'product', title: '氨基酸洁面乳', priceFen: 6900 });
    expect(body.answer).toContain('¥69.00');
    expect(await messageCount()).toBe(before);
    const empty = (await t.json('POST', '/admin/assistant/test', { token: merchant, body: { question: '你们卖汽车吗' } })).body;
    expect(empty).toMatchObject({ grounded: false, evidence: [], citations: [] });
  });
});
