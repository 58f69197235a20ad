import { defineErrors } from '@linkmall/kernel';

export const payoutErrors = defineErrors({
  payout_identity_required: { status: 409, 'zh-CN': '提现前请先完成实名认证', en: 'Verify your real name and ID number before withdrawing' },
  payout_identity_already_verified: { status: 409, 'zh-CN': '已完成实名认证，不能重复认证', en: 'Your identity is already verified' },
  payout_identity_invalid: { status: 422, 'zh-CN': '身份证号码不正确', en: 'The ID number is not valid' },
  payout_identity_in_use: { status: 409, 'zh-CN': '该身份证已被其他账号认证', en: 'This ID number is verified on another account' },
  withdrawal_below_minimum: { status: 422, 'zh-CN': '提现金额低于最低提现额', en: 'The amount is below the minimum withdrawal' },
  withdrawal_daily_cap_exceeded: { status: 422, 'zh-CN': '超出每日提现上限', en: 'This exceeds your daily withdrawal limit' },
  withdrawal_insufficient_balance: { status: 409, 'zh-CN': '可提现余额不足（含手续费）', en: 'Your available balance does not cover the amount and fee' },
  withdrawal_bank_account_required: { status: 422, 'zh-CN': '银行卡提现需要填写银行账户', en: 'A bank withdrawal needs a bank account' },
  withdrawal_wechat_unavailable: { status: 409, 'zh-CN': '暂不支持提现到微信零钱，请选择银行卡', en: 'Withdrawal to WeChat is not available; choose a bank account' },
  withdrawal_not_found: { status: 404, 'zh-CN': '提现申请不存在', en: 'The withdrawal does not exist' },
  withdrawal_state_conflict: { status: 409, 'zh-CN': '提现申请当前状态不允许此操作', en: 'The withdrawal is not in a state that allows this' },
  withdrawal_same_approver: { status: 409, 'zh-CN': '复核须由另一位财务人员完成', en: 'The second approval must come from a different finance user' },
  withdrawal_second_approval_required: { status: 409, 'zh-CN': '大额提现需复核后才能打款', en: 'This withdrawal needs a second approval before payment' },
  payout_provider_unavailable: { status: 503, 'zh-CN': '代付渠道暂不可用，请稍后重试', en: 'The payout channel is unavailable; try again later' },
  payout_bank_batch_empty: { status: 409, 'zh-CN': '没有待导出的银行卡提现', en: 'There are no approved bank withdrawals to export' },
  payout_bank_batch_not_found: { status: 404, 'zh-CN': '打款批次不存在', en: 'The payment batch does not exist' },
  payout_bank_batch_already_paid: { status: 409, 'zh-CN': '该批次已标记为已打款', en: 'This batch is already marked paid' },
  payout_anomaly_not_found: { status: 404, 'zh-CN': '异常记录不存在', en: 'The anomaly does not exist' },
  payout_anomaly_already_resolved: { status: 409, 'zh-CN': '该异常已处理', en: 'This anomaly has already been handled' },
  payout_month_invalid: { status: 422, 'zh-CN': '月份格式应为 YYYY-MM', en: 'The month must be YYYY-MM' },
});
export type PayoutErrorCode = keyof typeof payoutErrors;
