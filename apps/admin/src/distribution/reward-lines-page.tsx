import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { downloadFile, type QueryValue } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime, formatFen } from '../format';
import { isMessageKey, useI18n } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { isUserId, MemberName, shortId } from './member-name';
import { LINE_STATUSES, REWARD_KINDS, type LineStatus, type RewardLine } from './types';

const STATUS_COLORS: Record<LineStatus, string> = { PENDING: 'gold', SETTLED: 'green', REVERSED: 'default' };

interface FilterValues {
  memberId?: string;
  orderId?: string;
  kind?: string;
  status?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** 佣金明细: every reward line the engine wrote, filtered, with the same filters exported as CSV. */
export function RewardLinesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Record<string, QueryValue>>(() => ({ memberId: params.get('memberId') ?? undefined }));
  const [exporting, setExporting] = useState(false);
  const list = usePagedList<RewardLine>('/admin/distribution/reward-lines', filters);

  const apply = (values: FilterValues) => {
    setFilters({
      memberId: values.memberId?.trim() || undefined,
      orderId: values.orderId?.trim() || undefined,
      kind: values.kind,
      status: values.status,
      from: values.dates?.[0]?.format('YYYY-MM-DD'),
      to: values.dates?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const name = await downloadFile('/admin/distribution/reward-lines.csv', filters, 'commission-lines.csv');
      void message.success(t('rewardLines.exported', { name }));
    } catch {
      // Reported by the API client.
    } finally {
      setExporting(false);
    }
  };

  const kindLabel = (kind: string) => {
    const key = `dist.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };

  const columns: TableColumnsType<RewardLine> = [
    { title: t('rewardLines.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    { title: t('rewardLines.payee'), dataIndex: 'payeeId', width: 150, render: (id: string, row) => <MemberName id={id} name={row.payeeName} /> },
    {
      title: t('rewardLines.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (kind: string) => <Tag color={kind.startsWith('CLAWBACK') ? 'red' : 'blue'}>{kindLabel(kind)}</Tag>,
    },
    {
      title: t('rewardLines.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      render: (value: number) => <Typography.Text type={value < 0 ? 'danger' : undefined} strong>{formatFen(value)}</Typography.Text>,
    },
    {
      title: t('rewardLines.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: LineStatus) => <Tag color={STATUS_COLORS[status]}>{t(`dist.lineStatus.${status}`)}</Tag>,
    },
    { title: t('rewardLines.source'), dataIndex: 'sourceUserId', width: 150, render: (id: string, row) => <MemberName id={id} name={row.sourceUserName} /> },
    {
      title: t('rewardLines.orderId'),
      dataIndex: 'orderId',
      width: 170,
      render: (id: string) => (
        <Typography.Text copyable={{ text: id }} title={id}>
          {shortId(id)}
        </Typography.Text>
      ),
    },
    { title: t('rewardLines.profile'), dataIndex: 'profileVersion', width: 150, render: (value: string, row) => `${row.profileId} · ${value}` },
  ];

  return (
    <>
      <PageHeader
        title={t('rewardLines.title')}
        extra={
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="reward-lines-export">
            {t('rewardLines.export')}
          </Button>
        }
      />
      <Card>
        <Form form={form} layout="inline" initialValues={{ memberId: params.get('memberId') ?? undefined }} onFinish={apply} style={{ marginBottom: 16, rowGap: 12 }}>
          <Form.Item name="memberId" rules={[{ validator: (_r, value?: string) => (!value || isUserId(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('dist.memberIdInvalid')))) }]}>
            <Input placeholder={t('dist.memberIdPlaceholder')} allowClear style={{ width: 250 }} data-testid="reward-lines-member" />
          </Form.Item>
          <Form.Item name="orderId">
            <Input placeholder={t('rewardLines.orderIdPlaceholder')} allowClear style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('rewardLines.kind')} style={{ width: 160 }} options={REWARD_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('rewardLines.status')} style={{ width: 120 }} options={LINE_STATUSES.map((status) => ({ value: status, label: t(`dist.lineStatus.${status}`) }))} />
          </Form.Item>
          <Form.Item name="dates">
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="reward-lines-query">
              {t('rewardLines.query')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ memberId: undefined });
                setFilters({});
              }}
            >
              {t('rewardLines.reset')}
            </Button>
          </Space>
        </Form>
        <Table<RewardLine>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={tablePagination(list, t)}
          scroll={{ x: 1100 }}
          data-testid="reward-lines-table"
          locale={{ emptyText: <Empty description={t('rewardLines.empty')} /> }}
        />
      </Card>
    </>
  );
}
