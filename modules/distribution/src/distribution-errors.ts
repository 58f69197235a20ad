import { defineErrors } from '@linkmall/kernel';

/** Expected failures of the distribution engine, with the messages members and operators see. */
export const distributionErrors = defineErrors({
  self_referral: { status: 422, 'zh-CN': '不能绑定自己为推荐人', en: 'You cannot be your own referrer' },
  ineligible_referrer: { status: 422, 'zh-CN': '推荐人尚未成为代理或老板，不能推荐', en: 'The referrer is not an agent or boss and cannot refer anyone' },
  referral_cycle: { status: 422, 'zh-CN': '推荐关系不能形成循环', en: 'This binding would create a referral cycle' },
  referrer_already_bound: { status: 409, 'zh-CN': '已绑定推荐人，不能更换', en: 'A referrer is already bound and cannot be changed' },
  binding_after_package: { status: 409, 'zh-CN': '已购买礼包的会员不能再补绑推荐人', en: 'A member who bought the package without a referrer cannot be bound afterwards' },
  unknown_order: { status: 404, 'zh-CN': '分销引擎没有处理过该订单', en: 'The distribution engine has not processed this order' },
  invalid_profile: { status: 400, 'zh-CN': '分佣方案不正确', en: 'The commission profile is invalid' },
  profile_not_compliant: { status: 422, 'zh-CN': '分佣方案违反其自身上限，不能启用', en: 'The commission profile violates its own caps and cannot be activated' },
  profile_not_found: { status: 404, 'zh-CN': '分佣方案不存在', en: 'The commission profile does not exist' },
  profile_not_draft: { status: 409, 'zh-CN': '只有草稿状态的分佣方案可以启用', en: 'Only a draft commission profile can be activated' },
  invite_code_not_found: { status: 404, 'zh-CN': '邀请码不存在', en: 'The invite code does not exist' },
  member_not_found: { status: 404, 'zh-CN': '分销会员不存在', en: 'The distribution member does not exist' },
});
export type DistributionErrorCode = keyof typeof distributionErrors;
