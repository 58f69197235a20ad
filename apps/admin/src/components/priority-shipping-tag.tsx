import { RocketOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n';
import type { SubOrder } from '../types';

/** 优先发货: the buyer's level granted it at payment; the tooltip says which level and standing earned it. */
export function PriorityShippingTag({ order }: { order: Pick<SubOrder, 'priorityShipping' | 'priorityShippingReason'> }) {
  const { t, locale } = useI18n();
  if (!order.priorityShipping) return null;
  const reason = order.priorityShippingReason;
  return (
    <Tooltip
      title={
        reason
          ? t('growth.priority.reason', { level: locale === 'en' ? reason.levelNameEn : reason.levelNameZh, points: reason.points, invites: reason.qualifiedInvites })
          : null
      }
    >
      <Tag color="volcano" icon={<RocketOutlined />} data-testid="order-priority-tag" style={{ marginInlineEnd: 0 }}>
        {t('growth.priority.tag')}
      </Tag>
    </Tooltip>
  );
}
