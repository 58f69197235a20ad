import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { AFTER_SALES_STATUSES } from '../types';
import type { AfterSalesCase, AfterSalesKind, AfterSalesStatus, Fen } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { AfterSalesRejectModal } from './after-sales-reject-modal';

type StatusFilter = AfterSalesStatus | 'all';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

const STATUS_COLORS: Record<AfterSalesStatus, string> = { requested: 'gold', refunded: 'purple', rejected: 'red' };

export function AfterSalesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('requested');
  const [rejecting, setRejecting] = useState<AfterSalesCase | null>(null);
  const [approvingId, setApprovingId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const list = usePagedList<AfterSalesCase>('/admin/after-sales', { status: status === 'all' ? undefined : status });
  const canHandle = can('after_sales.handle');
  // Only pending cases can be decided, so the decided tabs drop the actions column and fit without scrolling.
  const showActions = canHandle && (status === 'requested' || status === 'all');

  const approve = async (afterSales: AfterSalesCase) => {
    setApprovingId(afterSales.id);
    setError(null);
    try {
      const approved = await api.post<AfterSalesCase>(
        `/admin/after-sales/${encodeURIComponent(afterSales.id)}/approve`,
        undefined,
        { silent: true },
      );
      void message.success(t(approved.refundStatus === 'processing' ? 'afterSales.approvedProcessing' : 'afterSales.approvedSucceeded'));
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause)));
    } finally {
      setApprovingId(null);
      list.reload();
    }
  };

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<AfterSalesCase> = [
    {
      title: t('afterSales.caseId'),
      dataIndex: 'id',
      width: 150,
      render: (id: string) => (
        <Typography.Text copyable={{ text: id }} style={{ ...mono, wordBreak: 'break-all' }} data-testid="after-sales-id">
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('afterSales.orderId'),
      dataIndex: 'orderId',
      width: 190,
      render: (orderId: string, afterSales) => (
        <div style={{ lineHeight: 1.5 }}>
          <Typography.Text copyable={{ text: orderId }} style={mono} data-testid="after-sales-order-id">
            {orderId}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={mono} data-testid="after-sales-sub-order-id">
            {afterSales.subOrderId}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('afterSales.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: AfterSalesKind) => (
        <Tag data-kind={kind} color={kind === 'return_and_refund' ? 'blue' : 'default'}>
          {t(`afterSales.kind.${kind}`)}
        </Tag>
      ),
    },
    {
      title: t('afterSales.reason'),
      dataIndex: 'reason',
      width: 160,
      render: (reason: string, afterSales) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: reason }} style={{ marginBottom: 0 }} data-testid="after-sales-reason">
            {reason}
          </Typography.Paragraph>
          {afterSales.photoUrls?.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {afterSales.photoUrls.map((url, index) => (
                <a key={url} href={url} target="_blank" rel="noreferrer" style={{ marginInlineEnd: 6 }}>
                  {index === 0 ? t('afterSales.photos', { count: afterSales.photoUrls.length }) : `#${index + 1}`}
                </a>
              ))}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('afterSales.refundAmount'),
      dataIndex: 'refundFen',
      width: 95,
      align: 'right',
      render: (value: Fen) => <span data-testid="after-sales-refund">{formatFen(value)}</span>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (value: AfterSalesStatus) => (
        <Tag data-status={value} color={STATUS_COLORS[value] ?? 'default'} data-testid="after-sales-status">
          {AFTER_SALES_STATUSES.includes(value) ? t(`afterSales.status.${value}`) : value}
        </Tag>
      ),
    },
    { title: t('afterSales.createdAt'), dataIndex: 'createdAt', width: 135, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('afterSales.decisionNote'),
      dataIndex: 'decisionNote',
      width: 170,
      render: (note: string | null, afterSales) =>
        note || afterSales.decidedAt ? (
          <div style={{ lineHeight: 1.4 }}>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: note }} style={{ marginBottom: 0 }} data-testid="after-sales-note">
              {note || t('common.none')}
            </Typography.Paragraph>
            {afterSales.decidedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(afterSales.decidedAt, false)}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          none
        ),
    },
  ];
  if (showActions) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, afterSales) =>
        afterSales.status === 'requested' ? (
          <Space size={8}>
            <Popconfirm
              title={t('afterSales.approve')}
              description={<div style={{ maxWidth: 260 }}>{t('afterSales.approveConfirm', { amount: formatFen(afterSales.refundFen) })}</div>}
              okText={t('afterSales.approveOk')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'after-sales-approve-confirm' }}
              onConfirm={() => approve(afterSales)}
            >
              <Button
                type="primary"
                size="small"
                icon={<CheckOutlined />}
                loading={approvingId === afterSales.id}
                disabled={approvingId !== null && approvingId !== afterSales.id}
                data-testid="after-sales-approve"
              >
                {t('afterSales.approve')}
              </Button>
            </Popconfirm>
            <Button
              danger
              size="small"
              icon={<CloseOutlined />}
              disabled={approvingId === afterSales.id}
              onClick={() => setRejecting(afterSales)}
              data-testid="after-sales-reject"
            >
              {t('afterSales.reject')}
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader title={t('afterSales.title')} />
      <Card>
        <ApiErrorAlert error={error} testId="after-sales-error" />
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Tabs
            activeKey={status}
            onChange={(key) => {
              setError(null);
              setStatus(key as StatusFilter);
            }}
            data-testid="after-sales-status-filter"
            style={{ flex: 1, minWidth: 0 }}
            items={[
              ...AFTER_SALES_STATUSES.map((value) => ({
                key: value,
                label: <span data-testid={`after-sales-status-${value}`}>{t(`afterSales.status.${value}`)}</span>,
              })),
              { key: 'all', label: <span data-testid="after-sales-status-all">{t('afterSales.statusAll')}</span> },
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="after-sales-reload">
            {t('common.refresh')}
          </Button>
        </Flex>
        <Table<AfterSalesCase>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: showActions ? 1240 : 1060 }}
          data-testid="after-sales-table"
          pagination={tablePagination(list, t)}
          onRow={(afterSales) =>
            ({ 'data-after-sales-id': afterSales.id, 'data-status': afterSales.status }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      {rejecting ? (
        <AfterSalesRejectModal
          afterSales={rejecting}
          onClose={() => setRejecting(null)}
          onStale={list.reload}
          onRejected={() => {
            setRejecting(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
