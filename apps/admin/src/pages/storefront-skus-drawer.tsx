import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Image, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { ProductDetail, Sku, StorefrontItem } from '../types';
import { IMAGE_FALLBACK } from './image-fallback';
import { specsLabel, type PriceTarget } from './storefront-price-modal';

interface Props {
  productId: string;
  /** The storefront's items by SKU id, to show which SKUs are picked and at what price. */
  picked: ReadonlyMap<string, StorefrontItem>;
  onPrice: (target: PriceTarget) => void;
  onClose: () => void;
}

/** A supply product's SKUs with supply price and retail band, each one pickable into the storefront. */
export function StorefrontSkusDrawer({ productId, picked, onPrice, onClose }: Props) {
  const { t, locale } = useI18n();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [loading, setLoading] = useState(true);

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
  }, [productId, locale]);

  const columns: TableColumnsType<Sku> = [
    {
      title: t('storefront.sku'),
      key: 'specs',
      render: (_, sku) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{specsLabel(sku)}</div>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {sku.skuCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('storefront.supplyPrice'), dataIndex: 'supplyPriceFen', width: 100, align: 'right', render: (value) => formatFen(value) },
    {
      title: t('storefront.band'),
      key: 'band',
      width: 170,
      align: 'right',
      render: (_, sku) => (
        <span data-testid="sku-band">
          {formatFen(sku.minRetailPriceFen)} – {formatFen(sku.maxRetailPriceFen)}
        </span>
      ),
    },
    { title: t('storefront.suggested'), dataIndex: 'suggestedRetailPriceFen', width: 100, align: 'right', render: (value) => formatFen(value) },
    { title: t('storefront.stock'), dataIndex: 'stock', width: 70, align: 'right' },
    {
      title: t('storefront.inStorefront'),
      key: 'mine',
      width: 100,
      align: 'right',
      render: (_, sku) => {
        const item = picked.get(sku.id);
        return item ? (
          <Typography.Text strong type="success" data-testid="sku-my-price">
            {formatFen(item.retailPriceFen)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('storefront.notInStorefront')}</Typography.Text>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, sku) => {
        const item = picked.get(sku.id);
        const target: PriceTarget = {
          productTitle: product?.title ?? '',
          sku,
          ...(item ? { current: { retailPriceFen: item.retailPriceFen, featured: item.featured } } : {}),
        };
        return item ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => onPrice(target)} data-testid="sku-reprice">
            {t('storefront.editPrice')}
          </Button>
        ) : (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => onPrice(target)} data-testid="sku-pick">
            {t('storefront.add')}
          </Button>
        );
      },
    },
  ];

  return (
    <Drawer open width={920} title={product ? t('storefront.skusTitle', { title: product.title }) : t('storefront.select')} onClose={onClose} destroyOnHidden>
      {product ? (
        <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
          {product.imageUrl ? (
            <Image src={product.imageUrl} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 6 }} preview={false} fallback={IMAGE_FALLBACK} />
          ) : null}
          <div>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {product.title}
            </Typography.Title>
            {product.subtitle ? <Typography.Text type="secondary">{product.subtitle}</Typography.Text> : null}
            <div style={{ marginTop: 4 }}>
              {product.category ? <Tag>{product.category}</Tag> : null}
              {product.supplierName ? <Tag color="blue">{product.supplierName}</Tag> : null}
            </div>
          </div>
        </Flex>
      ) : null}
      <Table<Sku>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={product?.skus ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 820 }}
        data-testid="storefront-skus-table"
        onRow={(sku) => ({ 'data-sku-code': sku.skuCode }) as React.HTMLAttributes<HTMLElement>}
      />
    </Drawer>
  );
}
