import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { PRODUCT_STATUSES } from '../types';
import type { Fen, Product, ProductDetail, ProductStatus } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { ProductDetailDrawer } from './product-detail-drawer';
import { ProductEditor } from './product-editor';
import { IMAGE_FALLBACK } from './image-fallback';

/** "¥12.30" or "¥12.30 – ¥58.00" when the SKUs differ; the list carries the lowest prices. */
function PriceCell({ product }: { product: Product }) {
  const { t } = useI18n();
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('products.supplyPriceShort')}
        </Typography.Text>{' '}
        {formatFen(product.supplyPriceFen)}
        {(product.skuCount ?? 1) > 1 ? <Typography.Text type="secondary"> {t('products.priceFrom')}</Typography.Text> : null}
      </div>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('products.retailPriceShort')}
        </Typography.Text>{' '}
        {formatFen(product.retailPriceFen)}
        {(product.skuCount ?? 1) > 1 ? <Typography.Text type="secondary"> {t('products.priceFrom')}</Typography.Text> : null}
      </div>
    </div>
  );
}

export function ProductsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<ProductStatus | undefined>();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const [editing, setEditing] = useState<ProductDetail | 'new' | null>(null);
  const list = usePagedList<Product>('/admin/products', { status, q: query });
  const canWrite = can('product.write');
  const reload = list.reload;
  const onChanged = useCallback(() => reload(), [reload]);

  const columns: TableColumnsType<Product> = [
    {
      title: t('products.product'),
      dataIndex: 'title',
      render: (title: string, product) => (
        <Flex gap={12} align="center">
          {product.imageUrl ? (
            <Image src={product.imageUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} fallback={IMAGE_FALLBACK} />
          ) : null}
          <div>
            <Typography.Link strong onClick={() => setOpenId(product.id)} data-testid={`product-open-${product.id}`}>
              {title}
            </Typography.Link>
            {product.hotProduct ? (
              <Tag color="volcano" style={{ marginInlineStart: 8 }} data-testid="product-hot-tag">
                {t('growth.hot.tag')}
              </Tag>
            ) : null}
            {product.subtitle ? (
              <>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {product.subtitle}
                </Typography.Text>
              </>
            ) : null}
          </div>
        </Flex>
      ),
    },
    {
      title: t('products.spuCode'),
      dataIndex: 'spuCode',
      width: 140,
      ellipsis: { showTitle: true },
      render: (value: string) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{value}</span>,
    },
    { title: t('products.category'), dataIndex: 'category', width: 100, render: (value: string | null) => value || t('common.none') },
    { title: t('products.supplier'), dataIndex: 'supplierName', width: 190, render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('products.price'),
      key: 'price',
      width: 170,
      render: (_, product) => <PriceCell product={product} />,
    },
    {
      title: t('products.totalStock'),
      dataIndex: 'totalStock',
      width: 90,
      align: 'right',
      render: (stock: number | undefined, product) => (
        <span title={t('products.skuCount', { count: product.skuCount ?? 0 })}>{stock ?? t('common.none')}</span>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (value: string) => <StatusTag status={value} /> },
    { title: t('products.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (value: string | undefined) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, product) => (
        <Button type="link" size="small" onClick={() => setOpenId(product.id)} data-testid={`product-view-${product.id}`}>
          {t('products.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('products.title')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="product-create" onClick={() => setEditing('new')}>
              {t('products.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('products.searchPlaceholder')}
            onSearch={(value) => setQuery(value.trim())}
            style={{ width: 260 }}
            data-testid="products-search"
          />
          <Select
            allowClear
            placeholder={t('products.statusFilter')}
            value={status}
            onChange={(value: ProductStatus | undefined) => setStatus(value)}
            options={PRODUCT_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
            style={{ width: 180 }}
            data-testid="products-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="products-reload">
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<Product>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1400 }}
          data-testid="products-table"
          pagination={tablePagination(list, t)}
          onRow={(product) => ({ 'data-product-id': product.id, 'data-status': product.status }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      {openId ? (
        <ProductDetailDrawer
          productId={openId}
          version={detailVersion}
          onClose={() => setOpenId(null)}
          onEdit={(product) => setEditing(product)}
          onChanged={onChanged}
        />
      ) : null}
      {editing ? (
        <ProductEditor
          product={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            list.reload();
            setDetailVersion((value) => value + 1);
            setOpenId(saved.id);
          }}
        />
      ) : null}
    </>
  );
}
