import { Descriptions, Drawer, Space, Steps, Typography } from 'antd';
import { useAuth } from '../auth';
import { PriorityShippingTag } from '../components/priority-shipping-tag';
import { StatusTag } from '../components/status-tag';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import type { SubOrder } from '../types';
import { useOrganizations } from '../use-reference-data';
import { OrderLogistics } from './order-logistics';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

/** One sub-order: amounts, logistics and where it stands in created → paid → shipped → received → completed. */
export function OrderDetailDrawer({ subOrder, onClose }: { subOrder: SubOrder; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  // Names of the supplier and merchant come from the organization list, which only platform staff may read.
  const organizations = useOrganizations(can('organization.read'));
  const nameOf = (id: string | null) => (id ? organizations.find((organization) => organization.id === id)?.name : undefined);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const milestones: Array<{ title: string; at: string | null }> = [
    { title: t('orders.createdAt'), at: subOrder.createdAt },
    { title: t('orders.shippedAt'), at: subOrder.shippedAt },
    { title: t('orders.receivedAt'), at: subOrder.receivedAt },
    { title: t('orders.completedAt'), at: subOrder.completedAt },
  ];
  const reached = milestones.filter((milestone) => milestone.at).length;
  const closedEarly = ['cancelled', 'closed', 'refunding', 'refunded'].includes(subOrder.status);

  return (
    <Drawer open width={620} title={t('orders.detailTitle')} onClose={onClose} destroyOnHidden data-testid="order-detail">
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 24 }}>
        <Descriptions.Item label={t('orders.subOrderId')}>
          <Typography.Text copyable style={mono}>
            {subOrder.id}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.orderId')}>
          <Typography.Text copyable style={mono}>
            {subOrder.orderId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <Space size={4} wrap>
            <StatusTag status={subOrder.status} />
            <PriorityShippingTag order={subOrder} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.amount')}>
          <Typography.Text strong>{formatFen(subOrder.payableFen)}</Typography.Text>
        </Descriptions.Item>
        {nameOf(subOrder.supplierId) ? <Descriptions.Item label={t('orders.supplier')}>{nameOf(subOrder.supplierId)}</Descriptions.Item> : null}
        {can('organization.read') ? (
          <Descriptions.Item label={t('orders.merchant')}>{subOrder.merchantId ? (nameOf(subOrder.merchantId) ?? none) : t('orders.noMerchant')}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('orders.carrier')}>{subOrder.carrier ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('orders.trackingNumber')}>
          {subOrder.trackingNumber ? (
            <Typography.Text copyable style={mono}>
              {subOrder.trackingNumber}
            </Typography.Text>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.afterSalesUntil')}>{subOrder.afterSalesUntil ? formatDateTime(subOrder.afterSalesUntil, false) : none}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('orders.progress')}</Typography.Title>
      <Steps
        direction="vertical"
        size="small"
        current={Math.max(reached - 1, 0)}
        status={closedEarly ? 'error' : reached === milestones.length ? 'finish' : 'process'}
        items={milestones.map((milestone) => ({
          title: milestone.title,
          description: milestone.at ? formatDateTime(milestone.at) : t('orders.pending'),
        }))}
      />
      {subOrder.shippedAt || subOrder.trackingNumber ? <OrderLogistics subOrderId={subOrder.id} /> : null}
    </Drawer>
  );
}
