import { App, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Translate } from '../i18n';
import { fenToYuanInput, parseYuanToFen } from '../money';
import type { Fen, PickedStorefrontItem, Sku } from '../types';
import { useModalAction } from '../use-modal-action';

/** What the modal prices: one supply SKU with its band, and the storefront's current price if picked. */
export interface PriceTarget {
  productTitle: string;
  sku: Sku;
  current?: { retailPriceFen: Fen; featured: boolean };
}

interface Props {
  target: PriceTarget;
  onClose: () => void;
  onSaved: (item: PickedStorefrontItem) => void;
  /** The SKU changed meanwhile (off sale, band moved): refresh what is behind the modal. */
  onStale?: () => void;
}

interface PriceValues {
  price: string;
  featured: boolean;
}

export function specsLabel(sku: Sku): string {
  return sku.specs.map((spec) => `${spec.name}: ${spec.value}`).join(' / ') || sku.skuCode;
}

/**
 * The band check the server makes, done first so the merchant sees the limits at once; it answers
 * the same sentence the API would. Null when the price is acceptable.
 */
export function bandProblem(t: Translate, sku: Sku, priceFen: number): string | null {
  if (BigInt(priceFen) < BigInt(sku.minRetailPriceFen) || BigInt(priceFen) > BigInt(sku.maxRetailPriceFen)) {
    return t('storefront.priceOutsideBand', { min: formatFen(sku.minRetailPriceFen), max: formatFen(sku.maxRetailPriceFen) });
  }
  return null;
}

/** Margin over supply price in fen and as a percentage of the retail price, all in integers. */
function marginText(t: Translate, sku: Sku, priceFen: number): string | null {
  if (priceFen <= 0) return null;
  const margin = BigInt(priceFen) - BigInt(sku.supplyPriceFen);
  const basisPoints = (margin * 10_000n) / BigInt(priceFen);
  const absolute = basisPoints < 0n ? -basisPoints : basisPoints;
  const percent = `${basisPoints < 0n ? '-' : ''}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}%`;
  return t('storefront.margin', { amount: formatFen(margin.toString()), percent });
}

/** Picks a SKU into the storefront, or changes its price, inside the supplier's band. */
export function StorefrontPriceModal({ target, onClose, onSaved, onStale }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PriceValues>();
  const { submitting, error, run } = useModalAction(onStale);
  const { sku, current } = target;
  const typed = Form.useWatch('price', form);
  const typedFen = parseYuanToFen(typed);

  const handleOk = async () => {
    const values = await form.validateFields();
    const priceFen = parseYuanToFen(values.price)!;
    await run(
      () =>
        api.put<PickedStorefrontItem>(
          `/admin/storefront/items/${encodeURIComponent(sku.id)}`,
          { retailPriceFen: priceFen, featured: values.featured },
          { silent: true },
        ),
      (item) => {
        void message.success(current ? t('storefront.repriced') : t('storefront.picked'));
        onSaved(item);
      },
    );
  };

  return (
    <Modal
      open
      title={t(current ? 'storefront.repriceTitle' : 'storefront.pickTitle', { title: target.productTitle })}
      okText={t('storefront.save')}
      okButtonProps={{ 'data-testid': 'storefront-price-submit' } as Record<string, string>}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="storefront-price-error" showDetails={false} />
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} data-testid="storefront-price-band">
        <Descriptions.Item label={t('storefront.sku')} span={2}>
          {specsLabel(sku)}
        </Descriptions.Item>
        <Descriptions.Item label={t('storefront.supplyPrice')}>{formatFen(sku.supplyPriceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('storefront.suggested')}>{formatFen(sku.suggestedRetailPriceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('storefront.band')} span={2}>
          <Typography.Text strong>
            {formatFen(sku.minRetailPriceFen)} – {formatFen(sku.maxRetailPriceFen)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Form<PriceValues>
        form={form}
        layout="vertical"
        data-testid="storefront-price-form"
        initialValues={{
          price: fenToYuanInput(current?.retailPriceFen ?? sku.suggestedRetailPriceFen),
          featured: current?.featured ?? false,
        }}
      >
        <Form.Item
          name="price"
          label={t('storefront.priceYuan')}
          extra={typedFen !== null && !bandProblem(t, sku, typedFen) ? marginText(t, sku, typedFen) : undefined}
          rules={[
            { required: true, whitespace: true, message: t('storefront.priceRequired') },
            {
              validator: (_, value: string | undefined) => {
                if (!value || !value.trim()) return Promise.resolve();
                const fen = parseYuanToFen(value);
                if (fen === null || fen <= 0) return Promise.reject(new Error(t('storefront.priceFormat')));
                const problem = bandProblem(t, sku, fen);
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" autoComplete="off" data-testid="storefront-price-input" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.Item name="featured" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="storefront-featured">{t('storefront.featuredLabel')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
