import { describe, expect, it } from 'vitest';
import { composeAnswer } from '../src/domain/answer-composer.ts';
import { composeCopy } from '../src/domain/copywriting.ts';
import { guardOutput, mentionsIncomePromise, pricesMentioned } from '../src/domain/output-guard.ts';
import { allowedPrices } from '../src/domain/evidence.ts';
import { asSentences, passagesOf, plainText, retrieveEvidence } from '../src/knowledge-retriever.ts';
import { createOfflineLanguageModel } from '../src/offline-language-model.ts';
import { DEMO_KNOWLEDGE, DEMO_PRODUCTS } from './fixtures.ts';

const ask = (question: string) => retrieveEvidence(question, DEMO_PRODUCTS, DEMO_KNOWLEDGE);

describe('retrieval over real Chinese product text, FAQ and company documents', () => {
  it.each([
    ['龙井茶多少钱？', 'prd_tea'],
    ['面膜怎么用', 'prd_mask'],
    ['防晒喷雾游泳能用吗', 'prd_sunscreen'],
    ['有没有核桃', 'prd_walnut'],
    ['洁面乳适合油性皮肤吗', 'prd_cleanser'],
    ['多久发货，包邮吗', 'akn_shipping'],
    ['可以开发票吗', 'akn_invoice'],
    ['拆封了还能退货吗', 'akn_returns'],
    ['你们门店地址在哪里', 'akn_company'],
  ])('%s → %s first', (question, expected) => {
    expect(ask(question)[0]?.id).toBe(expected);
  });

  it('quotes the passage of a document that answers, not the whole document', () => {
    const [evidence] = ask('门店营业时间');
    expect(evidence?.kind).toBe('doc');
    expect(evidence?.body).toContain('9:00-21:00');
    expect(evidence?.body).not.toContain('成立于2018年');
  });

  it.each(['支持区块链支付吗', '你们有咖啡吗', '今天天气怎么样', '做代理一个月能赚多少'])('finds no evidence for %s', (question) => {
    expect(ask(question)).toEqual([]);
  });

  it('reads rich text as plain text and cuts documents into passages', () => {
    expect(plainText('<p>一芽一叶&nbsp;手工</p><p>炒制</p>')).toBe('一芽一叶 手工\n炒制');
    expect(passagesOf('第一段。\n第二段。')).toEqual(['第一段。', '第二段。']);
    expect(asSentences('西湖龙井：核心产区\n产地：浙江杭州\nOrganic tea')).toBe('西湖龙井：核心产区。产地：浙江杭州。Organic tea.');
  });
});

describe('the offline answer', () => {
  it('does not repeat a subtitle the description already holds', () => {
    const [evidence] = ask('龙井茶多少钱？');
    expect(evidence!.body.match(/核心产区/g)).toHaveLength(1);
  });

  it('answers from the evidence with citations and the catalog price as ¥x.xx', () => {
    const evidence = ask('龙井茶多少钱？');
    const answer = composeAnswer('龙井茶多少钱？', evidence, '吴婷', 'zh-CN');
    expect(answer).toContain('「西湖龙井明前茶」');
    expect(answer).toContain('¥198.00');
    expect(answer).toContain('[1]');
    // Every price in the answer is one the catalog gave.
    expect(pricesMentioned(answer).every((price) => allowedPrices(evidence).has(price))).toBe(true);
  });

  it('refuses and points to the owner when nothing was found', () => {
    const answer = composeAnswer('支持区块链支付吗', ask('支持区块链支付吗'), '吴婷', 'zh-CN');
    expect(answer).toBe('我没有找到相关资料，暂时无法准确回答这个问题。请联系吴婷，获取准确的信息。');
    expect(composeAnswer('Do you take bitcoin?', [], 'Wu Ting', 'en')).toContain('could not find anything');
  });

  it('answers an income question with the no-promise statement and never a number', () => {
    const answer = composeAnswer('做代理一个月能赚多少', [], '吴婷', 'zh-CN');
    expect(answer).toContain('我们不对任何收入或收益作出承诺');
    expect(mentionsIncomePromise(answer)).toBe(false);
    expect(guardOutput(answer, new Set()).text).toBe(answer);
  });

  it('is a LanguageModel: same text through the port, with usage', async () => {
    const evidence = ask('面膜怎么用');
    const result = await createOfflineLanguageModel().chat([{ role: 'user', content: '面膜怎么用' }], { grounding: { task: 'answer', locale: 'zh-CN', question: '面膜怎么用', evidence, contactName: '吴婷' } });
    expect(result.ok && result.value.text).toBe(composeAnswer('面膜怎么用', evidence, '吴婷', 'zh-CN'));
    expect(result.ok && result.value.usage.completionTokens).toBeGreaterThan(10);
  });
});

describe('offline copywriting', () => {
  const facts = {
    kind: 'follow_up' as const,
    visitorName: '林小雨',
    ownerName: '吴婷',
    company: '链商云旗舰店',
    products: [{ productId: 'prd_mask', title: '玻尿酸保湿面膜', priceFen: 8900n }, { productId: 'prd_serum', title: '烟酰胺焕亮精华液', priceFen: 15900n }],
    coupon: { name: '美妆新客券', summary: '满100减20' },
    seed: 'led_1',
  };

  it('fills the name, the viewed product with its catalog price and the coupon', () => {
    const text = composeCopy(facts, 'zh-CN');
    expect(text).toContain('林小雨');
    expect(text).toContain('吴婷');
    expect(text).toMatch(/玻尿酸保湿面膜/);
    expect(mentionsIncomePromise(text)).toBe(false);
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const variant = composeCopy({ ...facts, seed }, 'zh-CN');
      expect(pricesMentioned(variant).every((price) => price === 8900n)).toBe(true);
    }
  });

  it('mentions the coupon in at least the variants that carry it, and writes English when asked', () => {
    const texts = ['1', '2', '3', '4', '5', '6'].map((seed) => composeCopy({ ...facts, seed }, 'zh-CN'));
    expect(texts.some((text) => text.includes('美妆新客券'))).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(1);
    const english = composeCopy({ ...facts, kind: 'invitation' }, 'en');
    expect(english).toContain('林小雨');
    expect(english).toMatch(/invited|arrived/);
  });

  it('is stable for the same seed and still greets without a name or products', () => {
    expect(composeCopy(facts, 'zh-CN')).toBe(composeCopy(facts, 'zh-CN'));
    const bare = composeCopy({ ...facts, visitorName: null, products: [], coupon: null }, 'zh-CN');
    expect(bare.startsWith('您好')).toBe(true);
    expect(bare).toContain('吴婷');
  });
});
