import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { tablePagination, usePagedList } from '../use-paged-list';
import { SpendFormModal } from './spend-form-modal';
import { SPEND_CHANNELS, type SpendChannel, type SpendEntry } from './types';
import { useScopeChoices } from './use-scope-labels';

/** Asks why an entry is reversed; the reversal is a new negative entry linked to it. */
function ReverseModal({ entry, onClose, onDone, onStale }: { entry: SpendEntry; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  // A 404 or 409 (reversed meanwhile) keeps the modal open with the reason and refreshes the list behind it.
  const action = useModalAction(onStale);

  async function submit() {
    const { reason } = await form.validateFields();
    await action.run(
      () => api.post<SpendEntry>(`/admin/analytics/spend/${entry.id}/reverse`, { reason: reason.trim() }, { silent: true }),
      () => {
        message.success(t('spend.reversed'));
        onDone();
      },
    );
  }

  return (
    <Modal
      open
      title={t('spend.reverseTitle', { amount: formatFen(entry.amountFen), day: entry.day })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={action.submitting}
      okText={t('spend.reverse')}
      okButtonProps={{ danger: true, 'data-testid': 'spend-reverse-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('spend.reverseNote')}</Typography.Paragraph>
      <ApiErrorAlert error={action.error} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('spend.reason')} rules={[{ required: true, whitespace: true, message: t('spend.reasonRequired') }, { max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="spend-reverse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 营销费用: the append-only record of marketing spend that CAC, ROI and the budget suggestions read. */
export function SpendPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[string, string] | null>(null);
  const [channel, setChannel] = useState<SpendChannel | undefined>();
  const [campaign, setCampaign] = useState('');
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<SpendEntry | null>(null);
  const list = usePagedList<SpendEntry>('/admin/analytics/spend', { from: range?.[0], to: range?.[1], channel, campaign: campaign || undefined });
  const teams = useScopeChoices('team');
  const merchants = useScopeChoices('merchant');
  const teamNames = useMemo(() => new Map(teams.map((team) => [team.id, team.label])), [teams]);
  const merchantNames = useMemo(() => new Map(merchants.map((merchant) => [merchant.id, merchant.label])), [merchants]);

  const ownerOf = (entry: SpendEntry) =>
    [
      entry.teamId ? t('spend.ownerTeam', { name: teamNames.get(entry.teamId) ?? entry.teamId }) : null,
      entry.merchantId ? t('spend.ownerMerchant', { name: merchantNames.get(entry.merchantId) ?? entry.merchantId }) : null,
    ]
      .filter(Boolean)
      .join('；') || '—';

  const columns: TableColumnsType<SpendEntry> = [
    { title: t('spend.day'), dataIndex: 'day', width: 110 },
    { title: t('spend.channel'), dataIndex: 'channel', width: 100, render: (value: SpendChannel) => t(`analytics.channel.${value}`) },
    {
      title: t('spend.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      render: (value: number) => <span style={{ color: value < 0 ? '#cf1322' : undefined }} data-testid="spend-amount-cell">{formatFen(value)}</span>,
    },
    { title: t('spend.region'), key: 'region', width: 120, ellipsis: true, render: (_, entry) => [entry.province, entry.city].filter(Boolean).join(' / ') || '—' },
    { title: t('spend.owner'), key: 'owner', width: 170, ellipsis: true, render: (_, entry) => ownerOf(entry) },
    { title: t('spend.campaign'), dataIndex: 'campaign', ellipsis: true, render: (value: string | null) => value ?? '—' },
    {
      title: t('spend.kind'),
      key: 'kind',
      width: 90,
      // When it was recorded rides along as the tag's tooltip: the day column is what people filter on.
      render: (_, entry) => (
        <Tooltip title={t('spend.recordedAt', { at: formatDateTime(entry.createdAt, false) })}>
          {entry.kind === 'reversal' ? <Tag color="red">{t('spend.kind.reversal')}</Tag> : entry.reversedById ? <Tag>{t('spend.kind.reversed')}</Tag> : <Tag color="green">{t('spend.kind.entry')}</Tag>}
        </Tooltip>
      ),
    },
    { title: t('spend.note'), dataIndex: 'note', ellipsis: true, render: (value: string | null) => value ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_, entry) =>
        entry.kind === 'entry' && !entry.reversedById ? (
          <Button type="link" size="small" danger onClick={() => setReversing(entry)} data-testid="spend-reverse">
            {t('spend.reverse')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('spend.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="spend-record">
            {t('spend.record')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('spend.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <DatePicker.RangePicker onChange={(values) => setRange(values?.[0] && values[1] ? [values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')] : null)} />
          <Select allowClear placeholder={t('spend.allChannels')} style={{ width: 140 }} value={channel} onChange={setChannel} options={SPEND_CHANNELS.map((value) => ({ value, label: t(`analytics.channel.${value}`) }))} />
          <Input.Search allowClear placeholder={t('spend.campaignSearch')} style={{ width: 220 }} onSearch={(value) => setCampaign(value.trim())} />
        </Flex>
      </Card>
      <Card>
        <Table<SpendEntry> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="spend-table" />
      </Card>
      {recording && (
        <SpendFormModal
          teams={teams}
          merchants={merchants}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            list.reload();
          }}
        />
      )}
      {reversing && (
        <ReverseModal
          entry={reversing}
          onClose={() => setReversing(null)}
          onStale={list.reload}
          onDone={() => {
            setReversing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
