import { defineErrors } from '@linkmall/kernel';

export const growthErrors = defineErrors({
  growth_campaign_not_found: { status: 404, 'zh-CN': '增长活动不存在', en: 'The growth campaign does not exist' },
  growth_campaign_invalid: { status: 422, 'zh-CN': '活动规则有误：{summary}', en: 'The campaign rules are invalid: {summary}' },
  growth_campaign_transition_invalid: { status: 409, 'zh-CN': '活动当前状态（{status}）不能执行该操作', en: 'The campaign cannot do that from its current status ({status})' },
  growth_campaign_not_editable: { status: 409, 'zh-CN': '已开始的活动只能修改结束时间和预算', en: 'A campaign that has started can only change its end date and budget' },
  growth_budget_below_spent: { status: 422, 'zh-CN': '预算不能低于已发放金额', en: 'The budget cannot be lower than what was already spent' },
  growth_campaign_ended: { status: 409, 'zh-CN': '活动已结束，不能再修改', en: 'The campaign has ended and cannot be changed' },
  growth_level_not_found: { status: 404, 'zh-CN': '等级不存在', en: 'The level does not exist' },
  growth_level_duplicate: { status: 409, 'zh-CN': '已有相同门槛的等级', en: 'A level with the same thresholds already exists' },
  growth_reward_not_found: { status: 404, 'zh-CN': '奖励记录不存在', en: 'The reward does not exist' },
  // Checkout and its quote refuse a hot product (爆品专享) to a buyer whose level does not grant access; {levelNameZh}/{levelNameEn} name the lowest level that does.
  hot_product_level_required: {
    status: 403,
    'zh-CN': '「{productTitle}」为爆品专享商品，达到「{levelNameZh}」等级的会员才能购买',
    en: '“{productTitle}” is a hot product reserved for members at level “{levelNameEn}” or above',
  },
  growth_reward_state_invalid: { status: 409, 'zh-CN': '该奖励当前状态（{state}）不能执行该操作', en: 'The reward cannot do that in its current state ({state})' },
});
export type GrowthErrorCode = keyof typeof growthErrors;
