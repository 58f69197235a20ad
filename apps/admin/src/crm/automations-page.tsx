import { App, Alert, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Switch, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Automation, AutomationParams } from './types';

const TRIGGERS = ['inactive', 'repurchase', 'high_intent'] as const;

interface FormValues {
  name: string;
  trigger: AutomationParams['trigger'];
  days?: number;
  couponTemplateId?: string;
  defaultCycleDays?: number;
  threshold?: number;
}

function paramsOf(values: FormValues): AutomationParams {
  if (values.trigger === 'inactive') return { trigger: 'inactive', days: values.days!, ...(values.couponTemplateId?.trim() ? { couponTemplateId: values.couponTemplateId.trim() } : {}) };
  if (values.trigger === 'repurchase') return { trigger: 'repurchase', defaultCycleDays: values.defaultCycleDays! };
  return { trigger: 'high_intent', threshold: values.threshold! };
}

/** The console's lead automations: inactivity warnings (+ coupon), repurchase reminders, high-intent alerts. */
export function LeadAutomationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<Automation[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const trigger = Form.useWatch('trigger', form);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await api.get<{ items: Automation[] }>('/admin/crm/automations')).items);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const describe = (params: AutomationParams) =>
    params.trigger === 'inactive'
      ? t('auto.describe.inactive', { days: params.days, coupon: params.couponTemplateId ? t('auto.describe.coupon') : '' })
      : params.trigger === 'repurchase'
        ? t('auto.describe.repurchase', { days: params.defaultCycleDays })
        : t('auto.describe.high_intent', { threshold: params.threshold });

  async function create(values: FormValues) {
    await api.post('/admin/crm/automations', { name: values.name, params: paramsOf(values), enabled: true });
    message.success(t('auto.saved'));
    setCreating(false);
    form.resetFields();
    await load();
  }

  const columns: TableColumnsType<Automation> = [
    { title: t('auto.name'), dataIndex: 'name' },
    { title: t('auto.trigger'), key: 'trigger', render: (_, row) => describe(row.params) },
    {
      title: t('auto.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean, row) => <Switch checked={enabled} onChange={async (checked) => { await api.patch(`/admin/crm/automations/${row.id}`, { enabled: checked }); await load(); }} />,
    },
    { title: t('assistant.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, row) => (
        <Popconfirm title={t('auto.deleteConfirm')} onConfirm={async () => { await api.delete(`/admin/crm/automations/${row.id}`); message.success(t('auto.deleted')); await load(); }}>
          <Button size="small" type="link" danger>{t('auto.delete')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('auto.title')} extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="automation-add">{t('auto.add')}</Button>} />
      <Alert type="info" showIcon message={t('auto.intro')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<Automation> rowKey="id" columns={columns} dataSource={items} loading={loading} pagination={false} data-testid="automations-table" />
      </Card>
      <Modal open={creating} title={t('auto.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form<FormValues> form={form} layout="vertical" onFinish={create} initialValues={{ trigger: 'inactive', days: 3, defaultCycleDays: 30, threshold: 70 }}>
          <Form.Item name="name" label={t('auto.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="trigger" label={t('auto.trigger')} rules={[{ required: true }]}>
            <Select options={TRIGGERS.map((value) => ({ value, label: t(`auto.trigger.${value}`) }))} />
          </Form.Item>
          {trigger === 'inactive' && (
            <>
              <Form.Item name="days" label={t('auto.days')} rules={[{ required: true }]}>
                <InputNumber min={1} max={365} />
              </Form.Item>
              <Form.Item name="couponTemplateId" label={t('auto.couponTemplateId')} rules={[{ pattern: /^cpt_[0-9a-z]{26}$/ }]}>
                <Input placeholder="cpt_…" />
              </Form.Item>
            </>
          )}
          {trigger === 'repurchase' && (
            <Form.Item name="defaultCycleDays" label={t('auto.defaultCycleDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
          )}
          {trigger === 'high_intent' && (
            <Form.Item name="threshold" label={t('auto.threshold')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
