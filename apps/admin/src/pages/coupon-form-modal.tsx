import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { ProductsPicker } from '../components/product-pickers';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import type { CouponKind, CouponTemplate } from '../promotion-types';
import { useModalAction } from '../use-modal-action';
import { instant, windowRules, yuanRules, zheToRateBps, type Window } from './promotion-fields';

interface CouponValues {
  name: string;
  kind: CouponKind;
  threshold?: string;
  reduction?: string;
  zhe?: string;
  maxDiscount?: string;
  totalQuantity: number;
  perUserLimit: number;
  validityKind: 'fixed' | 'days_after_claim';
  window?: Window;
  days?: number;
  productIds?: string[];
}

/** The request body the API's NewCouponTemplate schema accepts: money in fen, instants with an offset. */
function toRequest(values: CouponValues) {
  const fen = (yuan: string | undefined) => parseYuanToFen(yuan ?? '') ?? 0;
  const rule =
    values.kind === 'full_reduction'
      ? { kind: values.kind, thresholdFen: fen(values.threshold), reductionFen: fen(values.reduction) }
      : values.kind === 'no_threshold'
        ? { kind: values.kind, reductionFen: fen(values.reduction) }
        : {
            kind: values.kind,
            rateBps: zheToRateBps(values.zhe) ?? 0,
            thresholdFen: fen(values.threshold),
            ...(values.maxDiscount?.trim() ? { maxDiscountFen: fen(values.maxDiscount) } : {}),
          };
  const [from, until] = (values.window ?? [null, null]) as [Dayjs, Dayjs];
  return {
    name: values.name.trim(),
    rule,
    totalQuantity: values.totalQuantity,
    perUserLimit: values.perUserLimit,
    validity:
      values.validityKind === 'fixed'
        ? { kind: 'fixed', validFrom: instant(from), validUntil: instant(until) }
        : { kind: 'days_after_claim', days: values.days },
    ...(values.productIds?.length ? { productIds: values.productIds } : {}),
  };
}

/** Issues a coupon template; every field is checked the way the API checks it before anything is sent. */
export function CouponFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (template: CouponTemplate) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CouponValues>();
  const kind = Form.useWatch('kind', form) ?? 'full_reduction';
  const validityKind = Form.useWatch('validityKind', form) ?? 'fixed';
  const { submitting, error, run } = useModalAction();

  const handleOk = async () => {
    const values = await form.validateFields();
    await run(
      () => api.post<CouponTemplate>('/admin/promotions/coupons', toRequest(values), { silent: true }),
      (created) => {
        void message.success(t('promotions.couponCreated'));
        onCreated(created);
      },
    );
  };

  return (
    <Modal
      open
      width={620}
      title={t('promotions.newCoupon')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'coupon-submit' } as Record<string, string>}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="coupon-error" />
      <Form
        form={form}
        layout="vertical"
        data-testid="coupon-form"
        initialValues={{ kind: 'full_reduction', validityKind: 'fixed', totalQuantity: 1000, perUserLimit: 1, days: 7 }}
      >
        <Form.Item name="name" label={t('promotions.name')} rules={[{ required: true, whitespace: true, message: t('promotions.nameRequired') }, { max: 40, message: t('promotions.nameLength') }]}>
          <Input maxLength={40} data-testid="coupon-name" placeholder={t('promotions.couponNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('promotions.couponKind')}>
          <Radio.Group
            optionType="button"
            data-testid="coupon-kind"
            options={(['full_reduction', 'discount', 'no_threshold'] as const).map((value) => ({
              value,
              label: <span data-testid={`coupon-kind-${value}`}>{t(`promotions.kind.${value}`)}</span>,
            }))}
          />
        </Form.Item>
        {kind !== 'no_threshold' ? (
          <Form.Item
            name="threshold"
            label={kind === 'discount' ? t('promotions.thresholdOptional') : t('promotions.threshold')}
            rules={yuanRules(t, kind === 'full_reduction')}
          >
            <Input prefix="¥" inputMode="decimal" data-testid="coupon-threshold" placeholder="100.00" />
          </Form.Item>
        ) : null}
        {kind === 'discount' ? (
          <>
            <Form.Item
              name="zhe"
              label={t('promotions.zhe')}
              extra={t('promotions.zheHint')}
              rules={[
                { required: true, message: t('promotions.zheInvalid') },
                { validator: (_, value: string | undefined) => (!value || zheToRateBps(value) !== null ? Promise.resolve() : Promise.reject(new Error(t('promotions.zheInvalid')))) },
              ]}
            >
              <Input suffix={t('promotions.zheUnit')} inputMode="decimal" data-testid="coupon-zhe" placeholder="8.5" />
            </Form.Item>
            <Form.Item name="maxDiscount" label={t('promotions.maxDiscount')} rules={yuanRules(t, false)}>
              <Input prefix="¥" inputMode="decimal" data-testid="coupon-max-discount" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="reduction"
            label={t('promotions.reduction')}
            dependencies={['threshold']}
            rules={[
              ...yuanRules(t),
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  if (kind !== 'full_reduction') return Promise.resolve();
                  const reduction = parseYuanToFen(value ?? '');
                  const threshold = parseYuanToFen(getFieldValue('threshold') as string | undefined);
                  return reduction === null || threshold === null || reduction < threshold
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('promotions.reductionBelowThreshold')));
                },
              }),
            ]}
          >
            <Input prefix="¥" inputMode="decimal" data-testid="coupon-reduction" placeholder="10.00" />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="totalQuantity" label={t('promotions.totalQuantity')} style={{ flex: 1 }} rules={[{ required: true, message: t('promotions.quantityRequired') }]}>
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="coupon-quantity" />
          </Form.Item>
          <Form.Item name="perUserLimit" label={t('promotions.perUserClaim')} style={{ flex: 1 }} rules={[{ required: true, message: t('promotions.quantityRequired') }]}>
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="coupon-per-user" />
          </Form.Item>
        </div>
        <Form.Item name="validityKind" label={t('promotions.validity')}>
          <Radio.Group
            options={[
              { value: 'fixed', label: t('promotions.validity.fixed') },
              { value: 'days_after_claim', label: t('promotions.validity.days') },
            ]}
          />
        </Form.Item>
        {validityKind === 'fixed' ? (
          <Form.Item name="window" label={t('promotions.validWindow')} rules={windowRules(t)}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="coupon-window" />
          </Form.Item>
        ) : (
          <Form.Item name="days" label={t('promotions.validDays')} rules={[{ required: true, message: t('promotions.quantityRequired') }]}>
            <InputNumber min={1} max={365} precision={0} suffix={t('promotions.daysUnit')} style={{ width: 200 }} data-testid="coupon-days" />
          </Form.Item>
        )}
        <Form.Item name="productIds" label={t('promotions.applicableProducts')} extra={t('promotions.applicableHint')}>
          <ProductsPicker testId="coupon-products" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
