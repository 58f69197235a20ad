import { CheckOutlined, CloseOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { ReasonModal } from '../components/reason-modal';
import { StatusTag } from '../components/status-tag';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { SupplierProfile, SupplierProfileStatus } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { SupplierProfileModal } from './supplier-profile-modal';

const PROFILE_STATUSES: readonly SupplierProfileStatus[] = ['pending_review', 'approved', 'rejected'];

function ProfileDescriptions({ profile }: { profile: SupplierProfile }) {
  const { t } = useI18n();
  const none = t('common.none');
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="supplier-detail"
      items={[
        { key: 'status', label: t('common.status'), children: <StatusTag status={profile.status} /> },
        { key: 'company', label: t('suppliers.companyName'), children: profile.companyName },
        {
          key: 'credit',
          label: t('suppliers.creditCode'),
          children: <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{profile.creditCode}</Typography.Text>,
        },
        { key: 'contact', label: t('suppliers.contactName'), children: profile.contactName },
        { key: 'phone', label: t('suppliers.contactPhone'), children: profile.contactPhone },
        { key: 'bank', label: t('suppliers.bankName'), children: profile.settlementAccount.bankName },
        { key: 'accountName', label: t('suppliers.accountName'), children: profile.settlementAccount.accountName },
        {
          key: 'account',
          label: t('suppliers.accountNumber'),
          children: <span style={{ fontFamily: 'monospace' }}>{profile.settlementAccount.accountNumberMasked}</span>,
        },
        { key: 'submitted', label: t('suppliers.submittedAt'), children: formatDateTime(profile.submittedAt) },
        { key: 'reviewed', label: t('suppliers.reviewedAt'), children: formatDateTime(profile.reviewedAt) },
        {
          key: 'reason',
          label: t('suppliers.rejectionReason'),
          children: profile.rejectionReason ? <Typography.Text type="danger">{profile.rejectionReason}</Typography.Text> : none,
        },
      ]}
    />
  );
}

export function SuppliersPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SupplierProfileStatus | undefined>();
  const [viewing, setViewing] = useState<SupplierProfile | null>(null);
  const [editing, setEditing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const isSupplier = user?.organization?.kind === 'supplier';
  const list = usePagedList<SupplierProfile>('/admin/supplier-profiles', { status });
  const canReview = can('catalog.review');
  const canWrite = can('supplier.write');

  const review = async (profile: SupplierProfile, body: { decision: 'approve' | 'reject'; reason?: string }) => {
    setBusy(true);
    try {
      const updated = await api.post<SupplierProfile>(`/admin/supplier-profiles/${encodeURIComponent(profile.organizationId)}/review`, body);
      void message.success(t(body.decision === 'approve' ? 'review.approved' : 'review.rejected'));
      setViewing(updated);
      list.reload();
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<SupplierProfile> = [
    {
      title: t('suppliers.companyName'),
      dataIndex: 'companyName',
      render: (name: string, profile) => (
        <Typography.Link strong onClick={() => setViewing(profile)} data-testid={`supplier-open-${profile.organizationId}`}>
          {name}
        </Typography.Link>
      ),
    },
    { title: t('suppliers.creditCode'), dataIndex: 'creditCode', width: 200, render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span> },
    { title: t('suppliers.contactName'), dataIndex: 'contactName', width: 110 },
    { title: t('suppliers.contactPhone'), dataIndex: 'contactPhone', width: 140 },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (value: string) => <StatusTag status={value} /> },
    { title: t('suppliers.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, profile) => (
        <Button type="link" size="small" onClick={() => setViewing(profile)} data-testid={`supplier-view-${profile.organizationId}`}>
          {t('products.view')}
        </Button>
      ),
    },
  ];

  // A supplier admin sees one profile — its own — as a card it can edit.
  if (isSupplier) {
    const own = list.items[0] ?? null;
    return (
      <>
        <PageHeader
          title={t('suppliers.ownTitle')}
          extra={
            canWrite && user?.organization ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="supplier-edit">
                {own ? t('suppliers.editProfile') : t('suppliers.submitProfile')}
              </Button>
            ) : null
          }
        />
        <Card loading={list.loading && !own}>
          {own ? (
            <Space orientation="vertical" style={{ width: '100%' }} size={16}>
              {own.status === 'pending_review' ? <Alert type="info" showIcon title={t('suppliers.pendingNotice')} /> : null}
              {own.status === 'rejected' ? <Alert type="error" showIcon title={t('suppliers.rejectedNotice')} description={own.rejectionReason} /> : null}
              <ProfileDescriptions profile={own} />
            </Space>
          ) : (
            <Empty description={t('suppliers.noProfile')} />
          )}
        </Card>
        {editing && user?.organization ? (
          <SupplierProfileModal
            organizationId={user.organization.id}
            profile={own}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              list.reload();
            }}
          />
        ) : null}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('suppliers.title')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('suppliers.statusFilter')}
            value={status}
            onChange={(value: SupplierProfileStatus | undefined) => setStatus(value)}
            options={PROFILE_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
            style={{ width: 180 }}
            data-testid="suppliers-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<SupplierProfile>
          rowKey="organizationId"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1000 }}
          data-testid="suppliers-table"
          pagination={tablePagination(list, t)}
        />
      </Card>
      {viewing ? (
        <Drawer
          open
          size={600}
          title={viewing.companyName}
          onClose={() => setViewing(null)}
          extra={
            canReview && viewing.status === 'pending_review' ? (
              <Space>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy}
                  data-testid="supplier-approve"
                  onClick={() => void review(viewing, { decision: 'approve' }).catch(() => undefined)}
                >
                  {t('review.approve')}
                </Button>
                <Button danger icon={<CloseOutlined />} data-testid="supplier-reject" onClick={() => setRejecting(true)}>
                  {t('review.reject')}
                </Button>
              </Space>
            ) : null
          }
        >
          <ProfileDescriptions profile={viewing} />
          {rejecting ? (
            <ReasonModal
              title={t('review.rejectSupplierTitle')}
              onClose={() => setRejecting(false)}
              onSubmit={async (reason) => {
                await review(viewing, { decision: 'reject', reason });
                setRejecting(false);
              }}
            />
          ) : null}
        </Drawer>
      ) : null}
    </>
  );
}
