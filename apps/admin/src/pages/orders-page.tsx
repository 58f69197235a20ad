import { EyeOutlined, FileExcelOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { PriorityShippingTag } from '../components/priority-shipping-tag';
import { StatusTag } from '../components/status-tag';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { SUB_ORDER_STATUSES } from '../types';
import type { Fen, SubOrder, SubOrderStatus } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { OrderDetailDrawer } from './order-detail-drawer';
import { ShipModal } from './ship-modal';
import { ShippingImportModal } from './shipping-import-modal';

type StatusFilter = SubOrderStatus | 'all';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

export function OrdersPage() {
  const { t } = useI18n();
  const { can, user } = useAuth();
  // Suppliers come here to ship, so they start on the paid sub-orders; everyone else sees all.
  const [status, setStatus] = useState<StatusFilter>(() => (user?.organization?.kind === 'supplier' ? 'paid' : 'all'));
  const [shipping, setShipping] = useState<SubOrder | null>(null);
  const [viewing, setViewing] = useState<SubOrder | null>(null);
  const [importing, setImporting] = useState(false);
  // 优先发货 orders (the buyer's level granted it at payment) list first among those awaiting shipment.
  const [priorityOnly, setPriorityOnly] = useState(false);
  const list = usePagedList<SubOrder>('/admin/orders', { status: status === 'all' ? undefined : status, priority: priorityOnly ? 'true' : undefined });
  const canFulfil = can('order.fulfil');

  const columns: TableColumnsType<SubOrder> = [
    {
      title: `${t('orders.subOrderId')} / ${t('orders.orderId')}`,
      dataIndex: 'id',
      width: 260,
      render: (id: string, order) => (
        <div style={{ lineHeight: 1.5 }}>
          <Typography.Text copyable={{ text: id }} style={mono} data-testid="order-sub-id">
            {id}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={mono} data-testid="order-order-id">
            {order.orderId}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 120,
      render: (value: string, order) => (
        <Space size={4} wrap>
          <StatusTag status={value} />
          <PriorityShippingTag order={order} />
        </Space>
      ),
    },
    {
      title: t('orders.amount'),
      dataIndex: 'payableFen',
      width: 100,
      align: 'right',
      render: (value: Fen) => <span data-testid="order-amount">{formatFen(value)}</span>,
    },
    {
      title: t('orders.logistics'),
      key: 'logistics',
      width: 180,
      render: (_, order) =>
        order.carrier || order.trackingNumber ? (
          <div style={{ lineHeight: 1.4 }}>
            <div>{order.carrier ?? t('common.none')}</div>
            <Typography.Text type="secondary" style={mono} copyable={order.trackingNumber ? { text: order.trackingNumber } : false}>
              {order.trackingNumber ?? t('common.none')}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    { title: t('orders.createdAt'), dataIndex: 'createdAt', width: 135, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('orders.shippedAt'),
      dataIndex: 'shippedAt',
      width: 135,
      render: (value: string | null) => (value ? formatDateTime(value, false) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
  ];
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    width: canFulfil ? 170 : 90,
    fixed: 'right',
    render: (_, order) => (
      <Space size={4}>
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setViewing(order)} data-testid="order-view">
          {t('orders.detail')}
        </Button>
        {canFulfil && order.status === 'paid' ? (
          <Button type="primary" size="small" icon={<SendOutlined />} onClick={() => setShipping(order)} data-testid="order-ship">
            {t('orders.ship')}
          </Button>
        ) : null}
      </Space>
    ),
  });

  return (
    <>
      <PageHeader title={t('orders.title')} />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Tabs
            activeKey={status}
            onChange={(key) => setStatus(key as StatusFilter)}
            data-testid="orders-status-filter"
            style={{ flex: 1, minWidth: 0 }}
            items={[
              { key: 'all', label: <span data-testid="orders-status-all">{t('orders.statusAll')}</span> },
              ...SUB_ORDER_STATUSES.map((value) => ({
                key: value,
                label: <span data-testid={`orders-status-${value}`}>{t(`status.${value}`)}</span>,
              })),
            ]}
          />
          <Space>
            <Checkbox checked={priorityOnly} onChange={(event) => setPriorityOnly(event.target.checked)} data-testid="orders-priority-only">
              {t('growth.priority.only')}
            </Checkbox>
            {canFulfil ? (
              <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} data-testid="orders-import-shipments">
                {t('shippingImport.open')}
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="orders-reload">
              {t('common.refresh')}
            </Button>
          </Space>
        </Flex>
        <Table<SubOrder>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: canFulfil ? 1080 : 1000 }}
          data-testid="orders-table"
          pagination={tablePagination(list, t)}
          onRow={(order) => ({ 'data-sub-order-id': order.id, 'data-status': order.status, 'data-priority': String(order.priorityShipping) }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      {viewing ? <OrderDetailDrawer subOrder={viewing} onClose={() => setViewing(null)} /> : null}
      {importing ? <ShippingImportModal onClose={() => setImporting(false)} onShipped={list.reload} /> : null}
      {shipping ? (
        <ShipModal
          subOrder={shipping}
          onClose={() => setShipping(null)}
          onStale={list.reload}
          onShipped={() => {
            setShipping(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
