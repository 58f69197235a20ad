import { CheckCircleOutlined, CopyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Empty, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { ComplianceReportView } from './compliance-report';
import { definitionFromForm, formFromDefinition, ProfileFormFields, TEMPLATE_DEFINITION, type ProfileFormValues } from './profile-form';
import type { DistributionProfile, ProfileStatus, ProfileWithCompliance } from './types';

const STATUS_COLORS: Record<ProfileStatus, string> = { draft: 'default', active: 'green', retired: 'default' };
type Json = Record<string, unknown>;

/**
 * 分销方案: profiles as versions. An edit is saved as a new draft and checked at once, so the
 * operator sees the compliance report (violations block activation) before anything takes effect.
 */
export function DistributionProfilesPage() {
  const { t } = useI18n();
  const list = usePagedList<DistributionProfile>('/admin/distribution/profiles', {});
  const [editing, setEditing] = useState<Json | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);

  const columns: TableColumnsType<DistributionProfile> = [
    {
      title: t('profiles.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {row.status === 'active' ? (
            <Tag color="green" icon={<CheckCircleOutlined />} data-testid="profile-active-badge">
              {t('profiles.activeBadge')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('profiles.key'), dataIndex: 'profileKey', width: 110 },
    { title: t('profiles.version'), dataIndex: 'version', width: 110, render: (version: string) => <Typography.Text code>{version}</Typography.Text> },
    {
      title: t('profiles.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: ProfileStatus) => <Tag color={STATUS_COLORS[status]} data-status={status}>{t(`dist.profileStatus.${status}`)}</Tag>,
    },
    { title: t('profiles.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    { title: t('profiles.activatedAt'), dataIndex: 'activatedAt', width: 150, render: (value: string | null) => formatDateTime(value, false) },
    {
      title: '',
      key: 'actions',
      width: 200,
      render: (_, row) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setViewing(row.id)} data-testid="profile-view">
            {t('profiles.view')}
          </Button>
          <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => setEditing(row.definition)}>
            {t('profiles.copy')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('profiles.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(TEMPLATE_DEFINITION)} data-testid="profile-new">
              {t('profiles.new')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Table<DistributionProfile>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={tablePagination(list, t)}
          scroll={{ x: 1000 }}
          data-testid="profiles-table"
          // The profile in force stands out: every new order is computed under it.
          onRow={(row) => ({ style: row.status === 'active' ? { background: '#f6ffed' } : undefined, 'data-status': row.status } as never)}
          locale={{ emptyText: <Empty description={t('profiles.empty')} /> }}
        />
      </Card>
      {editing ? (
        <ProfileEditor
          base={editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            list.reload();
            setViewing(id);
          }}
        />
      ) : null}
      {viewing ? (
        <ProfileDrawer
          id={viewing}
          onClose={() => setViewing(null)}
          onChanged={list.reload}
          onCopy={(definition) => {
            setViewing(null);
            setEditing(definition);
          }}
        />
      ) : null}
    </>
  );
}

function ProfileEditor({ base, onClose, onSaved }: { base: Json; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // Versions are labels of their own: a copy starts without the old one so it cannot clash.
  const [initial] = useState(() => formFromDefinition({ ...base, version: undefined }));

  const currentDefinition = (): Json => definitionFromForm({ ...initial, ...form.getFieldsValue(true) } as ProfileFormValues, base);

  const switchTab = (next: string) => {
    if (next === 'json') {
      setJson(JSON.stringify(currentDefinition(), null, 2));
      setJsonError(null);
      setTab('json');
      return;
    }
    try {
      form.setFieldsValue(formFromDefinition(JSON.parse(json) as Json));
      setJsonError(null);
      setTab('form');
    } catch (cause) {
      setJsonError(t('profiles.jsonInvalid', { message: cause instanceof Error ? cause.message : String(cause) }));
    }
  };

  const save = async () => {
    let definition: Json;
    if (tab === 'json') {
      try {
        definition = JSON.parse(json) as Json;
      } catch (cause) {
        setJsonError(t('profiles.jsonInvalid', { message: cause instanceof Error ? cause.message : String(cause) }));
        return;
      }
    } else {
      try {
        await form.validateFields();
      } catch {
        return;
      }
      definition = currentDefinition();
    }
    setSaving(true);
    setError(null);
    try {
      const draft = await api.post<DistributionProfile>('/admin/distribution/profiles', { definition }, { silent: true });
      void message.success(t('profiles.validated'));
      onSaved(draft.id);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={920}
      title={t('profiles.editorTitle')}
      okText={t('profiles.validate')}
      okButtonProps={{ 'data-testid': 'profile-validate' } as never}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <ApiErrorAlert error={error} testId="profile-error" />
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          {
            key: 'form',
            label: t('profiles.tabForm'),
            children: (
              <Form form={form} layout="vertical" initialValues={initial} data-testid="profile-form">
                <ProfileFormFields form={form} />
              </Form>
            ),
          },
          {
            key: 'json',
            label: <span data-testid="profile-tab-json">{t('profiles.tabJson')}</span>,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('profiles.jsonHint')}</Typography.Text>
                {jsonError ? <Typography.Text type="danger">{jsonError}</Typography.Text> : null}
                <Input.TextArea
                  value={json}
                  onChange={(event) => setJson(event.target.value)}
                  autoSize={{ minRows: 16, maxRows: 28 }}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                  data-testid="profile-json"
                />
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}

function ProfileDrawer({ id, onClose, onChanged, onCopy }: { id: string; onClose: () => void; onChanged: () => void; onCopy: (definition: Json) => void }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [profile, setProfile] = useState<ProfileWithCompliance | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [activating, setActivating] = useState(false);

  const load = () => {
    setError(null);
    api
      .get<ProfileWithCompliance>(`/admin/distribution/profiles/${id}`, { silent: true })
      .then(setProfile)
      .catch((cause: unknown) => setError(cause instanceof ApiError ? cause : null));
  };
  // The report's texts come in both languages, so a locale change needs no reload.
  if (loadedFor !== id) {
    setLoadedFor(id);
    load();
  }

  const activate = () => {
    modal.confirm({
      title: t('profiles.activateConfirmTitle'),
      content: t('profiles.activateConfirm'),
      okText: t('profiles.activate'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'profile-activate-confirm' } as never,
      onOk: async () => {
        setActivating(true);
        try {
          await api.post(`/admin/distribution/profiles/${id}/activate`, undefined, { silent: true });
          void message.success(t('profiles.activated'));
          onChanged();
          load();
        } catch (cause) {
          setError(cause instanceof ApiError ? cause : null);
        } finally {
          setActivating(false);
        }
      },
    });
  };

  const blocked = profile ? !profile.compliance.compliant : true;
  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      title={
        profile ? (
          <Space>
            <span>{profile.name}</span>
            <Tag color={STATUS_COLORS[profile.status]} data-testid="profile-drawer-status" data-status={profile.status}>
              {t(`dist.profileStatus.${profile.status}`)}
            </Tag>
          </Space>
        ) : (
          t('profiles.report')
        )
      }
      extra={
        profile ? (
          <Space>
            <Button icon={<CopyOutlined />} onClick={() => onCopy(profile.definition)}>
              {t('profiles.copy')}
            </Button>
            {profile.status === 'draft' ? (
              <Button
                type="primary"
                disabled={blocked}
                title={blocked ? t('profiles.cannotActivate') : undefined}
                loading={activating}
                onClick={activate}
                data-testid="profile-activate"
              >
                {t('profiles.activate')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
      data-testid="profile-drawer"
    >
      <ApiErrorAlert error={error} testId="profile-drawer-error" showDetails={false} />
      {profile ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('profiles.key')}: {profile.profileKey} · {t('profiles.version')}: {profile.version} · {formatDateTime(profile.createdAt, false)}
          </Typography.Text>
          <ComplianceReportView report={profile.compliance} key={locale} />
          <div>
            <Typography.Title level={5}>{t('profiles.definition')}</Typography.Title>
            <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, fontSize: 12, maxHeight: 320, overflow: 'auto' }}>
              {JSON.stringify(profile.definition, null, 2)}
            </pre>
          </div>
        </Space>
      ) : null}
    </Drawer>
  );
}
