import { Tag } from 'antd';
import { useI18n } from '../i18n';
import type { SuggestionStatus } from './types';

const COLORS: Record<SuggestionStatus, string> = { order_now: 'red', order_at_review: 'orange', sufficient: 'green' };

/** 立即下单 / 下个周期下单 / 库存充足, coloured by urgency. */
export function StatusTag({ status }: { status: SuggestionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid={`status-${status}`}>
      {t(`replenishment.status.${status}`)}
    </Tag>
  );
}

/** Basis points as a percentage: 9500 → "95%", 9750 → "97.5%". */
export const percentOf = (bps: number) => `${bps % 100 === 0 ? bps / 100 : (bps / 100).toFixed(1)}%`;
