import { defineErrors } from '@linkmall/kernel';

/**
 * Expected failures of the ledger. Most are TigerBeetle's result names, so anyone who knows its
 * semantics reads them the same way. `details` carry `transferId` (and `index` within the batch).
 */
export const ledgerErrors = defineErrors({
  batch_empty: { status: 422, 'zh-CN': '没有要记账的转账', en: 'There are no transfers to apply' },
  batch_too_large: { status: 422, 'zh-CN': '一次记账的转账过多', en: 'Too many transfers in one batch' },
  transfer_id_repeated_in_batch: { status: 422, 'zh-CN': '同一批次中转账编号重复', en: 'A transfer id appears twice in one batch' },
  transfer_id_invalid: { status: 422, 'zh-CN': '转账编号格式不正确', en: 'The transfer id is malformed' },
  transfer_kind_invalid: { status: 422, 'zh-CN': '转账种类不正确', en: 'The transfer kind is not one the ledger knows' },
  transfer_code_invalid: { status: 422, 'zh-CN': '转账类型代码格式不正确', en: 'The transfer code is malformed' },
  cause_invalid: { status: 422, 'zh-CN': '转账来源（类型与编号）不正确', en: 'The transfer cause (type and id) is invalid' },
  memo_invalid: { status: 422, 'zh-CN': '转账附言不正确', en: 'The transfer memo is invalid' },
  account_id_invalid: { status: 422, 'zh-CN': '账户编号不属于账户表', en: 'The account id is not in the chart of accounts' },
  accounts_must_be_different: { status: 422, 'zh-CN': '借方与贷方账户不能相同', en: 'The debit and credit accounts must differ' },
  amount_must_be_positive: { status: 422, 'zh-CN': '金额必须大于零', en: 'The amount must be greater than zero' },
  exists_with_different_fields: {
    status: 409,
    'zh-CN': '该转账编号已用于一笔内容不同的转账',
    en: 'A transfer with this id already exists with different fields',
  },
  pending_transfer_not_found: { status: 404, 'zh-CN': '待结算的转账不存在', en: 'The pending transfer does not exist' },
  pending_transfer_not_pending: { status: 422, 'zh-CN': '所指转账不是待结算转账', en: 'The referenced transfer is not a pending transfer' },
  pending_transfer_already_posted: { status: 409, 'zh-CN': '该待结算转账已结算', en: 'The pending transfer was already posted' },
  pending_transfer_already_voided: { status: 409, 'zh-CN': '该待结算转账已作废', en: 'The pending transfer was already voided' },
  exceeds_pending_transfer_amount: { status: 422, 'zh-CN': '结算金额超过待结算金额', en: 'The amount exceeds the pending amount' },
  reversed_transfer_not_found: { status: 404, 'zh-CN': '被冲正的原转账不存在', en: 'The transfer being corrected does not exist' },
  exceeds_credits: { status: 409, 'zh-CN': '账户余额不足', en: 'The account balance is insufficient' },
  exceeds_debits: { status: 409, 'zh-CN': '超过账户可冲减的金额', en: 'The amount exceeds what the account can take back' },
  proof_range_too_large: {
    status: 422,
    'zh-CN': '证明范围过大，请从上次已验证的位置开始获取',
    en: 'The proof range is too large; ask from a position you verified before',
  },
  member_id_invalid: { status: 422, 'zh-CN': '会员编号不正确', en: 'The member id is invalid' },
});
export type LedgerErrorCode = keyof typeof ledgerErrors;
