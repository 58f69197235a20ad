import { defineErrors } from '@linkmall/kernel';

export const radarErrors = defineErrors({
  radar_card_not_found: { status: 404, 'zh-CN': '名片不存在', en: 'The card does not exist' },
  radar_visitor_not_found: { status: 404, 'zh-CN': '访客不存在', en: 'The visitor does not exist' },
  radar_notification_not_found: { status: 404, 'zh-CN': '通知不存在', en: 'The notification does not exist' },
  radar_stream_ticket_invalid: { status: 401, 'zh-CN': '实时推送凭证无效或已过期，请重新获取', en: 'The live stream ticket is invalid or expired; request a new one' },
  radar_period_invalid: { status: 422, 'zh-CN': '统计区间不正确（最长 366 天）', en: 'The period is invalid (at most 366 days)' },
});
export type RadarErrorCode = keyof typeof radarErrors;
