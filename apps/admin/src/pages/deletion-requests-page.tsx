import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';

type RequestStatus = 'pending' | 'cancelled' | 'completed';

interface DeletionRequest {
  id: string;
  userId: string;
  userName: string | null;
  phoneMasked: string | null;
  status: RequestStatus;
  requestedAt: string;
  dueAt: string;
  completedAt: string | null;
  lastRefusal: string | null;
}

const STATUS_COLORS: Record<RequestStatus, string> = { pending: 'orange', cancelled: 'default', completed: 'green' };

/** 注销申请: members' PIPL deletion requests; an operator executes due ones (the hourly job does too). */
export function DeletionRequestsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RequestStatus | undefined>('pending');
  const [failure, setFailure] = useState<string | null>(null);
  const list = usePagedList<DeletionRequest>('/admin/personal-data/deletion-requests', { status });

  async function process(request: DeletionRequest) {
    setFailure(null);
    try {
      await api.post(`/admin/personal-data/deletion-requests/${encodeURIComponent(request.id)}/process`);
      void message.success(t('privacy.processed'));
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    }
    list.reload();
  }

  const refusals = (value: string | null) =>
    value ? value.split(',').map((code) => <Tag key={code} color="red">{t(`privacy.refusal.${code}` as MessageKey)}</Tag>) : t('common.none');

  const columns: TableColumnsType<DeletionRequest> = [
    {
      title: t('privacy.member'),
      key: 'member',
      width: 220,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <span>{row.userName ?? row.userId}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.phoneMasked ?? row.userId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('privacy.status'), dataIndex: 'status', width: 110, render: (value: RequestStatus) => <Tag color={STATUS_COLORS[value]}>{t(`privacy.status.${value}`)}</Tag> },
    { title: t('privacy.requestedAt'), dataIndex: 'requestedAt', width: 170, render: (value: string) => formatDateTime(value) },
    { title: t('privacy.dueAt'), dataIndex: 'dueAt', width: 170, render: (value: string) => formatDateTime(value) },
    { title: t('privacy.completedAt'), dataIndex: 'completedAt', width: 170, render: (value: string | null) => (value ? formatDateTime(value) : t('common.none')) },
    { title: t('privacy.lastRefusal'), dataIndex: 'lastRefusal', render: refusals },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, row) =>
        row.status === 'pending' && new Date(row.dueAt).getTime() <= Date.now() ? (
          <Popconfirm title={t('privacy.processConfirm')} onConfirm={() => void process(row)}>
            <Button danger size="small" data-testid={`privacy-process-${row.id}`}>
              {t('privacy.process')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('privacy.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('privacy.intro')}</Typography.Paragraph>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} closable onClose={() => setFailure(null)} />}
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<RequestStatus>
            allowClear
            placeholder={t('privacy.filterStatus')}
            value={status}
            onChange={(value) => setStatus(value)}
            style={{ width: 160 }}
            options={(['pending', 'completed', 'cancelled'] as const).map((value) => ({ value, label: t(`privacy.status.${value}`) }))}
            data-testid="privacy-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<DeletionRequest> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} scroll={{ x: 1000 }} data-testid="privacy-table" pagination={tablePagination(list, t)} />
      </Card>
    </>
  );
}
