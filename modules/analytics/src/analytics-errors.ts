import { defineErrors } from '@linkmall/kernel';

export const analyticsErrors = defineErrors({
  analytics_range_invalid: { status: 400, 'zh-CN': '日期区间无效：开始日期须不晚于结束日期，且不超过 366 天', en: 'Invalid date range: from must not be after to, and at most 366 days' },
  analytics_scope_not_found: { status: 404, 'zh-CN': '分析范围不存在或不在您的数据权限内', en: 'The analytics scope does not exist or is outside your data scope' },
  analytics_people_forbidden: { status: 403, 'zh-CN': '查看访客行为明细需要“查看访客行为”权限', en: 'Drilling into visitor behaviour needs the “View visitor behaviour” permission' },
  analytics_spend_target_invalid: { status: 422, 'zh-CN': '费用记录的商户须为已有商户，团队须为已有老板', en: 'The spend’s merchant must be an existing merchant, and its team an existing boss' },
  analytics_spend_not_found: { status: 404, 'zh-CN': '营销费用记录不存在', en: 'The spend entry does not exist' },
  analytics_spend_already_reversed: { status: 409, 'zh-CN': '该费用记录已被冲销', en: 'The spend entry was already reversed' },
  analytics_spend_is_reversal: { status: 409, 'zh-CN': '冲销记录不能再被冲销', en: 'A reversal cannot itself be reversed' },
});
export type AnalyticsErrorCode = keyof typeof analyticsErrors;
