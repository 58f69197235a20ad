import { describe, expect, it } from 'vitest';
import {
  combineBehaviours,
  furtherStage,
  highIntentDue,
  inactiveDue,
  intentScore,
  median,
  parseVcards,
  repurchaseCycles,
  repurchaseDue,
  segment,
  transitionStage,
  type VisitorBehaviour,
} from '@linkmall/crm';

const base: VisitorBehaviour = {
  visitorId: 'v_0123456789abcdef',
  userId: null,
  displayName: null,
  visits: 0,
  dwellSeconds: 0,
  firstSeenAt: new Date('2026-11-01T02:00:00Z'),
  lastSeenAt: new Date('2026-11-01T02:00:00Z'),
  products: [],
  modulesViewed: [],
  shares: 0,
  forwards: 0,
  couponsClaimed: 0,
  contactSubmitted: false,
  calls: 0,
  addToCart: 0,
  orders: 0,
};
const titles = new Map([['prd_mask', '保湿面膜'], ['prd_tea', '高山乌龙茶']]);

describe('lead stages', () => {
  it('allows the pipeline moves and refuses the rest', () => {
    expect(transitionStage('new', 'contacted')).toBe('contacted');
    expect(transitionStage('interested', 'won')).toBe('won');
    expect(transitionStage('lost', 'contacted')).toBe('contacted');
    expect(transitionStage('won', 'lost')).toBeNull();
    expect(transitionStage('new', 'won')).toBeNull();
    expect(transitionStage('contacted', 'new')).toBeNull();
    expect(furtherStage('lost', 'new')).toBe('new');
    expect(furtherStage('negotiating', 'won')).toBe('won');
  });
});

