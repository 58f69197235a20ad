import { CheckCircleOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n, type MessageKey } from '../i18n';
import type { ShippingImportIssue, ShippingImportReport } from '../promotion-types';
import { useCarriers } from '../use-carriers';

const TEMPLATE_HEADER = '子订单号,快递公司,运单号\n';
const COLUMN_LABELS: Record<string, MessageKey> = {
  subOrderId: 'orders.subOrderId',
  carrierCode: 'orders.carrier',
  trackingNumber: 'orders.trackingNumber',
};
const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

function issuesOf(error: ApiError): ShippingImportIssue[] | null {
  if (error.code !== 'shipping_import_invalid' || typeof error.details !== 'object' || error.details === null) return null;
  const errors = (error.details as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as ShippingImportIssue[]) : null;
}

/**
 * Ships many sub-orders from a CSV (pasted or chosen from disk). The API applies all rows or none, so a
 * file with problems lists every problem by line and ships nothing; "check" runs the same checks dry.
 */
export function ShippingImportModal({ onClose, onShipped }: { onClose: () => void; onShipped: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const carriers = useCarriers();
  const fileInput = useRef<HTMLInputElement>(null);
  const [content, setContent] = useState('');
  const [submitting, setSubmitting] = useState<'check' | 'ship' | null>(null);
  const [issues, setIssues] = useState<{ message: string; items: ShippingImportIssue[]; count: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<ShippingImportReport | null>(null);

  const send = async (dryRun: boolean) => {
    setSubmitting(dryRun ? 'check' : 'ship');
    setIssues(null);
    setError(null);
    setReport(null);
    try {
      const result = await api.post<ShippingImportReport>('/admin/fulfilment/shipments/import', { content, dryRun }, { silent: true });
      setReport(result);
      if (!dryRun) {
        void message.success(t('shippingImport.done', { count: result.shipped.length }));
        onShipped();
      }
    } catch (cause) {
      const apiError = cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause));
      const rows = issuesOf(apiError);
      if (rows) {
        const count = Number((apiError.details as { errorCount?: number }).errorCount ?? rows.length);
        setIssues({ message: apiError.message, items: rows, count });
      } else setError(apiError);
    } finally {
      setSubmitting(null);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    // The API strips a UTF-8 BOM itself; Excel's "CSV UTF-8" files keep working.
    setContent(await file.text());
    setIssues(null);
    setReport(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const ready = content.trim().length > 0;

  return (
    <Modal
      open
      width={820}
      title={t('shippingImport.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{report && !report.dryRun ? t('shippingImport.close') : t('common.cancel')}</Button>
          <Button disabled={!ready || submitting !== null} loading={submitting === 'check'} onClick={() => void send(true)} data-testid="shipping-import-check">
            {t('shippingImport.check')}
          </Button>
          <Button type="primary" disabled={!ready || submitting !== null} loading={submitting === 'ship'} onClick={() => void send(false)} data-testid="shipping-import-submit">
            {t('shippingImport.submit')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('shippingImport.hint')}
      </Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 8 }} wrap>
        <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} data-testid="shipping-import-file">
          {t('shippingImport.chooseFile')}
        </Button>
        <Button icon={<FileTextOutlined />} onClick={() => setContent((current) => (current.trim() ? current : TEMPLATE_HEADER))}>
          {t('shippingImport.template')}
        </Button>
        <input ref={fileInput} type="file" accept=".csv,text/csv,text/plain" style={{ display: 'none' }} onChange={(event) => void readFile(event.target.files?.[0])} />
      </Flex>
      <Input.TextArea
        value={content}
        onChange={(event) => {
          setContent(event.target.value);
          setReport(null);
        }}
        rows={8}
        style={mono}
        placeholder={`${TEMPLATE_HEADER}sub_01jd3x7k9q2w8e5r4t6y1u3i0o,shunfeng,SF1234567890`}
        data-testid="shipping-import-content"
        spellCheck={false}
      />
      {carriers.length ? (
        <div style={{ marginTop: 8, lineHeight: 2 }}>
          <Typography.Text type="secondary">{t('shippingImport.carrierCodes')}</Typography.Text>
          {carriers.map((carrier) => (
            <Tag key={carrier.code} style={{ marginInlineStart: 6 }}>
              {carrier.name} <span style={mono}>{carrier.code}</span>
            </Tag>
          ))}
        </div>
      ) : null}
      <div style={{ marginTop: 16 }}>
        <ApiErrorAlert error={error} testId="shipping-import-error" />
        {issues ? (
          <div data-testid="shipping-import-issues">
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={issues.message}
              description={issues.count > issues.items.length ? t('shippingImport.moreIssues', { shown: issues.items.length, count: issues.count }) : undefined}
            />
            <Table<ShippingImportIssue>
              size="small"
              rowKey={(issue) => `${issue.line}-${issue.column ?? ''}-${issue.code}`}
              dataSource={issues.items}
              pagination={issues.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              columns={[
                { title: t('shippingImport.line'), dataIndex: 'line', width: 80, render: (line: number) => t('shippingImport.lineNumber', { line }) },
                {
                  title: t('shippingImport.column'),
                  dataIndex: 'column',
                  width: 120,
                  render: (column: string | null) => (column ? (COLUMN_LABELS[column] ? t(COLUMN_LABELS[column]) : column) : t('shippingImport.wholeRow')),
                },
                { title: t('shippingImport.problem'), dataIndex: 'message', render: (text: string) => <span data-testid="shipping-import-issue">{text}</span> },
              ]}
            />
          </div>
        ) : null}
        {report ? (
          <div data-testid="shipping-import-report">
            <Alert
              type={report.dryRun ? 'info' : 'success'}
              showIcon
              icon={<CheckCircleOutlined />}
              style={{ marginBottom: 12 }}
              title={report.dryRun ? t('shippingImport.checked', { count: report.shipped.length }) : t('shippingImport.done', { count: report.shipped.length })}
            />
            <Table
              size="small"
              rowKey="subOrderId"
              dataSource={report.shipped}
              pagination={report.shipped.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              columns={[
                { title: t('shippingImport.line'), dataIndex: 'line', width: 80, render: (line: number) => t('shippingImport.lineNumber', { line }) },
                { title: t('orders.subOrderId'), dataIndex: 'subOrderId', render: (id: string) => <span style={mono}>{id}</span> },
                { title: t('orders.carrier'), dataIndex: 'carrierName', width: 120 },
                { title: t('orders.trackingNumber'), dataIndex: 'trackingNumber', width: 160, render: (value: string) => <span style={mono}>{value}</span> },
              ]}
            />
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
