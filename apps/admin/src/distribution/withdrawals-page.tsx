import { BankOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, downloadFile } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { MemberName } from './member-name';
import { TextModal } from './text-modal';
import { WITHDRAWAL_STATUSES, type BankBatchExport, type Withdrawal, type WithdrawalStatus } from './types';

const STATUS_COLORS: Record<WithdrawalStatus, string> = {
  held: 'orange',
  requested: 'gold',
  approved: 'blue',
  second_approved: 'cyan',
  paying: 'processing',
  paid: 'green',
  failed: 'red',
  rejected: 'default',
};
const OPEN: readonly WithdrawalStatus[] = ['held', 'requested', 'approved', 'second_approved'];

type Pending = { kind: 'reject' | 'fail' | 'release'; row: Withdrawal };

/** Saves text the API returned as a file (the bank batch CSV comes inside a JSON answer). */
function saveText(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** An approver is a finance user: "me" for the viewer's own approval, else their name or short id. */
function Approver({ id }: { id: string }) {
  const { user } = useAuth();
  const { t } = useI18n();
  return id === user?.id ? <Typography.Text>{t('withdrawals.me')}</Typography.Text> : <MemberName id={id} />;
}

/** 提现审核: the queue with one- or two-person approval, WeChat payment, bank batches and exports. */
export function WithdrawalsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<WithdrawalStatus | undefined>('requested');
  const [method, setMethod] = useState<'wechat' | 'bank' | undefined>();
  const list = usePagedList<Withdrawal>('/admin/payouts/withdrawals', { status, method });
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [batch, setBatch] = useState<BankBatchExport | null>(null);
  const [month, setMonth] = useState<Dayjs>(() => dayjs());

  const act = async (row: Withdrawal, action: 'approve' | 'pay', done: string) => {
    setBusy(row.id);
    try {
      await api.post(`/admin/payouts/withdrawals/${row.id}/${action}`);
      void message.success(done);
    } catch {
      // Reported by the API client; the row may have moved on, so the list refreshes either way.
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  const exportBatch = async () => {
    try {
      const exported = await api.post<BankBatchExport>('/admin/payouts/bank-batches');
      setBatch(exported);
      list.reload();
    } catch {
      // Reported by the API client.
    }
  };

  const markBatchPaid = async () => {
    if (!batch) return;
    try {
      const paid = await api.post<{ paidCount: number }>(`/admin/payouts/bank-batches/${batch.batchId}/paid`);
      void message.success(t('withdrawals.batchPaid', { count: paid.paidCount }));
      setBatch(null);
      list.reload();
    } catch {
      // Reported by the API client.
    }
  };

  const exportMonth = async () => {
    try {
      const key = month.format('YYYY-MM');
      const name = await downloadFile('/admin/payouts/withdrawals.csv', { month: key }, `withdrawals-${key}.csv`);
      void message.success(t('withdrawals.exported', { name }));
    } catch {
      // Reported by the API client.
    }
  };

  const actions = (row: Withdrawal) => {
    const buttons = [];
    const secondStep = row.status === 'approved' && row.needsSecondApproval;
    if (row.status === 'requested' || secondStep) {
      buttons.push(
        <Button key="approve" type="primary" size="small" loading={busy === row.id} onClick={() => void act(row, 'approve', t('withdrawals.approved'))} data-testid="withdrawal-approve">
          {secondStep ? t('withdrawals.secondApprove') : t('withdrawals.approve')}
        </Button>,
      );
    }
    if (row.status === 'held') {
      buttons.push(
        <Button key="release" size="small" onClick={() => setPending({ kind: 'release', row })} data-testid="withdrawal-release">
          {t('withdrawals.release')}
        </Button>,
      );
    }
    const ready = row.status === 'second_approved' || (row.status === 'approved' && !row.needsSecondApproval);
    if (ready && row.method === 'wechat') {
      buttons.push(
        <Popconfirm key="pay" title={t('withdrawals.pay')} okText={t('withdrawals.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(row, 'pay', t('withdrawals.done'))}>
          <Button size="small" type="primary" ghost loading={busy === row.id} data-testid="withdrawal-pay">
            {t('withdrawals.pay')}
          </Button>
        </Popconfirm>,
      );
    }
    if (OPEN.includes(row.status)) {
      buttons.push(
        <Button key="reject" size="small" danger onClick={() => setPending({ kind: 'reject', row })} data-testid="withdrawal-reject">
          {t('withdrawals.reject')}
        </Button>,
      );
    }
    if (row.status === 'paying') {
      buttons.push(
        <Button key="fail" size="small" danger onClick={() => setPending({ kind: 'fail', row })}>
          {t('withdrawals.fail')}
        </Button>,
      );
    }
    return buttons.length ? <Space size={4} wrap>{buttons}</Space> : <Typography.Text type="secondary">—</Typography.Text>;
  };

  const columns: TableColumnsType<Withdrawal> = [
    { title: t('withdrawals.requestedAt'), dataIndex: 'requestedAt', width: 140, render: (value: string) => formatDateTime(value, false) },
    { title: t('dist.member'), dataIndex: 'memberId', width: 140, render: (id: string, row) => <MemberName id={id} name={row.memberName} /> },
    {
      title: t('withdrawals.amount'),
      dataIndex: 'amountFen',
      width: 110,
      align: 'right',
      render: (value: number) => (
        <Typography.Text strong data-testid="withdrawal-amount">
          {formatFen(value)}
        </Typography.Text>
      ),
    },
    { title: t('withdrawals.fee'), dataIndex: 'feeFen', width: 80, align: 'right', render: (value: number) => formatFen(value) },
    {
      title: t('withdrawals.method'),
      dataIndex: 'method',
      width: 150,
      render: (value: Withdrawal['method'], row) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`withdrawals.method.${value}`)}</span>
          {row.bankName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.bankName} {row.bankAccountMasked}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('withdrawals.status'),
      dataIndex: 'status',
      width: 130,
      render: (value: WithdrawalStatus, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[value]} data-testid="withdrawal-status" data-status={value}>
            {t(`withdrawals.status.${value}`)}
          </Tag>
          {row.heldReason || row.rejectionReason || row.failureReason ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.heldReason ?? row.rejectionReason ?? row.failureReason}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('withdrawals.approvals'),
      key: 'approvals',
      width: 160,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          {row.needsSecondApproval ? <Tag color="purple">{t('withdrawals.needsSecond')}</Tag> : null}
          {row.firstApprovedBy ? (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('withdrawals.firstBy')}: <Approver id={row.firstApprovedBy} />
            </Typography.Text>
          ) : null}
          {row.secondApprovedBy ? (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('withdrawals.secondBy')}: <Approver id={row.secondApprovedBy} />
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('withdrawals.actions'), key: 'actions', width: 160, render: (_, row) => actions(row) },
  ];

  const modalProps = pending
    ? pending.kind === 'release'
      ? { title: t('withdrawals.releaseTitle'), label: t('withdrawals.note'), requiredMessage: t('withdrawals.noteRequired'), okText: t('withdrawals.release'), body: (text: string) => ({ note: text }) }
      : {
          title: pending.kind === 'reject' ? t('withdrawals.rejectTitle') : t('withdrawals.failTitle'),
          label: t('withdrawals.reason'),
          requiredMessage: t('withdrawals.noteRequired'),
          okText: pending.kind === 'reject' ? t('withdrawals.reject') : t('withdrawals.fail'),
          danger: true,
          body: (text: string) => ({ reason: text }),
        }
    : null;

  return (
    <>
      <PageHeader
        title={t('withdrawals.title')}
        extra={
          <Space wrap>
            <DatePicker picker="month" allowClear={false} value={month} onChange={(value) => value && setMonth(value)} />
            <Button icon={<DownloadOutlined />} onClick={() => void exportMonth()} data-testid="withdrawals-export-month">
              {t('withdrawals.exportMonth')}
            </Button>
            <Popconfirm title={t('withdrawals.bankBatch')} okText={t('withdrawals.confirm')} cancelText={t('common.cancel')} onConfirm={() => exportBatch()}>
              <Button type="primary" icon={<BankOutlined />} data-testid="withdrawals-bank-batch">
                {t('withdrawals.bankBatch')}
              </Button>
            </Popconfirm>
          </Space>
        }
      />
      <Card>
        <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Select<WithdrawalStatus | 'all'>
              value={status ?? 'all'}
              onChange={(value) => setStatus(value === 'all' ? undefined : value)}
              style={{ width: 160 }}
              options={[{ value: 'all', label: t('withdrawals.allStatuses') }, ...WITHDRAWAL_STATUSES.map((value) => ({ value, label: t(`withdrawals.status.${value}`) }))]}
              data-testid="withdrawals-status"
            />
            <Select<'wechat' | 'bank' | 'all'>
              value={method ?? 'all'}
              onChange={(value) => setMethod(value === 'all' ? undefined : value)}
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('withdrawals.allMethods') },
                { value: 'wechat', label: t('withdrawals.method.wechat') },
                { value: 'bank', label: t('withdrawals.method.bank') },
              ]}
            />
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <Table<Withdrawal>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={tablePagination(list, t)}
          scroll={{ x: 1060 }}
          data-testid="withdrawals-table"
          locale={{ emptyText: <Empty description={t('withdrawals.empty')} /> }}
        />
      </Card>
      {pending && modalProps ? (
        <TextModal
          title={modalProps.title}
          label={modalProps.label}
          requiredMessage={modalProps.requiredMessage}
          okText={modalProps.okText}
          danger={'danger' in modalProps ? modalProps.danger : false}
          onClose={() => setPending(null)}
          onStale={list.reload}
          onSubmit={(text) => api.post(`/admin/payouts/withdrawals/${pending.row.id}/${pending.kind}`, modalProps.body(text), { silent: true })}
          onDone={() => {
            setPending(null);
            void message.success(t('withdrawals.done'));
            list.reload();
          }}
        >
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('dist.member')}>
              <MemberName id={pending.row.memberId} name={pending.row.memberName} />
            </Descriptions.Item>
            <Descriptions.Item label={t('withdrawals.amount')}>{formatFen(pending.row.amountFen)}</Descriptions.Item>
          </Descriptions>
        </TextModal>
      ) : null}
      {batch ? (
        <Modal
          open
          title={t('withdrawals.bankBatchTitle')}
          onCancel={() => setBatch(null)}
          footer={
            <Space>
              <Button onClick={() => setBatch(null)}>{t('withdrawals.close')}</Button>
              <Button icon={<DownloadOutlined />} onClick={() => saveText(batch.csv, `bank-batch-${batch.batchId}.csv`)}>
                {t('withdrawals.downloadCsv')}
              </Button>
              <Popconfirm title={t('withdrawals.markPaidConfirm')} okText={t('withdrawals.confirm')} cancelText={t('common.cancel')} onConfirm={() => markBatchPaid()}>
                <Button type="primary" disabled={batch.withdrawalCount === 0}>
                  {t('withdrawals.markPaid')}
                </Button>
              </Popconfirm>
            </Space>
          }
        >
          <Typography.Paragraph data-testid="bank-batch-summary">
            {t('withdrawals.bankBatchSummary', { count: batch.withdrawalCount, total: formatFen(batch.totalFen) })}
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </>
  );
}
