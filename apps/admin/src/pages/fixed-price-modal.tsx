import { App, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import { fenToYuanInput, parseYuanToFen } from '../money';
import type { ProductDetail, Sku } from '../types';
import { skuSpecsText } from '../use-product-lookup';
import { useModalAction } from '../use-modal-action';

/**
 * The platform fixes (or, with an empty box, releases) the retail price of a product's SKUs; every
 * storefront selling them follows at once. A price must lie in the SKU's band, as the API insists.
 */
export function FixedPriceModal({ product, onClose, onSaved }: { product: ProductDetail; onClose: () => void; onSaved: (product: ProductDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { submitting, error, run } = useModalAction();
  const [drafts, setDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(product.skus.map((sku) => [sku.id, fenToYuanInput(sku.fixedRetailPriceFen ?? null)])),
  );

  const problemOf = (sku: Sku): string | null => {
    const text = (drafts[sku.id] ?? '').trim();
    if (!text) return null;
    const fen = parseYuanToFen(text);
    if (fen === null || fen < 1) return t('promotions.amountInvalid');
    if (fen < Number(sku.minRetailPriceFen) || fen > Number(sku.maxRetailPriceFen)) {
      return t('fixedPrice.outsideBand', { min: formatFen(sku.minRetailPriceFen), max: formatFen(sku.maxRetailPriceFen) });
    }
    return null;
  };
  const changes = product.skus
    .map((sku) => {
      const text = (drafts[sku.id] ?? '').trim();
      const next = text ? parseYuanToFen(text) : null;
      const current = sku.fixedRetailPriceFen === null || sku.fixedRetailPriceFen === undefined ? null : Number(sku.fixedRetailPriceFen);
      return { skuId: sku.id, fixedRetailPriceFen: next, changed: next !== current };
    })
    .filter((change) => change.changed);
  const invalid = product.skus.some((sku) => problemOf(sku) !== null);

  const handleOk = async () => {
    if (invalid || !changes.length) return;
    await run(
      () =>
        api.put<ProductDetail & { storefrontItemsRepriced: number }>(
          `/admin/products/${encodeURIComponent(product.id)}/fixed-prices`,
          { skus: changes.map(({ skuId, fixedRetailPriceFen }) => ({ skuId, fixedRetailPriceFen })) },
          { silent: true },
        ),
      (updated) => {
        void message.success(updated.storefrontItemsRepriced > 0 ? t('fixedPrice.saved', { count: updated.storefrontItemsRepriced }) : t('fixedPrice.savedNone'));
        onSaved(updated);
      },
    );
  };

  return (
    <Modal
      open
      width={820}
      title={t('fixedPrice.title', { title: product.title })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: invalid || !changes.length, 'data-testid': 'fixed-price-submit' }}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('fixedPrice.hint')}</Typography.Paragraph>
      <ApiErrorAlert error={error} testId="fixed-price-error" showDetails={false} />
      <Table<Sku>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={product.skus}
        data-testid="fixed-price-table"
        onRow={(sku) => ({ 'data-sku-code': sku.skuCode }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('sku.specs'), key: 'specs', render: (_, sku) => skuSpecsText(sku) },
          { title: t('sku.supplyPrice'), dataIndex: 'supplyPriceFen', width: 90, align: 'right', render: (fen) => formatFen(fen) },
          { title: t('fixedPrice.band'), key: 'band', width: 170, render: (_, sku) => `${formatFen(sku.minRetailPriceFen)} – ${formatFen(sku.maxRetailPriceFen)}` },
          {
            title: t('fixedPrice.current'),
            key: 'current',
            width: 100,
            render: (_, sku) =>
              sku.fixedRetailPriceFen !== null && sku.fixedRetailPriceFen !== undefined ? <Tag color="blue">{formatFen(sku.fixedRetailPriceFen)}</Tag> : <Typography.Text type="secondary">{t('fixedPrice.none')}</Typography.Text>,
          },
          {
            title: t('fixedPrice.new'),
            key: 'new',
            width: 180,
            render: (_, sku) => {
              const problem = problemOf(sku);
              return (
                <div>
                  <Input
                    prefix="¥"
                    inputMode="decimal"
                    allowClear
                    status={problem ? 'error' : undefined}
                    value={drafts[sku.id] ?? ''}
                    placeholder={fenToYuanInput(sku.suggestedRetailPriceFen)}
                    onChange={(event) => setDrafts((previous) => ({ ...previous, [sku.id]: event.target.value }))}
                    data-testid="fixed-price-input"
                  />
                  {problem ? (
                    <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="fixed-price-problem">
                      {problem}
                    </Typography.Text>
                  ) : null}
                </div>
              );
            },
          },
        ]}
      />
    </Modal>
  );
}
