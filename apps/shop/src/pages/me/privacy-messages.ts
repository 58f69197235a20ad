/** Texts of the personal-data rights on the 我的 page (PIPL); merged into the app dictionary in messages.ts. */
export const privacyZhCN = {
  'privacy.title': '个人信息',
  'privacy.export': '导出我的数据',
  'privacy.exported': '已下载个人数据',
  'privacy.exportWeappOnly': '请在 H5 商城中导出个人数据（小程序无法保存 JSON 文件）',
  'privacy.delete': '注销账号',
  'privacy.deleteConfirm': '注销后，您的姓名、手机号、收货地址和微信绑定将被匿名化且无法恢复；订单金额和佣金账目按法律要求保留。申请后有 {days} 天冷静期，期间可撤销。确定申请注销吗？',
  'privacy.requested': '已提交注销申请',
  'privacy.pending': '注销申请处理中，将于 {due} 后执行',
  'privacy.cancel': '撤销注销申请',
  'privacy.cancelled': '已撤销注销申请',
  'privacy.blocked': '暂时无法注销',
} as const

export const privacyEn: Record<keyof typeof privacyZhCN, string> = {
  'privacy.title': 'Personal data',
  'privacy.export': 'Export my data',
  'privacy.exported': 'Personal data downloaded',
  'privacy.exportWeappOnly': 'Export your personal data from the h5 shop (the mini-program cannot save JSON files)',
  'privacy.delete': 'Delete my account',
  'privacy.deleteConfirm': 'Your name, phone, addresses and WeChat link will be anonymised for good; order amounts and commission records are kept as the law requires. You have {days} days to cancel. Ask to delete your account?',
  'privacy.requested': 'Deletion requested',
  'privacy.pending': 'Deletion pending; it will be carried out after {due}',
  'privacy.cancel': 'Cancel the deletion request',
  'privacy.cancelled': 'Deletion request cancelled',
  'privacy.blocked': 'The account cannot be deleted yet',
}
