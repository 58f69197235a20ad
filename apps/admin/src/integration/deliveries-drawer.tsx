import { App, Button, Descriptions, Drawer, Flex, Select, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n, type Translate } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import type { DeliveryStatus, WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint } from './types';

const STATUS_COLORS: Record<string, string> = { pending: 'gold', retrying: 'orange', succeeded: 'green', dead: 'red' };

const statusKey = (delivery: WebhookDelivery) => (delivery.retrying ? 'retrying' : delivery.status);

/** "HTTP 200", "HTTP 500" or why there was no answer. */
export function deliveryResult(delivery: Pick<WebhookDelivery, 'lastStatusCode' | 'lastError' | 'status' | 'retrying'>, t: Translate): string {
  if (delivery.lastStatusCode !== null) return `HTTP ${delivery.lastStatusCode}`;
  return delivery.lastError ?? t(`integration.status.${statusKey(delivery as WebhookDelivery)}` as never);
}

function StatusTag({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useI18n();
  const key = statusKey(delivery);
  return <Tag color={STATUS_COLORS[key]} data-testid="delivery-status">{t(`integration.status.${key}` as never)}</Tag>;
}

/** One delivery's body and every attempt, loaded when its row is expanded. */
function DeliveryDetailView({ deliveryId }: { deliveryId: string }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<WebhookDeliveryDetail | null>(null);
  useEffect(() => {
    void api.get<WebhookDeliveryDetail>(`/admin/integrations/webhook-deliveries/${deliveryId}`).then(setDetail);
  }, [deliveryId]);
  if (!detail) return null;
  let pretty = detail.body;
  try {
    pretty = JSON.stringify(JSON.parse(detail.body), null, 2);
  } catch {
    // Shown as stored.
  }
  return (
    <Flex gap={24} wrap data-testid="delivery-detail">
      <div style={{ flex: '1 1 300px', minWidth: 0 }}>
        <Typography.Text strong>{t('integration.deliveries.attemptLog')}</Typography.Text>
        <Timeline
          style={{ marginTop: 12 }}
          items={detail.attemptLog.map((attempt) => ({
            color: attempt.succeeded ? 'green' : 'red',
            children: (
              <>
                <Typography.Text>{t('integration.deliveries.attempt', { attempt: attempt.attempt })} · {formatDateTime(attempt.startedAt)} · {t('integration.deliveries.duration', { ms: attempt.durationMs })}</Typography.Text>
                <br />
                <Typography.Text type={attempt.succeeded ? 'success' : 'danger'}>{attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : attempt.error}</Typography.Text>
                {attempt.responseExcerpt && <Typography.Paragraph type="secondary" code ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{attempt.responseExcerpt}</Typography.Paragraph>}
              </>
            ),
          }))}
        />
      </div>
      <div style={{ flex: '1 1 300px', minWidth: 0 }}>
        <Typography.Text strong>{t('integration.deliveries.body')}</Typography.Text>
        <pre style={{ marginTop: 12, maxHeight: 240, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12 }}>{pretty}</pre>
      </div>
    </Flex>
  );
}

/** An endpoint's delivery log: status filter, attempts and answers per delivery, and redelivery. */
export function DeliveriesDrawer({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={endpoint !== null} onClose={onClose} width={900} title={endpoint ? t('integration.deliveries.title', { name: endpoint.name }) : ''} data-testid="deliveries-drawer" destroyOnHidden>
      {endpoint && <DeliveryLog endpoint={endpoint} />}
    </Drawer>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const list = usePagedList<WebhookDelivery>(`/admin/integrations/webhooks/${endpoint.id}/deliveries`, { status }, 10);

  async function redeliver(delivery: WebhookDelivery) {
    const sent = await api.post<WebhookDeliveryDetail>(`/admin/integrations/webhook-deliveries/${delivery.id}/redeliver`);
    const text = t('integration.deliveries.redelivered', { result: deliveryResult(sent, t) });
    if (sent.status === 'succeeded') message.success(text);
    else message.warning(text);
    list.reload();
  }

  const columns: TableColumnsType<WebhookDelivery> = [
    {
      title: t('integration.deliveries.event'),
      dataIndex: 'eventType',
      render: (type: string, row) => (
        <>
          <Typography.Text code>{type}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              #…{row.id.slice(-8)}
              {row.redeliveryOf && ` · ${t('integration.deliveries.redeliveryOf', { id: `…${row.redeliveryOf.slice(-8)}` })}`}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('integration.deliveries.status'), key: 'status', width: 100, render: (_, row) => <StatusTag delivery={row} /> },
    { title: t('integration.deliveries.attempts'), dataIndex: 'attempts', width: 90 },
    { title: t('integration.deliveries.lastResult'), key: 'result', width: 150, render: (_, row) => (row.attempts === 0 ? '—' : deliveryResult(row, t)) },
    { title: t('integration.deliveries.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, row) => <Button size="small" type="link" onClick={(event) => { event.stopPropagation(); void redeliver(row); }} data-testid="delivery-redeliver">{t('integration.deliveries.redeliver')}</Button>,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('integration.webhooks.url')}><Typography.Text code>{endpoint.url}</Typography.Text></Descriptions.Item>
      </Descriptions>
      <Select<DeliveryStatus | ''>
        value={status}
        onChange={setStatus}
        style={{ width: 160 }}
        options={[{ value: '', label: t('integration.deliveries.allStatuses') }, ...(['pending', 'succeeded', 'dead'] as const).map((value) => ({ value, label: t(`integration.status.${value}`) }))]}
      />
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={tablePagination(list, t)}
        expandable={{ expandedRowRender: (row) => <DeliveryDetailView deliveryId={row.id} />, expandRowByClick: true }}
        data-testid="deliveries-table"
      />
    </Flex>
  );
}
