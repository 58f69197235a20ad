import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { tablePagination, usePagedList } from '../use-paged-list';
import { MemberName } from './member-name';
import { ANOMALY_RULES, type Anomaly, type AnomalyRule, type AnomalyStatus } from './types';

const STATUS_COLORS: Record<AnomalyStatus, string> = { open: 'red', resolved: 'green', dismissed: 'default' };

/** Evidence values as people read them: ids as member names, lists joined, times formatted. */
function EvidenceValue({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    return (
      <Space size={4} wrap>
        {value.map((item, index) => (
          <EvidenceValue key={index} value={item} />
        ))}
      </Space>
    );
  }
  if (typeof value === 'string' && /^usr_[0-9a-z]{26}$/.test(value)) return <MemberName id={value} />;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return <>{formatDateTime(value, false)}</>;
  if (value === null || value === undefined) return <>—</>;
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}

/** 团队健康度: findings of the anomaly rules with the evidence a reviewer needs, and their resolution. */
export function AnomaliesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<AnomalyStatus | undefined>('open');
  const [rule, setRule] = useState<AnomalyRule | undefined>();
  const list = usePagedList<Anomaly>('/admin/payouts/anomalies', { status, rule });
  const [resolving, setResolving] = useState<Anomaly | null>(null);

  const columns: TableColumnsType<Anomaly> = [
    { title: t('anomalies.detectedAt'), dataIndex: 'detectedAt', width: 140, render: (value: string) => formatDateTime(value, false) },
    { title: t('anomalies.rule'), dataIndex: 'rule', width: 150, render: (value: AnomalyRule) => <Tag color="volcano">{t(`anomalies.rule.${value}`)}</Tag> },
    {
      title: t('anomalies.members'),
      dataIndex: 'memberIds',
      width: 220,
      render: (ids: string[], row) => (
        <Space size={4} wrap>
          {ids.map((id) => (
            <MemberName key={id} id={id} name={row.memberNames?.[id]} />
          ))}
        </Space>
      ),
    },
    {
      title: t('anomalies.evidence'),
      dataIndex: 'evidence',
      render: (evidence: Record<string, unknown>) => (
        <Descriptions size="small" column={1} colon>
          {Object.entries(evidence).map(([key, value]) => (
            <Descriptions.Item key={key} label={<Typography.Text type="secondary">{key}</Typography.Text>}>
              <EvidenceValue value={value} />
            </Descriptions.Item>
          ))}
        </Descriptions>
      ),
    },
    {
      title: t('withdrawals.status'),
      dataIndex: 'status',
      width: 160,
      render: (value: AnomalyStatus, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[value]}>{t(`anomalies.status.${value}`)}</Tag>
          {row.resolutionNote ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.resolutionNote}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('withdrawals.actions'),
      key: 'actions',
      width: 100,
      render: (_, row) =>
        row.status === 'open' && can('payout.approve') ? (
          <Button size="small" type="primary" onClick={() => setResolving(row)} data-testid="anomaly-resolve">
            {t('anomalies.resolve')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('anomalies.title')} />
      <Card>
        <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select<AnomalyStatus | 'all'>
              value={status ?? 'all'}
              onChange={(value) => setStatus(value === 'all' ? undefined : value)}
              style={{ width: 140 }}
              options={[{ value: 'all', label: t('anomalies.allStatuses') }, ...(['open', 'resolved', 'dismissed'] as const).map((value) => ({ value, label: t(`anomalies.status.${value}`) }))]}
            />
            <Select<AnomalyRule | 'all'>
              value={rule ?? 'all'}
              onChange={(value) => setRule(value === 'all' ? undefined : value)}
              style={{ width: 180 }}
              options={[{ value: 'all', label: t('anomalies.allRules') }, ...ANOMALY_RULES.map((value) => ({ value, label: t(`anomalies.rule.${value}`) }))]}
            />
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('anomalies.heldHint')}
        </Typography.Paragraph>
        <Table<Anomaly>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={tablePagination(list, t)}
          scroll={{ x: 1000 }}
          data-testid="anomalies-table"
          locale={{ emptyText: <Empty description={t('anomalies.empty')} /> }}
        />
      </Card>
      {resolving ? (
        <ResolveModal
          anomaly={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            list.reload();
          }}
          onStale={list.reload}
        />
      ) : null}
    </>
  );
}

function ResolveModal({ anomaly, onClose, onDone, onStale }: { anomaly: Anomaly; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: 'resolved' | 'dismissed'; note: string }>();
  const action = useModalAction(onStale);
  const submit = async () => {
    const values = await form.validateFields();
    await action.run(
      () => api.post(`/admin/payouts/anomalies/${anomaly.id}/resolve`, { status: values.status, note: values.note.trim() }, { silent: true }),
      () => {
        void message.success(t('anomalies.resolved'));
        onDone();
      },
    );
  };
  return (
    <Modal
      open
      title={`${t('anomalies.resolveTitle')} · ${t(`anomalies.rule.${anomaly.rule}`)}`}
      okText={t('anomalies.resolve')}
      cancelText={t('common.cancel')}
      confirmLoading={action.submitting}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={action.error} showDetails={false} />
      <Form form={form} layout="vertical" initialValues={{ status: 'resolved' }}>
        <Form.Item name="status" label={t('anomalies.outcome')}>
          <Radio.Group
            options={[
              { value: 'resolved', label: t('anomalies.outcomeResolved') },
              { value: 'dismissed', label: t('anomalies.outcomeDismissed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('anomalies.note')} rules={[{ required: true, whitespace: true, message: t('anomalies.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