describe('intent score', () => {
  it('scores the issue example and explains it in both languages', () => {
    const behaviour = { ...base, visits: 3, dwellSeconds: 300, products: [{ productId: 'prd_mask', seconds: 240, clicks: 2 }], modulesViewed: ['ingredients'] };
    const result = intentScore(behaviour, titles);
    // visits 3×4 = 12, dwell 5 min × 2 = 10, one product 4 + deep look 8 = 12, one module 1.
    expect(result.components).toEqual({ visits: 12, dwell: 10, products: 12, modules: 1, sharing: 0, coupons: 0, contact: 0, commerce: 0 });
    expect(result.score).toBe(35);
    expect(result.explanation['zh-CN']).toBe('3 次访问，在 保湿面膜 停留 4 分钟，打开了成分表');
    expect(result.explanation.en).toBe('3 visits, 4 min on 保湿面膜, opened the ingredient list');
  });

  it('caps each signal and the total at 100', () => {
    const hot = {
      ...base,
      visits: 9,
      dwellSeconds: 3600,
      products: [
        { productId: 'prd_mask', seconds: 600, clicks: 3 },
        { productId: 'prd_tea', seconds: 30, clicks: 1 },
        { productId: 'prd_x', seconds: 0, clicks: 1 },
        { productId: 'prd_y', seconds: 10, clicks: 0 },
      ],
      modulesViewed: ['a', 'b', 'c', 'd', 'e', 'f'],
      shares: 1,
      forwards: 3,
      couponsClaimed: 1,
      contactSubmitted: true,
      calls: 2,
      addToCart: 1,
      orders: 0,
    };
    const result = intentScore(hot, titles);
    expect(result.components).toEqual({ visits: 20, dwell: 20, products: 20, modules: 5, sharing: 10, coupons: 5, contact: 15, commerce: 5 });
    expect(result.score).toBe(100);
    expect(result.explanation['zh-CN']).toBe('9 次访问，在 保湿面膜 停留 10 分钟，看了 4 款商品，打开了 a，打开了 b，打开了 c，打开了 d，打开了 e，打开了 f，分享或转发 4 次，领取了 1 张优惠券，提交了留言，拨打电话 2 次，加购 1 次');
  });

  it('gives a single short visit a low score with seconds in the explanation', () => {
    const result = intentScore({ ...base, visits: 1, dwellSeconds: 50, products: [{ productId: 'prd_tea', seconds: 45, clicks: 1 }] }, titles);
    expect(result.score).toBe(8);
    expect(result.explanation.en).toBe('1 visit, 45 s on 高山乌龙茶');
  });

  it('adds up the behaviour of a lead seen from two devices', () => {
    const combined = combineBehaviours([
      { ...base, visits: 2, dwellSeconds: 120, products: [{ productId: 'prd_mask', seconds: 60, clicks: 1 }], modulesViewed: ['ingredients'] },
      { ...base, visitorId: 'v_other_device_0001', userId: 'usr_1', visits: 1, dwellSeconds: 60, products: [{ productId: 'prd_mask', seconds: 70, clicks: 0 }], modulesViewed: ['ingredients', 'reviews'], lastSeenAt: new Date('2026-11-03T00:00:00Z') },
    ])!;
    expect(combined.visits).toBe(3);
    expect(combined.products).toEqual([{ productId: 'prd_mask', seconds: 130, clicks: 1 }]);
    expect(combined.modulesViewed).toEqual(['ingredients', 'reviews']);
    expect(combined.userId).toBe('usr_1');
    expect(combined.lastSeenAt.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(intentScore(combined, titles).score).toBe(12 + 6 + 12 + 2);
  });
});

const now = new Date('2026-11-22T04:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const purchase = (days: number, yuan: number, id = `ord_${days}`) => ({ orderId: id, paidAt: daysAgo(days), amountFen: BigInt(yuan * 100) });

describe('RFM-L segmentation', () => {
  it('puts a recent, repeated, substantial buyer in high value and the core layer', () => {
    const result = segment([purchase(5, 600), purchase(40, 500), purchase(100, 400), purchase(400, 300)], { lastSeenAt: null, sharesAndForwards: 0 }, now);
    expect(result.scores).toEqual({ recency: 5, frequency: 3, monetary: 3, loyalty: 4 });
    expect(result.paid365Fen).toBe(150_000n);
    expect(result.orders365).toBe(3);
    expect(result.segment).toBe('high_value');
    expect(result.layer).toBe('active');
    const advocate = segment([purchase(5, 600), purchase(40, 500), purchase(100, 400)], { lastSeenAt: null, sharesAndForwards: 2 }, now);
    expect(advocate.layer).toBe('core');
  });

  it('flags a buyer silent for over 90 days as churning', () => {
    const result = segment([purchase(120, 300), purchase(200, 300)], { lastSeenAt: daysAgo(30), sharesAndForwards: 0 }, now);
    expect(result.scores).toEqual({ recency: 2, frequency: 2, monetary: 2, loyalty: 3 });
    expect(result.segment).toBe('churning');
    expect(result.layer).toBe('potential');
  });

  it('keeps a lead who never bought as potential, active when seen this fortnight', () => {
    const result = segment([], { lastSeenAt: daysAgo(3), sharesAndForwards: 0 }, now);
    expect(result.scores).toEqual({ recency: 0, frequency: 0, monetary: 0, loyalty: 0 });
    expect(result.segment).toBe('potential');
    expect(result.layer).toBe('active');
    expect(segment([purchase(70, 100)], { lastSeenAt: null, sharesAndForwards: 0 }, now)).toMatchObject({ segment: 'potential', layer: 'potential', scores: { recency: 3, frequency: 1, monetary: 1, loyalty: 1 } });
  });
});

describe('automation rules', () => {
  it('finds the median repurchase cycle per product across buyers', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 40])).toBe(25);
    const cycles = repurchaseCycles([
      [{ productId: 'mask', paidAt: daysAgo(90) }, { productId: 'mask', paidAt: daysAgo(60) }, { productId: 'mask', paidAt: daysAgo(30) }],
      [{ productId: 'mask', paidAt: daysAgo(50) }, { productId: 'mask', paidAt: daysAgo(10) }, { productId: 'tea', paidAt: daysAgo(10) }],
    ]);
    expect(cycles).toEqual(new Map([['mask', 30]]));
  });

  it('reminds once the cycle has passed, within one more cycle, else uses the default', () => {
    const cycles = new Map([['mask', 30]]);
    const purchases = [{ productId: 'mask', paidAt: daysAgo(31) }, { productId: 'tea', paidAt: daysAgo(10) }, { productId: 'old', paidAt: daysAgo(300) }];
    const due = repurchaseDue(purchases, cycles, 45, now);
    expect(due.map((reminder) => [reminder.productId, reminder.cycleDays, reminder.period])).toEqual([['mask', 30, `repurchase:mask:2026-10-22`]]);
    expect(repurchaseDue(purchases, cycles, 10, now).map((reminder) => reminder.productId)).toEqual(['mask', 'tea']);
  });

  it('fires inactivity once per quiet spell and high intent once per active day', () => {
    expect(inactiveDue({ lastActiveAt: daysAgo(2), createdAt: daysAgo(20) }, 3, now)).toBeNull();
    expect(inactiveDue({ lastActiveAt: daysAgo(3), createdAt: daysAgo(20) }, 3, now)).toBe('inactive:2026-11-19');
    expect(inactiveDue({ lastActiveAt: null, createdAt: daysAgo(5) }, 3, now)).toBe('inactive:2026-11-17');
    expect(highIntentDue(80, 70, new Date('2026-11-21T20:00:00Z'), now)).toBe('high_intent:2026-11-22');
    expect(highIntentDue(60, 70, daysAgo(0), now)).toBeNull();
    expect(highIntentDue(90, 70, daysAgo(2), now)).toBeNull();
  });
});

describe('vCard import', () => {
  it('reads vCard 4.0 with folded lines and escapes, and 2.1 quoted-printable Chinese', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:张伟',
      'N:张;伟;;;',
      'ORG:上海星辰贸易有限公司;销售部',
      'TITLE:销售总监',
      'TEL;TYPE=cell;VALUE=uri:tel:+86-138-0013-8000',
      'EMAIL;TYPE=work:zhang.wei@example.com',
      'ADR;TYPE=work:;;世纪大道100号;浦东新区;上海市;200120;中国',
      'URL:https://example.com',
      'NOTE:展会认识\\, 对面膜感兴',
      ' 趣',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=A8=9C;;;',
      'TEL;CELL:13900001111',
      'END:VCARD',
    ].join('\r\n');
    const [first, second] = parseVcards(text);
    expect(first).toEqual({
      name: '张伟',
      title: '销售总监',
      company: '上海星辰贸易有限公司 销售部',
      phones: ['+86-138-0013-8000'],
      emails: ['zhang.wei@example.com'],
      address: '中国 上海市 浦东新区 世纪大道100号',
      website: 'https://example.com',
      note: '展会认识, 对面膜感兴趣',
    });
    expect(second).toEqual({ name: '李娜', phones: ['13900001111'], emails: [] });
  });
});
