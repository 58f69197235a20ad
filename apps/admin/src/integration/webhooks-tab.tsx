import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { isMessageKey, useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { tablePagination, usePagedList } from '../use-paged-list';
import { DeliveriesDrawer, deliveryResult } from './deliveries-drawer';
import { SecretModal } from './secret-modal';
import type { RevealedSecret, WebhookDeliveryDetail, WebhookEndpoint, WebhookEventType } from './types';

interface FormValues {
  name: string;
  url: string;
  eventTypes: string[];
}

/** The webhook endpoints: add one (secret shown once), enable or disable, test, rotate, delete, and open its delivery log. */
export function WebhooksTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<WebhookEndpoint>('/admin/integrations/webhooks', {});
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const [form] = Form.useForm<FormValues>();
  const action = useModalAction(list.reload);

  useEffect(() => {
    void api.get<{ items: WebhookEventType[] }>('/admin/integrations/webhook-events').then((result) => setEvents(result.items));
  }, []);

  const groupLabel = (group: string) => {
    const key = `integration.group.${group}`;
    return isMessageKey(key) ? t(key) : group;
  };
  const eventOptions = [...new Set(events.map((event) => event.group))].map((group) => ({
    label: groupLabel(group),
    options: events.filter((event) => event.group === group).map((event) => ({ value: event.type, label: `${event.label} · ${event.type}` })),
  }));

  function create(values: FormValues) {
    void action.run(
      () => api.post<{ endpoint: WebhookEndpoint; secret: string }>('/admin/integrations/webhooks', { ...values, enabled: true }, { silent: true }),
      (created) => {
        setCreating(false);
        form.resetFields();
        message.success(t('integration.webhooks.saved'));
        setRevealed({ secret: created.secret });
        list.reload();
      },
    );
  }

  async function sendTest(endpoint: WebhookEndpoint) {
    const delivery = await api.post<WebhookDeliveryDetail>(`/admin/integrations/webhooks/${endpoint.id}/test`);
    const text = t('integration.webhooks.testSent', { result: deliveryResult(delivery, t) });
    if (delivery.status === 'succeeded') message.success(text);
    else message.warning(text);
  }

  async function rotate(endpoint: WebhookEndpoint) {
    const rotated = await api.post<{ secret: string }>(`/admin/integrations/webhooks/${endpoint.id}/rotate-secret`);
    setRevealed({ secret: rotated.secret });
    list.reload();
  }

  const columns: TableColumnsType<WebhookEndpoint> = [
    { title: t('integration.webhooks.name'), dataIndex: 'name', width: 160 },
    { title: t('integration.webhooks.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
    {
      title: t('integration.webhooks.events'),
      dataIndex: 'eventTypes',
      width: 220,
      render: (types: string[]) => (
        <Tooltip title={types.join(', ')}>
          <Space size={[0, 4]} wrap>
            {types.slice(0, 2).map((type) => <Tag key={type}>{type}</Tag>)}
            {types.length > 2 && <Tag>{t('integration.webhooks.eventCount', { count: types.length })}</Tag>}
          </Space>
        </Tooltip>
      ),
    },
    { title: t('integration.webhooks.secret'), dataIndex: 'secretPreview', width: 150, render: (preview: string) => <Typography.Text type="secondary" code>{preview}</Typography.Text> },
    {
      title: t('integration.webhooks.enabled'),
      dataIndex: 'enabled',
      width: 80,
      render: (enabled: boolean, row) => <Switch checked={enabled} onChange={async (checked) => { await api.patch(`/admin/integrations/webhooks/${row.id}`, { enabled: checked }); list.reload(); }} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 330,
      render: (_, row) => (
        <Space size={0} wrap>
          <Button size="small" type="link" onClick={() => setLogOf(row)} data-testid="webhook-deliveries">{t('integration.webhooks.deliveries')}</Button>
          <Button size="small" type="link" disabled={!row.enabled} onClick={() => void sendTest(row)} data-testid="webhook-test">{t('integration.webhooks.test')}</Button>
          <Popconfirm title={t('integration.webhooks.rotateConfirm')} onConfirm={() => rotate(row)}>
            <Button size="small" type="link">{t('integration.webhooks.rotate')}</Button>
          </Popconfirm>
          <Popconfirm title={t('integration.webhooks.deleteConfirm')} onConfirm={async () => { await api.delete(`/admin/integrations/webhooks/${row.id}`); message.success(t('integration.webhooks.deleted')); list.reload(); }}>
            <Button size="small" type="link" danger>{t('integration.webhooks.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('integration.webhooks.intro')} style={{ marginBottom: 16 }} />
      <Card extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="webhook-add">{t('integration.webhooks.add')}</Button>}>
        <Table<WebhookEndpoint> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} locale={{ emptyText: t('integration.webhooks.empty') }} data-testid="webhooks-table" />
      </Card>
      <Modal open={creating} title={t('integration.webhooks.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={action.submitting} okButtonProps={{ 'data-testid': 'webhook-save' } as never} destroyOnHidden width={620}>
        <ApiErrorAlert error={action.error} />
        <Form<FormValues> form={form} layout="vertical" onFinish={create}>
          <Form.Item name="name" label={t('integration.webhooks.name')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="webhook-name" />
          </Form.Item>
          <Form.Item name="url" label={t('integration.webhooks.url')} rules={[{ required: true, max: 500 }, { pattern: /^https?:\/\//i }]}>
            <Input placeholder="https://erp.example.com/hooks/linkmall" data-testid="webhook-url" />
          </Form.Item>
          <Form.Item name="eventTypes" label={t('integration.webhooks.events')} rules={[{ required: true }]}>
            <Select mode="multiple" options={eventOptions} optionFilterProp="label" data-testid="webhook-events" />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal revealed={revealed} onClose={() => setRevealed(null)} />
      <DeliveriesDrawer endpoint={logOf} onClose={() => setLogOf(null)} />
    </>
  );
}
