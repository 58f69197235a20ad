import { AppstoreAddOutlined, DeleteOutlined, EditOutlined, ReloadOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Image, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, isAbortError } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Product, ProductDetail, StorefrontItem, StorefrontView } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { IMAGE_FALLBACK } from './image-fallback';
import { StorefrontPriceModal, type PriceTarget } from './storefront-price-modal';
import { StorefrontSkusDrawer } from './storefront-skus-drawer';
import { StorefrontDecorationForm } from './storefront-decoration';

type TabKey = 'items' | 'catalog' | 'decoration';

/** The merchant's storefront as buyers see it; the console has no separate read endpoint for it. */
function useStorefront(merchantId: string | undefined) {
  const { locale } = useI18n();
  const [storefront, setStorefront] = useState<StorefrontView | null>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!merchantId) return;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<StorefrontView>(`/shop/storefronts/${encodeURIComponent(merchantId)}`, { signal: controller.signal })
      .then((view) => {
        setStorefront(view);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setLoading(false);
      });
    return () => controller.abort();
  }, [merchantId, locale, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { storefront, loading, reload };
}

const CATALOG_STATUS = 'on_sale';

export function StorefrontPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const merchantId = user?.organization?.kind === 'merchant' ? user.organization.id : undefined;
  const { storefront, loading, reload } = useStorefront(merchantId);
  const [tab, setTab] = useState<TabKey>('items');
  const [query, setQuery] = useState('');
  const catalog = usePagedList<Product>('/admin/products', { status: CATALOG_STATUS, q: query });
  const [openProductId, setOpenProductId] = useState<string | null>(null);
  const [priceTarget, setPriceTarget] = useState<PriceTarget | null>(null);
  const [busySkuId, setBusySkuId] = useState<string | null>(null);

  const items = storefront?.items ?? [];
  const picked = useMemo(() => new Map(items.map((item) => [item.skuId, item])), [items]);
  const pickedPerProduct = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.productId, (counts.get(item.productId) ?? 0) + 1);
    return counts;
  }, [items]);

  if (!merchantId) {
    return (
      <>
        <PageHeader title={t('storefront.title')} />
        <Card>
          <Empty description={t('storefront.noMerchant')} />
        </Card>
      </>
    );
  }

  /** Repricing needs the band, which only the supply product carries. */
  const openReprice = async (item: StorefrontItem) => {
    setBusySkuId(item.skuId);
    try {
      const product = await api.get<ProductDetail>(`/admin/products/${encodeURIComponent(item.productId)}`);
      const sku = product.skus.find((candidate) => candidate.id === item.skuId);
      if (sku) setPriceTarget({ productTitle: product.title, sku, current: { retailPriceFen: item.retailPriceFen, featured: item.featured } });
      else reload();
    } catch {
      // Reported by the API client.
    } finally {
      setBusySkuId(null);
    }
  };

  const remove = async (item: StorefrontItem) => {
    try {
      await api.delete(`/admin/storefront/items/${encodeURIComponent(item.skuId)}`);
      void message.success(t('storefront.removed'));
    } catch {
      // Reported by the API client; the list reloads either way to show the truth.
    }
    reload();
  };

  const itemColumns: TableColumnsType<StorefrontItem> = [
    {
      title: t('storefront.product'),
      dataIndex: 'title',
      render: (title: string, item) => (
        <div style={{ lineHeight: 1.5 }}>
          <Typography.Text strong>{title}</Typography.Text>
          {item.featured ? (
            <Tag color="gold" style={{ marginInlineStart: 8 }}>
              {t('storefront.featured')}
            </Tag>
          ) : null}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.specs}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('storefront.retailPrice'),
      dataIndex: 'retailPriceFen',
      width: 140,
      align: 'right',
      render: (value) => (
        <Typography.Text strong data-testid="storefront-item-price">
          {formatFen(value)}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, item) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} loading={busySkuId === item.skuId} onClick={() => void openReprice(item)} data-testid="storefront-item-reprice">
            {t('storefront.editPrice')}
          </Button>
          <Popconfirm
            title={t('storefront.removeConfirm', { title: item.title })}
            okText={t('storefront.remove')}
            okButtonProps={{ danger: true, ...({ 'data-testid': 'storefront-item-remove-confirm' } as Record<string, string>) }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(item)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="storefront-item-remove">
              {t('storefront.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const catalogColumns: TableColumnsType<Product> = [
    {
      title: t('storefront.product'),
      dataIndex: 'title',
      render: (title: string, product) => (
        <Flex gap={12} align="center">
          {product.imageUrl ? (
            <Image src={product.imageUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} fallback={IMAGE_FALLBACK} />
          ) : null}
          <div>
            <Typography.Link strong onClick={() => setOpenProductId(product.id)}>
              {title}
            </Typography.Link>
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
    { title: t('products.category'), dataIndex: 'category', width: 100, render: (value: string | null) => value || t('common.none') },
    { title: t('products.supplier'), dataIndex: 'supplierName', width: 200, render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('storefront.supplyPrice'),
      dataIndex: 'supplyPriceFen',
      width: 120,
      align: 'right',
      render: (value, product) => (
        <>
          {formatFen(value)}
          {(product.skuCount ?? 1) > 1 ? <Typography.Text type="secondary"> {t('products.priceFrom')}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: t('storefront.suggested'),
      dataIndex: 'retailPriceFen',
      width: 120,
      align: 'right',
      render: (value, product) => (
        <>
          {formatFen(value)}
          {(product.skuCount ?? 1) > 1 ? <Typography.Text type="secondary"> {t('products.priceFrom')}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: t('storefront.inStorefront'),
      key: 'picked',
      width: 110,
      render: (_, product) => {
        const count = pickedPerProduct.get(product.id) ?? 0;
        return count > 0 ? <Tag color="green">{`${count} / ${product.skuCount ?? count}`}</Tag> : <Typography.Text type="secondary">{t('storefront.notInStorefront')}</Typography.Text>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, product) => (
        <Button type="primary" size="small" icon={<AppstoreAddOutlined />} onClick={() => setOpenProductId(product.id)} data-testid="catalog-select">
          {t('storefront.select')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('storefront.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => { reload(); catalog.reload(); }} data-testid="storefront-reload">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }} loading={loading && !storefront} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('storefront.name')}>
            <Space>
              <ShopOutlined />
              {storefront?.name ? (
                <Typography.Text strong data-testid="storefront-name">
                  {storefront.name}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{user?.organization?.name ?? t('storefront.unnamed')}</Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          items={[
            {
              key: 'items',
              label: <span data-testid="storefront-tab-items">{t('storefront.tabItems', { count: items.length })}</span>,
              children: (
                <>
                  <Alert type="info" showIcon title={t('storefront.onlyOnSaleNote')} style={{ marginBottom: 16 }} />
                  <Table<StorefrontItem>
                    rowKey="skuId"
                    columns={itemColumns}
                    dataSource={items}
                    loading={loading}
                    pagination={false}
                    locale={{ emptyText: <Empty description={t('storefront.emptyItems')} /> }}
                    data-testid="storefront-items-table"
                    onRow={(item) => ({ 'data-sku-id': item.skuId }) as React.HTMLAttributes<HTMLElement>}
                  />
                </>
              ),
            },
            {
              key: 'catalog',
              label: <span data-testid="storefront-tab-catalog">{t('storefront.tabCatalog')}</span>,
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('storefront.catalogNote')}</Typography.Paragraph>
                  <Space wrap style={{ marginBottom: 16 }}>
                    <Input.Search
                      allowClear
                      placeholder={t('products.searchPlaceholder')}
                      onSearch={(value) => setQuery(value.trim())}
                      style={{ width: 280 }}
                      data-testid="catalog-search"
                    />
                  </Space>
                  <Table<Product>
                    rowKey="id"
                    columns={catalogColumns}
                    dataSource={catalog.items}
                    loading={catalog.loading}
                    scroll={{ x: 1000 }}
                    pagination={tablePagination(catalog, t)}
                    data-testid="catalog-table"
                    onRow={(product) => ({ 'data-product-id': product.id }) as React.HTMLAttributes<HTMLElement>}
                  />
                </>
              ),
            },
            {
              key: 'decoration',
              label: <span data-testid="storefront-tab-decoration">{t('decoration.tab')}</span>,
              children: <StorefrontDecorationForm items={items} defaultName={user?.organization?.name ?? ''} onSaved={reload} />,
            },
          ]}
        />
      </Card>
      {openProductId ? (
        <StorefrontSkusDrawer productId={openProductId} picked={picked} onPrice={setPriceTarget} onClose={() => setOpenProductId(null)} />
      ) : null}
      {priceTarget ? (
        <StorefrontPriceModal
          target={priceTarget}
          onClose={() => setPriceTarget(null)}
          onStale={reload}
          onSaved={() => {
            setPriceTarget(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
