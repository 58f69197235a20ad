import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { tablePagination, usePagedList } from '../use-paged-list';
import { SecretModal } from './secret-modal';
import { PARTNER_SCOPES, type ApiKey, type RevealedSecret } from './types';

interface FormValues {
  name: string;
  scopes: string[];
}

/** Partner API keys for /open/*: create (id and secret shown once), see scopes and last use, revoke. */
export function ApiKeysTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<ApiKey>('/admin/integrations/api-keys', {});
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [form] = Form.useForm<FormValues>();
  const action = useModalAction(list.reload);
  const scopeLabel = (scope: string) => t(`integration.scope.${scope}` as never);

  function create(values: FormValues) {
    void action.run(
      () => api.post<{ key: ApiKey; secret: string }>('/admin/integrations/api-keys', values, { silent: true }),
      (created) => {
        setCreating(false);
        form.resetFields();
        setRevealed({ partnerId: created.key.id, secret: created.secret });
        list.reload();
      },
    );
  }

  const columns: TableColumnsType<ApiKey> = [
    { title: t('integration.keys.name'), dataIndex: 'name', width: 160 },
    { title: t('integration.keys.id'), dataIndex: 'id', width: 320, render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
    { title: t('integration.keys.scopes'), dataIndex: 'scopes', render: (scopes: string[]) => <Space size={[0, 4]} wrap>{scopes.map((scope) => <Tag key={scope} color="blue">{scopeLabel(scope)}</Tag>)}</Space> },
    { title: t('integration.keys.status'), dataIndex: 'status', width: 90, render: (status: ApiKey['status']) => <Tag color={status === 'active' ? 'green' : 'default'} data-testid="api-key-status">{t(status === 'active' ? 'integration.keys.active' : 'integration.keys.revoked')}</Tag> },
    { title: t('integration.keys.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    { title: t('integration.keys.lastUsedAt'), dataIndex: 'lastUsedAt', width: 150, render: (value: string | null) => (value ? formatDateTime(value, false) : <Typography.Text type="secondary">{t('integration.keys.never')}</Typography.Text>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, row) =>
        row.status === 'active' ? (
          <Popconfirm title={t('integration.keys.revokeConfirm')} onConfirm={async () => { await api.post(`/admin/integrations/api-keys/${row.id}/revoke`); message.success(t('integration.keys.revokedDone')); list.reload(); }}>
            <Button size="small" type="link" danger data-testid="api-key-revoke">{t('integration.keys.revoke')}</Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('integration.keys.intro')} style={{ marginBottom: 16 }} />
      <Card extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="api-key-add">{t('integration.keys.add')}</Button>}>
        <Table<ApiKey> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} locale={{ emptyText: t('integration.keys.empty') }} data-testid="api-keys-table" />
      </Card>
      <Modal open={creating} title={t('integration.keys.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={action.submitting} okButtonProps={{ 'data-testid': 'api-key-save' } as never} destroyOnHidden>
        <ApiErrorAlert error={action.error} />
        <Form<FormValues> form={form} layout="vertical" onFinish={create} initialValues={{ scopes: ['orders:read'] }}>
          <Form.Item name="name" label={t('integration.keys.name')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="api-key-name" />
          </Form.Item>
          <Form.Item name="scopes" label={t('integration.keys.scopes')} rules={[{ required: true }]}>
            <Checkbox.Group options={PARTNER_SCOPES.map((scope) => ({ value: scope, label: <span data-testid={`api-key-scope-${scope.split(':')[0]}`}>{scopeLabel(scope)}</span> }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
