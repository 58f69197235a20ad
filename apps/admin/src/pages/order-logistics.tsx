import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbortError } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Parcel, TrackingStatus } from '../promotion-types';

const STATUS_COLORS: Record<TrackingStatus, string> = {
  shipped: 'blue',
  picked_up: 'blue',
  in_transit: 'blue',
  out_for_delivery: 'cyan',
  delivered: 'green',
  exception: 'red',
  returning: 'orange',
  returned: 'gray',
};

/**
 * The parcel of a shipped sub-order: carrier, tracking number and checkpoints newest first, as the
 * carrier (or, offline, our own records) reports them. A sub-order not shipped yet says so.
 */
export function OrderLogistics({ subOrderId }: { subOrderId: string }) {
  const { t, locale } = useI18n();
  const [parcel, setParcel] = useState<Parcel | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((count) => count + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Parcel>(`/admin/sub-orders/${encodeURIComponent(subOrderId)}/logistics`, { silent: true, signal: controller.signal })
      .then((result) => {
        setParcel(result);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setParcel(null);
        setProblem(error instanceof ApiError ? error : new ApiError(0, 'error', String(error)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [subOrderId, locale, reloads]);

  const header = (
    <Flex justify="space-between" align="center" style={{ marginTop: 24, marginBottom: 12 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('logistics.title')}
      </Typography.Title>
      <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={loading}>
        {t('common.refresh')}
      </Button>
    </Flex>
  );

  if (loading && !parcel && !problem) {
    return (
      <div data-testid="order-logistics">
        {header}
        <Spin />
      </div>
    );
  }
  if (problem) {
    const notShipped = problem.status === 404;
    return (
      <div data-testid="order-logistics">
        {header}
        {notShipped ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.notShipped')} /> : <Alert type="error" showIcon title={problem.message} />}
      </div>
    );
  }
  if (!parcel) return null;
  return (
    <div data-testid="order-logistics">
      {header}
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[parcel.status]} data-testid="logistics-status">
          {t(`logistics.status.${parcel.status}`)}
        </Tag>
        <Typography.Text>{parcel.carrierName ?? t('common.none')}</Typography.Text>
        {parcel.trackingNumber ? (
          <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {parcel.trackingNumber}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {parcel.source === 'kuaidi100' ? t('logistics.source.kuaidi100') : t('logistics.source.offline')}
          {parcel.refreshedAt ? ` · ${t('logistics.refreshedAt', { at: formatDateTime(parcel.refreshedAt, false) })}` : ''}
        </Typography.Text>
      </Flex>
      {parcel.lastError ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('logistics.lastError', { error: parcel.lastError })} /> : null}
      {parcel.checkpoints.length ? (
        <Timeline
          data-testid="logistics-timeline"
          items={parcel.checkpoints.map((checkpoint, index) => ({
            color: index === 0 ? STATUS_COLORS[checkpoint.status] : 'gray',
            content: (
              <div data-testid="logistics-checkpoint">
                <Typography.Text strong={index === 0}>{checkpoint.description}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(checkpoint.time)}
                  {checkpoint.location ? ` · ${checkpoint.location}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.noCheckpoints')} />
      )}
    </div>
  );
}
