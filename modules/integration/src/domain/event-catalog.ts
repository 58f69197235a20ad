import type { Localized } from '@linkmall/kernel';

export type WebhookEventGroup = 'order' | 'payment' | 'member' | 'reward' | 'lead' | 'integration';

interface CatalogEntry extends Localized {
  readonly group: WebhookEventGroup;
}

/**
 * The outbox events an endpoint may subscribe to, with what they mean. The payload is the event's
 * own (ids and integer fen, never personal data); see docs/integrations.md for each shape.
 */
export const WEBHOOK_EVENTS = {
  'order.created': { group: 'order', 'zh-CN': '订单已创建', en: 'Order placed' },
  'order.shipped': { group: 'order', 'zh-CN': '子订单已发货', en: 'Sub-order shipped' },
  'order.received': { group: 'order', 'zh-CN': '子订单已签收', en: 'Sub-order received' },
  'order.completed': { group: 'order', 'zh-CN': '子订单已完成（售后期结束）', en: 'Sub-order completed (after-sales window closed)' },
  'order.refunded': { group: 'order', 'zh-CN': '售后退款已完成', en: 'After-sales refund made' },
  'after_sales.opened': { group: 'order', 'zh-CN': '售后申请已提交', en: 'After-sales case opened' },
  'order.paid': { group: 'payment', 'zh-CN': '订单已支付', en: 'Order paid' },
  'payment.refund_required': { group: 'payment', 'zh-CN': '超时到账的支付需退回', en: 'A late payment must be refunded' },
  'refund.failed': { group: 'payment', 'zh-CN': '退款失败', en: 'Refund failed' },
  'user.registered': { group: 'member', 'zh-CN': '新用户注册', en: 'User registered' },
  'distribution.member_registered': { group: 'member', 'zh-CN': '新分销会员', en: 'Distribution member joined' },
  'distribution.referrer_bound': { group: 'member', 'zh-CN': '会员绑定推荐人', en: 'Member bound to a referrer' },
  'distribution.package_activated': { group: 'member', 'zh-CN': '礼包激活（成为代理/老板）', en: 'Package activated (agent or boss)' },
  'distribution.boss_upgraded': { group: 'member', 'zh-CN': '代理升级为老板', en: 'Agent upgraded to boss' },
  'distribution.rewards_changed': { group: 'reward', 'zh-CN': '奖励明细新增或变更', en: 'Reward lines added or changed' },
  'distribution.reward_capped': { group: 'reward', 'zh-CN': '奖励触达合规上限', en: 'Reward held back by a compliance cap' },
  'withdrawal.paid': { group: 'reward', 'zh-CN': '提现已到账', en: 'Withdrawal paid out' },
  'lead.created': { group: 'lead', 'zh-CN': '新线索', en: 'Lead created' },
  'lead.stage_changed': { group: 'lead', 'zh-CN': '线索阶段变更', en: 'Lead stage changed' },
  'lead.reassigned': { group: 'lead', 'zh-CN': '线索转交', en: 'Lead reassigned' },
  'lead.merged': { group: 'lead', 'zh-CN': '线索合并', en: 'Leads merged' },
  'integration.export_ready': { group: 'integration', 'zh-CN': '定时导出文件已生成', en: 'Scheduled export ready' },
} as const satisfies Record<string, CatalogEntry>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];

/** The outbox events the webhook subscriber listens to (the export notice is enqueued by the export job itself). */
export const OUTBOX_WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'integration.export_ready');

/** What a "send test event" delivers: not subscribable, always allowed. */
export const TEST_EVENT_TYPE = 'integration.test';
export const EXPORT_READY_EVENT_TYPE = 'integration.export_ready';
