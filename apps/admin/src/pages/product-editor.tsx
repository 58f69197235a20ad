import { Alert, App, Button, Col, Divider, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { ProductDetail } from '../types';
import { useOrganizations } from '../use-reference-data';
import { newSkuRow, rowsFromSkus, SkuEditor, validateSkuRows } from './sku-editor';
import type { SkuProblem, SkuRow } from './sku-editor';

interface ProductForm {
  supplierId?: string;
  spuCode?: string;
  title: string;
  subtitle?: string;
  category: string;
  imageUrls?: string;
  description?: string;
  origin?: string;
  batchNumber?: string;
  inspectionReportUrl?: string;
}

interface Props {
  /** The product to edit; absent to create one. */
  product?: ProductDetail;
  onClose: () => void;
  onSaved: (product: ProductDetail) => void;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const URL_PATTERN = /^https?:\/\/\S+$/i;

function splitUrls(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function ProductEditor({ product, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductForm>();
  const initial = useMemo(() => (product ? rowsFromSkus(product.skus) : { specNames: [], rows: [newSkuRow(0)] }), [product]);
  const [specNames, setSpecNames] = useState<string[]>(initial.specNames);
  const [rows, setRows] = useState<SkuRow[]>(initial.rows);
  const [problems, setProblems] = useState<SkuProblem[]>([]);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Platform staff create on behalf of a supplier; a supplier always creates in its own catalog.
  const needsSupplier = !product && user?.organization?.kind !== 'supplier';
  const organizations = useOrganizations(needsSupplier && can('organization.read'));
  const supplierOptions = organizations
    .filter((organization) => organization.kind === 'supplier')
    .map((organization) => ({ value: organization.id, label: organization.name }));

  const handleRowsChange = (next: SkuRow[]) => {
    setRows(next);
    // Re-check only once the user has seen problems, so typing does not flash errors.
    if (problems.length) setProblems(validateSkuRows(next, specNames, t).problems);
  };

  const save = async () => {
    setServerError(null);
    const checked = validateSkuRows(rows, specNames, t);
    setProblems(checked.problems);
    let values: ProductForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (checked.problems.length) return;
    const body: Record<string, unknown> = {
      title: values.title.trim(),
      subtitle: (values.subtitle ?? '').trim(),
      category: values.category.trim(),
      description: values.description ?? '',
      imageUrls: splitUrls(values.imageUrls),
      quality: {
        origin: values.origin?.trim() || null,
        batchNumber: values.batchNumber?.trim() || null,
        inspectionReportUrl: values.inspectionReportUrl?.trim() || null,
      },
      skus: checked.skus,
    };
    if (!product) {
      if (values.spuCode?.trim()) body.spuCode = values.spuCode.trim();
      if (needsSupplier) body.supplierId = values.supplierId;
    }
    setSubmitting(true);
    try {
      const saved = product
        ? await api.patch<ProductDetail>(`/admin/products/${encodeURIComponent(product.id)}`, body, { silent: true })
        : await api.post<ProductDetail>('/admin/products', body, { silent: true });
      void message.success(t(product ? 'products.saved' : 'products.created'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError) setServerError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open
      size={1100}
      title={product ? t('products.editTitle', { title: product.title }) : t('products.createTitle')}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => void save()} data-testid="product-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <div data-testid="product-editor">
        <ApiErrorAlert error={serverError} testId="product-form-server-error" />
        {product && product.status !== 'draft' && product.status !== 'rejected' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('products.editBackToDraft')} />
        ) : null}
        <Form<ProductForm>
          form={form}
          layout="vertical"
          initialValues={
            product
              ? {
                  spuCode: product.spuCode,
                  title: product.title,
                  subtitle: product.subtitle ?? '',
                  category: product.category ?? '',
                  imageUrls: product.imageUrls.join('\n'),
                  description: product.description,
                  origin: product.quality.origin ?? '',
                  batchNumber: product.quality.batchNumber ?? '',
                  inspectionReportUrl: product.quality.inspectionReportUrl ?? '',
                }
              : {}
          }
        >
          <Row gutter={16}>
            {needsSupplier ? (
              <Col span={12}>
                <Form.Item name="supplierId" label={t('products.supplier')} rules={[{ required: true, message: t('products.supplierRequired') }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={supplierOptions} data-testid="product-form-supplier" />
                </Form.Item>
              </Col>
            ) : null}
            <Col span={12}>
              <Form.Item
                name="spuCode"
                label={t('products.spuCode')}
                extra={product ? undefined : t('products.spuCodeHint')}
                rules={[{ pattern: CODE_PATTERN, message: t('products.spuCodeFormat') }]}
              >
                <Input maxLength={64} disabled={Boolean(product)} data-testid="product-form-spuCode" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="title" label={t('products.productTitle')} rules={[{ required: true, whitespace: true, message: t('products.titleRequired') }]}>
                <Input maxLength={100} showCount data-testid="product-form-title" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="subtitle" label={t('products.subtitle')}>
                <Input maxLength={200} data-testid="product-form-subtitle" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="category" label={t('products.category')} rules={[{ required: true, whitespace: true, message: t('products.categoryRequired') }]}>
                <Input maxLength={50} data-testid="product-form-category" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="imageUrls"
                label={t('products.images')}
                extra={t('products.imagesHint')}
                rules={[
                  {
                    validator: async (_, value: string | undefined) => {
                      const urls = splitUrls(value);
                      if (urls.length > 20) throw new Error(t('products.imagesTooMany'));
                      const bad = urls.find((url) => !URL_PATTERN.test(url) || url.length > 500);
                      if (bad) throw new Error(t('products.imagesInvalid', { url: bad }));
                    },
                  },
                ]}
              >
                <Input.TextArea rows={3} placeholder="https://img.example.com/cover.jpg" data-testid="product-form-images" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('products.description')} extra={t('products.descriptionHint')}>
                <Input.TextArea rows={5} maxLength={20000} data-testid="product-form-description" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="origin" label={t('products.origin')}>
                <Input maxLength={100} data-testid="product-form-origin" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="batchNumber" label={t('products.batchNumber')}>
                <Input maxLength={64} data-testid="product-form-batch" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="inspectionReportUrl"
                label={t('products.inspectionReport')}
                rules={[{ pattern: URL_PATTERN, message: t('products.urlInvalid') }]}
              >
                <Input placeholder="https://" data-testid="product-form-report" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Divider titlePlacement="start">{t('products.skus')}</Divider>
        {problems.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="sku-errors"
            title={t('sku.fixProblems', { count: problems.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((problem, index) => (
                  <li key={index}>{problem.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <SkuEditor
          specNames={specNames}
          rows={rows}
          problems={problems}
          onSpecNamesChange={(names) => {
            setSpecNames(names);
            if (problems.length) setProblems([]);
          }}
          onRowsChange={handleRowsChange}
        />
      </div>
    </Drawer>
  );
}
