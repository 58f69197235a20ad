import { CheckOutlined, CloseOutlined, EditOutlined, FireOutlined, LockOutlined, SendOutlined, ShopOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Image, Popconfirm, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { useAuth } from '../auth';
import { FixedPriceModal } from './fixed-price-modal';
import { ReasonModal } from '../components/reason-modal';
import { StatusTag } from '../components/status-tag';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Fen, ProductDetail, Sku } from '../types';
import { IMAGE_FALLBACK } from './image-fallback';

interface Props {
  productId: string;
  onClose: () => void;
  onEdit: (product: ProductDetail) => void;
  /** After any status change, so the list can refresh. */
  onChanged: () => void;
  /** Bumped by the parent after an edit so the drawer reloads. */
  version?: number;
}

/** Statuses in which the API accepts an edit (a product under review or on sale is locked). */
export const EDITABLE_STATUSES = ['draft', 'rejected', 'approved', 'off_sale'];

export function ProductDetailDrawer({ productId, onClose, onEdit, onChanged, version = 0 }: Props) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [fixingPrices, setFixingPrices] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<ProductDetail>(`/admin/products/${encodeURIComponent(productId)}`, { signal: controller.signal })
      .then((detail) => {
        setProduct(detail);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setLoading(false);
      });
    return () => controller.abort();
  }, [productId, locale, version]);

  const act = useCallback(
    async (key: string, path: string, body?: unknown, success?: string) => {
      setBusy(key);
      try {
        const updated = await api.post<ProductDetail>(`/admin/products/${encodeURIComponent(productId)}/${path}`, body);
        setProduct(updated);
        if (success) void message.success(success);
        onChanged();
      } finally {
        setBusy(null);
      }
    },
    [productId, message, onChanged],
  );
  const run = (key: string, path: string, body?: unknown, success?: string) => {
    void act(key, path, body, success).catch(() => undefined);
  };

  const canWrite = can('product.write');
  const canReview = can('catalog.review');
  const status = product?.status;
  const actions: React.ReactNode[] = [];
  if (product && canWrite && status && EDITABLE_STATUSES.includes(status)) {
    actions.push(
      <Button key="edit" icon={<EditOutlined />} data-testid="product-edit" onClick={() => onEdit(product)}>
        {t('common.edit')}
      </Button>,
    );
  }
  if (canWrite && (status === 'draft' || status === 'rejected')) {
    actions.push(
      <Button
        key="submit"
        type="primary"
        icon={<SendOutlined />}
        loading={busy === 'submit'}
        data-testid="product-submit"
        onClick={() => run('submit', 'submit', undefined, t('products.submitted'))}
      >
        {t('products.submit')}
      </Button>,
    );
  }
  if (canWrite && (status === 'approved' || status === 'off_sale')) {
    actions.push(
      <Button
        key="on-sale"
        type="primary"
        icon={<ShopOutlined />}
        loading={busy === 'on-sale'}
        data-testid="product-on-sale"
        onClick={() => run('on-sale', 'on-sale', undefined, t('products.listed'))}
      >
        {t('products.putOnSale')}
      </Button>,
    );
  }
  if (canWrite && (status === 'on_sale' || status === 'approved')) {
    actions.push(
      <Popconfirm
        key="off-sale"
        title={t('products.offSaleConfirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'confirm-ok' }}
        onConfirm={() => act('off-sale', 'off-sale', undefined, t('products.delisted')).catch(() => undefined)}
      >
        <Button icon={<StopOutlined />} loading={busy === 'off-sale'} data-testid="product-off-sale">
          {t('products.takeOffSale')}
        </Button>
      </Popconfirm>,
    );
  }
  if (canReview && status === 'pending_review') {
    actions.push(
      <Button
        key="approve"
        type="primary"
        icon={<CheckOutlined />}
        loading={busy === 'approve'}
        data-testid="product-approve"
        onClick={() => run('approve', 'review', { decision: 'approve' }, t('review.approved'))}
      >
        {t('review.approve')}
      </Button>,
      <Button key="reject" danger icon={<CloseOutlined />} data-testid="product-reject" onClick={() => setRejecting(true)}>
        {t('review.reject')}
      </Button>,
    );
  }

  // The platform may fix the retail price of SKUs that can be sold, so every storefront sells them alike.
  if (canReview && product && (status === 'on_sale' || status === 'approved')) {
    actions.push(
      <Button key="fixed-prices" icon={<LockOutlined />} data-testid="product-fixed-prices" onClick={() => setFixingPrices(true)}>
        {t('fixedPrice.open')}
      </Button>,
    );
  }

  const skuColumns: TableColumnsType<Sku> = [
    { title: t('sku.code'), dataIndex: 'skuCode', width: 140, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('sku.specs'),
      dataIndex: 'specs',
      render: (specs: Sku['specs']) =>
        specs.length ? (
          <Space size={[4, 4]} wrap>
            {specs.map((spec) => (
              <Tag key={`${spec.name}:${spec.value}`}>
                {spec.name}: {spec.value}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    { title: t('sku.supplyPrice'), dataIndex: 'supplyPriceFen', align: 'right', width: 100, render: (fen: Fen) => formatFen(fen) },
    { title: t('sku.minRetail'), dataIndex: 'minRetailPriceFen', align: 'right', width: 100, render: (fen: Fen) => formatFen(fen) },
    { title: t('sku.suggestedRetail'), dataIndex: 'suggestedRetailPriceFen', align: 'right', width: 100, render: (fen: Fen) => formatFen(fen) },
    { title: t('sku.maxRetail'), dataIndex: 'maxRetailPriceFen', align: 'right', width: 100, render: (fen: Fen) => formatFen(fen) },
    {
      title: t('fixedPrice.column'),
      dataIndex: 'fixedRetailPriceFen',
      align: 'right',
      width: 100,
      render: (fen: Fen | null | undefined) => (fen === null || fen === undefined ? t('common.none') : <Tag color="blue">{formatFen(fen)}</Tag>),
    },
    { title: t('sku.stock'), dataIndex: 'stock', align: 'right', width: 80 },
    { title: t('sku.weight'), dataIndex: 'weightGrams', align: 'right', width: 90, render: (grams: number) => `${grams} g` },
  ];

  // 爆品专享: the platform reserves a product for members whose level grants hot-product access (audited).
  const setHotProduct = (hotProduct: boolean) => {
    setBusy('hot-product');
    api
      .put<ProductDetail>(`/admin/products/${encodeURIComponent(productId)}/hot-product`, { hotProduct })
      .then((updated) => {
        setProduct({ ...updated, supplierName: product?.supplierName ?? updated.supplierName });
        void message.success(t(hotProduct ? 'growth.hot.reserved' : 'growth.hot.released'));
        onChanged();
      })
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };
  const hotProductItem = product
    ? {
        key: 'hotProduct',
        label: t('growth.hot.toggle'),
        span: 2,
        children: canReview ? (
          <Space>
            <Switch checked={Boolean(product.hotProduct)} loading={busy === 'hot-product'} onChange={setHotProduct} data-testid="product-hot-toggle" />
            <Typography.Text type="secondary">{t('growth.hot.hint')}</Typography.Text>
          </Space>
        ) : product.hotProduct ? (
          <Tag color="volcano" icon={<FireOutlined />}>
            {t('growth.hot.tag')}
          </Tag>
        ) : (
          t('common.none')
        ),
      }
    : null;

  const none = t('common.none');
  const reportUrl = product?.quality.inspectionReportUrl;

  return (
    <Drawer
      open
      size={980}
      title={product ? product.title : t('products.detail')}
      onClose={onClose}
      extra={<Space wrap>{actions}</Space>}
      destroyOnHidden
    >
      <div data-testid="product-detail" data-status={product?.status ?? ''}>
        {loading && !product ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : !product ? (
          <Empty />
        ) : (
          <Space orientation="vertical" size={20} style={{ width: '100%' }}>
            {product.status === 'rejected' && product.rejectionReason ? (
              <Alert
                type="error"
                showIcon
                title={t('products.rejectionReason')}
                description={product.rejectionReason}
                data-testid="product-rejection-reason"
              />
            ) : null}
            <Descriptions
              bordered
              size="small"
              column={2}
              items={[
                { key: 'status', label: t('common.status'), children: <StatusTag status={product.status} /> },
                { key: 'spu', label: t('products.spuCode'), children: <Typography.Text code>{product.spuCode}</Typography.Text> },
                { key: 'subtitle', label: t('products.subtitle'), children: product.subtitle || none },
                { key: 'category', label: t('products.category'), children: product.category || none },
                { key: 'supplier', label: t('products.supplier'), children: product.supplierName ?? none },
                { key: 'stock', label: t('products.totalStock'), children: product.totalStock ?? none },
                { key: 'submittedAt', label: t('products.submittedAt'), children: formatDateTime(product.submittedAt) },
                { key: 'reviewedAt', label: t('products.reviewedAt'), children: formatDateTime(product.reviewedAt) },
                ...(hotProductItem ? [hotProductItem] : []),
              ]}
            />
            <div>
              <Typography.Title level={5}>{t('products.images')}</Typography.Title>
              {product.imageUrls.length ? (
                <Image.PreviewGroup>
                  <Space wrap>
                    {product.imageUrls.map((url) => (
                      <Image key={url} src={url} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 4 }} fallback={IMAGE_FALLBACK} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : (
                <Typography.Text type="secondary">{t('products.noImages')}</Typography.Text>
              )}
            </div>
            <div>
              <Typography.Title level={5}>{t('products.skus')}</Typography.Title>
              <Table<Sku>
                rowKey="id"
                size="small"
                columns={skuColumns}
                dataSource={product.skus}
                pagination={false}
                scroll={{ x: 860 }}
                data-testid="product-detail-skus"
              />
            </div>
            <div>
              <Typography.Title level={5}>{t('products.quality')}</Typography.Title>
              <Descriptions
                bordered
                size="small"
                column={1}
                items={[
                  { key: 'origin', label: t('products.origin'), children: product.quality.origin || none },
                  { key: 'batch', label: t('products.batchNumber'), children: product.quality.batchNumber || none },
                  {
                    key: 'report',
                    label: t('products.inspectionReport'),
                    children: reportUrl ? (
                      <Typography.Link href={reportUrl} target="_blank" rel="noopener noreferrer">
                        {reportUrl}
                      </Typography.Link>
                    ) : (
                      none
                    ),
                  },
                ]}
              />
            </div>
            <div>
              <Typography.Title level={5}>{t('products.description')}</Typography.Title>
              {product.description ? (
                // Sanitised by the server, and shown in a sandbox without scripts as a second guard.
                <iframe
                  title={t('products.description')}
                  sandbox=""
                  srcDoc={`<!doctype html><meta charset="utf-8"><style>body{font:14px/1.6 system-ui,sans-serif;margin:8px;color:#333}img{max-width:100%}</style>${product.description}`}
                  style={{ width: '100%', height: 220, border: '1px solid #f0f0f0', borderRadius: 6 }}
                />
              ) : (
                <Typography.Text type="secondary">{none}</Typography.Text>
              )}
            </div>
          </Space>
        )}
      </div>
      {fixingPrices && product ? (
        <FixedPriceModal
          product={product}
          onClose={() => setFixingPrices(false)}
          onSaved={(updated) => {
            setFixingPrices(false);
            // The answer does not name the supplier; keep the name already shown.
            setProduct({ ...updated, supplierName: product.supplierName });
            onChanged();
          }}
        />
      ) : null}
      {rejecting ? (
        <ReasonModal
          title={t('review.rejectProductTitle')}
          onClose={() => setRejecting(false)}
          onSubmit={async (reason) => {
            await act('reject', 'review', { decision: 'reject', reason }, t('review.rejected'));
            setRejecting(false);
          }}
        />
      ) : null}
    </Drawer>
  );
}
