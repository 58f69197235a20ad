import { describe, expect, it } from 'vitest';
import { asksAboutIncome, guardOutput, mentionsIncomePromise, pricesMentioned } from './output-guard.ts';

describe('income promises', () => {
  it.each(['加入我们月入过万', '在家躺赚', '保证收益不低于10%', '稳赚不赔', '日赚500不是梦', '轻松赚钱', '实现财务自由', 'Guaranteed income every month', 'earn 5000 yuan a month', 'passive income for life', '月入3万'])(
    'recognises %s',
    (text) => expect(mentionsIncomePromise(text)).toBe(true),
  );

  it.each(['这款面膜月销量很高', '保湿效果好', '每月上新', '收货后7天内可退换', 'Ships in 48 hours'])('lets %s through', (text) => expect(mentionsIncomePromise(text)).toBe(false));

  it('tells questions about earning money apart', () => {
    expect(asksAboutIncome('做你们的代理一个月能赚多少？')).toBe(true);
    expect(asksAboutIncome('How much income can I make?')).toBe(true);
    expect(asksAboutIncome('龙井茶多少钱？')).toBe(false);
  });
});

describe('prices in text', () => {
  it('reads amounts with a currency sign or word, in fen', () => {
    expect(pricesMentioned('现价¥128.00，原价 168 元，另有 ￥9.9 的小样，RMB 20')).toEqual([12800n, 990n, 16800n, 2000n]);
  });

  it('ignores numbers that are not prices', () => {
    expect(pricesMentioned('250g 装，每天 3 次，7 天无理由')).toEqual([]);
  });
});

describe('guardOutput', () => {
  it('removes sentences promising income and keeps the rest', () => {
    const guarded = guardOutput('这款龙井是明前采摘的。做代理月入过万！欢迎咨询。', new Set());
    expect(guarded.text).toBe('这款龙井是明前采摘的。欢迎咨询。');
    expect(guarded.removed).toEqual(['income_promise']);
  });

  it('removes sentences quoting a price the evidence does not hold', () => {
    const guarded = guardOutput('西湖龙井售价¥128.00。现在只要 99 元！', new Set([12800n]));
    expect(guarded.text).toBe('西湖龙井售价¥128.00。');
    expect(guarded.removed).toEqual(['unknown_price']);
  });

  it('returns empty text when nothing is safe', () => {
    expect(guardOutput('躺赚就选我们！', new Set()).text).toBe('');
  });
});
