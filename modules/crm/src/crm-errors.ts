import { defineErrors } from '@linkmall/kernel';

export const crmErrors = defineErrors({
  lead_not_found: { status: 404, 'zh-CN': '线索不存在', en: 'The lead does not exist' },
  lead_stage_invalid: { status: 409, 'zh-CN': '线索当前阶段不能变更为该阶段', en: 'The lead cannot move to that stage from its current one' },
  lead_contact_empty: { status: 422, 'zh-CN': '请至少填写姓名、电话、邮箱或公司之一', en: 'Give at least a name, phone, e-mail or company' },
  lead_owner_invalid: { status: 422, 'zh-CN': '新负责人须是同一组织的成员', en: 'The new owner must belong to the same organisation' },
  lead_merge_invalid: { status: 422, 'zh-CN': '只能合并同一负责人名下的两条不同线索', en: 'Only two different leads of the same owner can be merged' },
  lead_task_not_found: { status: 404, 'zh-CN': '跟进任务不存在', en: 'The follow-up task does not exist' },
  lead_task_already_done: { status: 409, 'zh-CN': '该任务已完成', en: 'The task is already done' },
  lead_vcard_empty: { status: 422, 'zh-CN': '未在文件中找到联系人（vCard）', en: 'No contact (vCard) was found in the text' },
  crm_automation_not_found: { status: 404, 'zh-CN': '自动化规则不存在', en: 'The automation does not exist' },
});
export type CrmErrorCode = keyof typeof crmErrors;
