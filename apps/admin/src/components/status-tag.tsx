import { Tag } from 'antd';
import { isMessageKey, useI18n } from '../i18n';

const COLORS: Record<string, string> = {
  active: 'green',
  open: 'green',
  published: 'green',
  on_sale: 'green',
  disabled: 'red',
  suspended: 'orange',
  closed: 'default',
  draft: 'default',
  off_sale: 'default',
  unlisted: 'default',
  archived: 'default',
  pending: 'gold',
  pending_review: 'gold',
  approved: 'blue',
  rejected: 'red',
  // Orders
  created: 'default',
  paid: 'gold',
  shipped: 'blue',
  received: 'cyan',
  completed: 'green',
  cancelled: 'default',
  refunding: 'orange',
  refunded: 'purple',
};

/** A coloured, localized status; unknown statuses show their raw value rather than nothing. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status.${status}`;
  return <Tag data-status={status} color={COLORS[status] ?? 'default'}>{isMessageKey(key) ? t(key) : status}</Tag>;
}
