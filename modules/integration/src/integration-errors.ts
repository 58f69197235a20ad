import { defineErrors } from '@linkmall/kernel';

export const integrationErrors = defineErrors({
  integration_scope_forbidden: { status: 403, 'zh-CN': '集成配置仅限平台管理员', en: 'Integrations are managed by platform staff only' },
  webhook_not_found: { status: 404, 'zh-CN': 'Webhook 地址不存在', en: 'The webhook endpoint does not exist' },
  webhook_delivery_not_found: { status: 404, 'zh-CN': '投递记录不存在', en: 'The delivery does not exist' },
  webhook_url_invalid: { status: 422, 'zh-CN': 'Webhook 地址须为 http(s) 网址，且不含用户名或密码', en: 'The webhook URL must be an http(s) URL without a user name or password' },
  webhook_url_private: { status: 422, 'zh-CN': '不允许向内网、本机或保留地址发送 Webhook', en: 'Webhooks may not target private, loopback or reserved addresses' },
  webhook_event_unknown: { status: 422, 'zh-CN': '包含不支持订阅的事件类型：{types}', en: 'Unknown event types: {types}' },
  webhook_endpoint_disabled: { status: 409, 'zh-CN': '该 Webhook 已停用，请先启用', en: 'The webhook endpoint is disabled; enable it first' },
  api_key_not_found: { status: 404, 'zh-CN': 'API 密钥不存在', en: 'The API key does not exist' },
  api_key_already_revoked: { status: 409, 'zh-CN': '该 API 密钥已吊销', en: 'The API key is already revoked' },
  partner_key_revoked: { status: 401, 'zh-CN': '该 API 密钥已被吊销', en: 'This API key has been revoked' },
  partner_scope_missing: { status: 403, 'zh-CN': '该 API 密钥缺少权限范围 {scope}', en: 'This API key lacks the scope {scope}' },
  partner_cursor_invalid: { status: 400, 'zh-CN': '游标 since 无效', en: 'The since cursor is invalid' },
  export_schedule_not_found: { status: 404, 'zh-CN': '定时导出不存在', en: 'The export schedule does not exist' },
  export_run_not_found: { status: 404, 'zh-CN': '导出文件不存在', en: 'The export file does not exist' },
  export_webhook_not_found: { status: 422, 'zh-CN': '通知用的 Webhook 不存在或已删除', en: 'The webhook endpoint to notify does not exist' },
  export_too_large: { status: 422, 'zh-CN': '该周期数据超过 {limit} 行，无法导出', en: 'The period has more than {limit} rows to export' },
});
export type IntegrationErrorCode = keyof typeof integrationErrors;
