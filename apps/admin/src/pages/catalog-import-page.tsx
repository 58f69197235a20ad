import { DownloadOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import type { CatalogImportReport, ImportFormat, ImportMode, ImportRowError } from '../types';
import { useOrganizations } from '../use-reference-data';

/** The documented columns (docs/catalog-import.md), in order, for the template. */
export const IMPORT_COLUMNS = [
  'spuCode',
  'title',
  'subtitle',
  'category',
  'description',
  'imageUrls',
  'shippingTemplateId',
  'batchNumber',
  'origin',
  'inspectionReportUrl',
  'skuCode',
  'specs',
  'supplyPriceFen',
  'minRetailPriceFen',
  'suggestedRetailPriceFen',
  'maxRetailPriceFen',
  'stock',
  'weightGrams',
] as const;

type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const TEMPLATE_ROWS: ReadonlyArray<Partial<Record<ImportColumn, string>>> = [
  {
    spuCode: 'BLC-01',
    title: '白茶, 寿眉',
    category: '茶叶',
    imageUrls: 'https://img.example.com/blc-1.jpg|https://img.example.com/blc-2.jpg',
    origin: '福建福鼎',
    skuCode: 'BLC-01-100',
    specs: '规格:100g',
    supplyPriceFen: '3000',
    minRetailPriceFen: '3500',
    suggestedRetailPriceFen: '4800',
    maxRetailPriceFen: '5800',
    stock: '50',
    weightGrams: '120',
  },
  {
    spuCode: 'BLC-01',
    title: '白茶, 寿眉',
    category: '茶叶',
    imageUrls: 'https://img.example.com/blc-1.jpg|https://img.example.com/blc-2.jpg',
    origin: '福建福鼎',
    skuCode: 'BLC-01-250',
    specs: '规格:250g',
    supplyPriceFen: '7000',
    minRetailPriceFen: '8000',
    suggestedRetailPriceFen: '9800',
    maxRetailPriceFen: '11800',
    stock: '30',
    weightGrams: '280',
  },
];

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function buildCsvTemplate(): string {
  const lines = [IMPORT_COLUMNS.join(',')];
  for (const row of TEMPLATE_ROWS) lines.push(IMPORT_COLUMNS.map((column) => csvField(row[column] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function downloadTemplate() {
  // The BOM makes Excel open the file as UTF-8 (the server accepts it).
  const blob = new Blob(['\uFEFF', buildCsvTemplate()], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = 'linkmall-catalog-template.csv';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const MAX_BYTES = 2 * 1024 * 1024;

function importErrorsOf(error: ApiError): { errorCount: number; errors: ImportRowError[] } | null {
  if (error.code !== 'import_invalid' || typeof error.details !== 'object' || error.details === null) return null;
  const details = error.details as { errorCount?: unknown; errors?: unknown };
  if (!Array.isArray(details.errors)) return null;
  return { errorCount: typeof details.errorCount === 'number' ? details.errorCount : details.errors.length, errors: details.errors as ImportRowError[] };
}

export function CatalogImportPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [mode, setMode] = useState<ImportMode>('create');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [supplierId, setSupplierId] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [report, setReport] = useState<CatalogImportReport | null>(null);
  const [rowErrors, setRowErrors] = useState<{ errorCount: number; errors: ImportRowError[]; message: string } | null>(null);
  const [otherError, setOtherError] = useState<ApiError | null>(null);

  const needsSupplier = user?.organization?.kind !== 'supplier';
  const organizations = useOrganizations(needsSupplier && can('organization.read'));
  const supplierOptions = useMemo(
    () => organizations.filter((organization) => organization.kind === 'supplier').map((organization) => ({ value: organization.id, label: organization.name })),
    [organizations],
  );
  const byteLength = useMemo(() => new TextEncoder().encode(content).length, [content]);

  const pickFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t('import.tooLarge'));
      return;
    }
    const text = await file.text();
    setContent(text.replace(/^\uFEFF/, ''));
    setFileName(file.name);
    if (/\.json$/i.test(file.name)) setFormat('json');
    else if (/\.csv$/i.test(file.name)) setFormat('csv');
  };

  const submit = async () => {
    setReport(null);
    setRowErrors(null);
    setOtherError(null);
    if (!content.trim()) {
      void message.warning(t('import.contentRequired'));
      return;
    }
    if (needsSupplier && !supplierId) {
      void message.warning(t('products.supplierRequired'));
      return;
    }
    setSubmitting(true);
    try {
      const result = await api.post<CatalogImportReport>(
        '/admin/catalog/imports',
        { format, mode, content, ...(needsSupplier ? { supplierId } : {}) },
        { silent: true },
      );
      setReport(result);
      void message.success(t('import.success', { created: result.created, updated: result.updated }));
    } catch (error) {
      if (error instanceof ApiError) {
        const rows = importErrorsOf(error);
        if (rows) setRowErrors({ ...rows, message: error.message });
        else setOtherError(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const errorColumns: TableColumnsType<ImportRowError> = [
    {
      title: t('import.row'),
      dataIndex: 'row',
      width: 90,
      render: (row: number) => (row === 0 ? <Tag>{t('import.rowFile')}</Tag> : row),
    },
    { title: t('import.column'), dataIndex: 'column', width: 200, render: (column: string | null) => (column ? <Typography.Text code>{column}</Typography.Text> : t('import.wholeRow')) },
    { title: t('import.code'), dataIndex: 'code', width: 190, render: (code: string) => <Tag color="red">{code}</Tag> },
    { title: t('import.message'), dataIndex: 'message' },
  ];

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="import-template">
            {t('import.downloadTemplate')}
          </Button>
        }
      />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('import.intro')} description={t('import.introDetail')} />
        <Form layout="vertical">
          <Row gutter={16}>
            {needsSupplier ? (
              <Col xs={24} md={8}>
                <Form.Item label={t('products.supplier')} required>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    value={supplierId}
                    onChange={(value: string) => setSupplierId(value)}
                    options={supplierOptions}
                    data-testid="import-supplier"
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={8}>
              <Form.Item label={t('import.format')}>
                <Radio.Group
                  optionType="button"
                  value={format}
                  onChange={(event) => setFormat(event.target.value as ImportFormat)}
                  options={[
                    { value: 'csv', label: 'CSV' },
                    { value: 'json', label: 'JSON' },
                  ]}
                  data-testid="import-format"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('import.mode')} extra={t(mode === 'create' ? 'import.modeCreateHint' : 'import.modeUpsertHint')}>
                <Radio.Group
                  optionType="button"
                  value={mode}
                  onChange={(event) => setMode(event.target.value as ImportMode)}
                  options={[
                    { value: 'create', label: t('import.modeCreate') },
                    { value: 'upsert', label: t('import.modeUpsert') },
                  ]}
                  data-testid="import-mode"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={
              <Space>
                {t('import.content')}
                {fileName ? (
                  <Tag icon={<FileTextOutlined />} color="blue">
                    {fileName}
                  </Tag>
                ) : null}
              </Space>
            }
            extra={t('import.contentHint', { size: (byteLength / 1024).toFixed(1) })}
          >
            <Input.TextArea
              rows={10}
              value={content}
              onChange={(event) => {
                setContent(event.target.value);
                setFileName(null);
              }}
              placeholder={format === 'csv' ? IMPORT_COLUMNS.join(',') : '[{"spuCode": "…", "title": "…", …}]'}
              style={{ fontFamily: 'monospace', fontSize: 12 }}
              data-testid="import-content"
            />
          </Form.Item>
          <Space wrap>
            <Upload
              accept=".csv,.json,text/csv,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void pickFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="import-file">
                {t('import.pickFile')}
              </Button>
            </Upload>
            <Button type="primary" loading={submitting} onClick={() => void submit()} data-testid="import-submit">
              {t('import.submit')}
            </Button>
          </Space>
        </Form>
      </Card>
      {otherError ? (
        <Card style={{ marginTop: 16 }}>
          <ApiErrorAlert error={otherError} testId="import-failure" />
        </Card>
      ) : null}
      {rowErrors ? (
        <Card style={{ marginTop: 16 }} title={t('import.errorsTitle')} data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={rowErrors.message}
            description={
              rowErrors.errorCount > rowErrors.errors.length
                ? t('import.errorsTruncated', { shown: rowErrors.errors.length, total: rowErrors.errorCount })
                : t('import.nothingWritten')
            }
          />
          <Table<ImportRowError>
            rowKey={(record) => `${record.row}-${record.column ?? ''}-${record.code}-${record.message}`}
            size="small"
            columns={errorColumns}
            dataSource={rowErrors.errors}
            pagination={rowErrors.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            data-testid="import-errors-table"
          />
        </Card>
      ) : null}
      {report ? (
        <Card style={{ marginTop: 16 }} title={t('import.resultTitle')} data-testid="import-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic title={t('import.rowCount')} value={report.rowCount} />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.created')} value={report.created} styles={{ content: { color: '#3f8600' } }} data-testid="import-created" />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.updated')} value={report.updated} styles={{ content: { color: '#1668dc' } }} data-testid="import-updated" />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.unchanged')} value={report.unchanged} />
            </Col>
          </Row>
          <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('import.draftNotice')} action={<Link to="/products">{t('import.goProducts')}</Link>} />
          <Table
            rowKey="productId"
            size="small"
            pagination={false}
            dataSource={report.products}
            columns={[
              { title: 'SPU', dataIndex: 'spuCode', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
              { title: t('import.action'), dataIndex: 'action', render: (action: 'created' | 'updated' | 'unchanged') => <Tag>{t(`import.${action}`)}</Tag> },
              { title: 'ID', dataIndex: 'productId', render: (id: string) => <Typography.Text type="secondary" copyable>{id}</Typography.Text> },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
