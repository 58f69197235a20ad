import type { Localized } from '@linkmall/kernel';
import { basisPoints } from './ratios.ts';

export const FUNNEL_STEPS = ['exposure', 'interaction', 'fission', 'conversion', 'repurchase'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Steps whose people are visitor behaviour (tracking), which needs visitor.read to drill into. */
export const VISITOR_STEPS: ReadonlySet<FunnelStep> = new Set(['exposure', 'interaction', 'fission']);

export const STEP_TEXTS: Record<FunnelStep, { label: Localized; definition: Localized }> = {
  exposure: {
    label: { 'zh-CN': '曝光', en: 'Exposure' },
    definition: { 'zh-CN': '范围内名片被已授权访客查看的次数', en: 'Views of the scope’s cards by consented visitors' },
  },
  interaction: {
    label: { 'zh-CN': '互动', en: 'Interaction' },
    definition: { 'zh-CN': '名片上的模块浏览、商品点击、领券、留资、拨号与加购次数', en: 'Module views, product clicks, coupon claims, contact forms, calls and add-to-cart on the cards' },
  },
  fission: {
    label: { 'zh-CN': '裂变', en: 'Fission' },
    definition: { 'zh-CN': '名片分享与转发次数，加上新绑定推荐人的会员数（平台与团队范围）', en: 'Card shares and forwards, plus members newly bound to a referrer (platform and team scopes)' },
  },
  conversion: {
    label: { 'zh-CN': '转化', en: 'Conversion' },
    definition: { 'zh-CN': '归属于该范围的支付订单数', en: 'Paid orders attributed to the scope' },
  },
  repurchase: {
    label: { 'zh-CN': '复购', en: 'Repurchase' },
    definition: { 'zh-CN': '买家在该范围内此前已有支付订单的订单数', en: 'Paid orders whose buyer had paid an earlier order in the scope' },
  },
};

export type StepCounts = Readonly<Record<FunnelStep, number>>;

export interface FunnelStepView {
  readonly step: FunnelStep;
  readonly label: Localized;
  readonly definition: Localized;
  readonly count: number;
  readonly previousCount: number;
  readonly conversionBps: number | null;
  readonly previousConversionBps: number | null;
}

/** The five steps with each one's conversion from the step before it. */
export function funnelSteps(current: StepCounts, previous: StepCounts): FunnelStepView[] {
  return FUNNEL_STEPS.map((step, index) => {
    const before = index === 0 ? null : FUNNEL_STEPS[index - 1]!;
    return {
      step,
      ...STEP_TEXTS[step],
      count: current[step],
      previousCount: previous[step],
      conversionBps: before === null ? null : basisPoints(current[step], current[before]),
      previousConversionBps: before === null ? null : basisPoints(previous[step], previous[before]),
    };
  });
}
