import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, downloadFile } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { tablePagination, usePagedList } from '../use-paged-list';
import { EXPORT_FREQUENCIES, EXPORT_REPORTS, type ExportRun, type ExportSchedule, type WebhookEndpoint } from './types';

interface FormValues {
  name: string;
  report: ExportSchedule['report'];
  frequency: ExportSchedule['frequency'];
  format: ExportSchedule['format'];
  webhookEndpointId: string;
}

const kilobytes = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
/** The period's first and last day as shown in Beijing time (the end is exclusive). */
const periodText = (run: ExportRun) => {
  const first = dayjs(run.periodStart).format('YYYY-MM-DD');
  const last = dayjs(run.periodEnd).subtract(1, 'millisecond').format('YYYY-MM-DD');
  return first === last ? first : `${first} ~ ${last}`;
};

/** Scheduled exports: the schedules (run now, enable, delete) and the files they produced, for download. */
export function ExportsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const schedules = usePagedList<ExportSchedule>('/admin/integrations/export-schedules', {});
  const runs = usePagedList<ExportRun>('/admin/integrations/export-runs', {}, 10);
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[]>([]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const action = useModalAction(schedules.reload);

  useEffect(() => {
    void api.get<{ items: WebhookEndpoint[] }>('/admin/integrations/webhooks', { query: { pageSize: 100 } }).then((result) => setEndpoints(result.items));
  }, []);

  const reportLabel = (report: string) => t(`integration.report.${report}` as never);
  const frequencyLabel = (frequency: string) => t(`integration.frequency.${frequency}` as never);
  const scheduleName = (id: string) => schedules.items.find((schedule) => schedule.id === id)?.name ?? id;

  function create(values: FormValues) {
    void action.run(
      () => api.post<ExportSchedule>('/admin/integrations/export-schedules', { ...values, webhookEndpointId: values.webhookEndpointId || null, enabled: true }, { silent: true }),
      () => {
        setCreating(false);
        form.resetFields();
        message.success(t('integration.exports.saved'));
        schedules.reload();
      },
    );
  }

  async function runNow(schedule: ExportSchedule) {
    const run = await api.post<ExportRun>(`/admin/integrations/export-schedules/${schedule.id}/run`);
    message.success(t('integration.exports.ran', { file: run.fileName, rows: run.rowCount }));
    runs.reload();
  }

  const scheduleColumns: TableColumnsType<ExportSchedule> = [
    { title: t('integration.exports.name'), dataIndex: 'name' },
    { title: t('integration.exports.report'), dataIndex: 'report', width: 110, render: reportLabel },
    { title: t('integration.exports.frequency'), dataIndex: 'frequency', width: 90, render: frequencyLabel },
    { title: t('integration.exports.format'), dataIndex: 'format', width: 80, render: (format: string) => format.toUpperCase() },
    { title: t('integration.exports.webhook'), dataIndex: 'webhookEndpointId', width: 160, render: (id: string | null) => (id ? (endpoints.find((endpoint) => endpoint.id === id)?.name ?? id) : <Typography.Text type="secondary">{t('integration.exports.noWebhook')}</Typography.Text>) },
    {
      title: t('integration.exports.enabled'),
      dataIndex: 'enabled',
      width: 80,
      render: (enabled: boolean, row) => <Switch checked={enabled} onChange={async (checked) => { await api.patch(`/admin/integrations/export-schedules/${row.id}`, { enabled: checked }); schedules.reload(); }} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, row) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => void runNow(row)} data-testid="export-run-now">{t('integration.exports.runNow')}</Button>
          <Popconfirm title={t('integration.exports.deleteConfirm')} onConfirm={async () => { await api.delete(`/admin/integrations/export-schedules/${row.id}`); schedules.reload(); }}>
            <Button size="small" type="link" danger>{t('integration.exports.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const runColumns: TableColumnsType<ExportRun> = [
    { title: t('integration.exports.file'), dataIndex: 'fileName', render: (name: string, row) => <><Typography.Text code>{name}</Typography.Text> <Typography.Text type="secondary">{scheduleName(row.scheduleId)}</Typography.Text></> },
    { title: t('integration.exports.period'), key: 'period', width: 210, render: (_, row) => periodText(row) },
    { title: t('integration.exports.rows'), dataIndex: 'rowCount', width: 80 },
    { title: t('integration.exports.size'), dataIndex: 'byteSize', width: 90, render: kilobytes },
    { title: t('integration.exports.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'download',
      width: 90,
      render: (_, row) => <Button size="small" type="link" onClick={() => void downloadFile(`/admin/integrations/export-runs/${row.id}/file`, {}, row.fileName)} data-testid="export-download">{t('integration.exports.download')}</Button>,
    },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('integration.exports.intro')} style={{ marginBottom: 16 }} />
      <Card extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="export-add">{t('integration.exports.add')}</Button>} style={{ marginBottom: 16 }}>
        <Table<ExportSchedule> rowKey="id" columns={scheduleColumns} dataSource={schedules.items} loading={schedules.loading} pagination={tablePagination(schedules, t)} locale={{ emptyText: t('integration.exports.empty') }} data-testid="export-schedules-table" />
      </Card>
      <Card title={t('integration.exports.runs')} extra={<Button onClick={runs.reload}>{t('common.refresh')}</Button>}>
        <Table<ExportRun> rowKey="id" size="small" columns={runColumns} dataSource={runs.items} loading={runs.loading} pagination={tablePagination(runs, t)} locale={{ emptyText: t('integration.exports.noRuns') }} data-testid="export-runs-table" />
      </Card>
      <Modal open={creating} title={t('integration.exports.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={action.submitting} okButtonProps={{ 'data-testid': 'export-save' } as never} destroyOnHidden>
        <ApiErrorAlert error={action.error} />
        <Form<FormValues> form={form} layout="vertical" onFinish={create} initialValues={{ report: 'orders', frequency: 'daily', format: 'csv', webhookEndpointId: '' }}>
          <Form.Item name="name" label={t('integration.exports.name')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="export-name" />
          </Form.Item>
          <Form.Item name="report" label={t('integration.exports.report')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={EXPORT_REPORTS.map((report) => ({ value: report, label: reportLabel(report) }))} data-testid="export-report" />
          </Form.Item>
          <Form.Item name="frequency" label={t('integration.exports.frequency')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={EXPORT_FREQUENCIES.map((frequency) => ({ value: frequency, label: frequencyLabel(frequency) }))} />
          </Form.Item>
          <Form.Item name="format" label={t('integration.exports.format')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={[{ value: 'csv', label: 'CSV' }, { value: 'xlsx', label: 'Excel (XLSX)' }]} data-testid="export-format" />
          </Form.Item>
          <Form.Item name="webhookEndpointId" label={t('integration.exports.webhook')}>
            <Select options={[{ value: '', label: t('integration.exports.noWebhook') }, ...endpoints.map((endpoint) => ({ value: endpoint.id, label: endpoint.name }))]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
