import { AutoComplete, App, Form, Input, Modal } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import type { SubOrder } from '../types';
import { useModalAction } from '../use-modal-action';

/** The common carriers; the value sent is the Chinese company name, any other name may be typed. */
const CARRIERS: ReadonlyArray<{ value: string; labelKey: MessageKey }> = [
  { value: '顺丰速运', labelKey: 'carrier.sf' },
  { value: '中通快递', labelKey: 'carrier.zto' },
  { value: '圆通速递', labelKey: 'carrier.yto' },
  { value: '韵达快递', labelKey: 'carrier.yunda' },
  { value: '京东物流', labelKey: 'carrier.jd' },
  { value: 'EMS', labelKey: 'carrier.ems' },
];

/** Mirrors the API's `Shipment.trackingNumber` pattern. */
export const TRACKING_NUMBER_PATTERN = /^[A-Za-z0-9-]{6,40}$/;

interface Props {
  subOrder: SubOrder;
  onClose: () => void;
  onShipped: (shipped: SubOrder) => void;
  /** Called when the server says the sub-order is no longer shippable, so the list can refresh behind the modal. */
  onStale?: () => void;
}

interface ShipValues {
  carrier: string;
  trackingNumber: string;
}

/** Asks for carrier and tracking number and ships a paid sub-order; the server's error stays in the modal. */
export function ShipModal({ subOrder, onClose, onShipped, onStale }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShipValues>();
  const { submitting, error, run } = useModalAction(onStale);

  const handleOk = async () => {
    const values = await form.validateFields();
    await run(
      () =>
        api.post<SubOrder>(
          `/admin/sub-orders/${encodeURIComponent(subOrder.id)}/ship`,
          { carrier: values.carrier.trim(), trackingNumber: values.trackingNumber.trim() },
          { silent: true },
        ),
      (shipped) => {
        void message.success(t('orders.shipped'));
        onShipped(shipped);
      },
    );
  };

  return (
    <Modal
      open
      title={t('orders.shipTitle', { id: subOrder.id })}
      okText={t('orders.shipSubmit')}
      okButtonProps={{ 'data-testid': 'ship-submit' } as Record<string, string>}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="ship-error" />
      <Form form={form} layout="vertical" data-testid="ship-form" initialValues={{ carrier: CARRIERS[0]!.value }}>
        <Form.Item
          name="carrier"
          label={t('orders.carrier')}
          rules={[
            { required: true, whitespace: true, message: t('orders.carrierRequired') },
            {
              validator: (_, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                return length === 0 || (length >= 2 && length <= 30)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orders.carrierLength')));
              },
            },
          ]}
        >
          <AutoComplete
            options={CARRIERS.map((carrier) => ({
              value: carrier.value,
              label: locale === 'zh-CN' || carrier.value === t(carrier.labelKey) ? carrier.value : `${t(carrier.labelKey)}（${carrier.value}）`,
            }))}
            filterOption={(input, option) => {
              const text = `${option?.value ?? ''} ${String(option?.label ?? '')}`.toLowerCase();
              return text.includes(input.trim().toLowerCase());
            }}
          >
            <Input data-testid="ship-carrier" placeholder={t('orders.carrierPlaceholder')} maxLength={30} allowClear autoComplete="off" />
          </AutoComplete>
        </Form.Item>
        <Form.Item
          name="trackingNumber"
          label={t('orders.trackingNumber')}
          rules={[
            { required: true, whitespace: true, message: t('orders.trackingRequired') },
            {
              validator: (_, value: string | undefined) => {
                const trimmed = (value ?? '').trim();
                return !trimmed || TRACKING_NUMBER_PATTERN.test(trimmed)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orders.trackingInvalid')));
              },
            },
          ]}
        >
          <Input
            data-testid="ship-tracking"
            placeholder={t('orders.trackingPlaceholder')}
            maxLength={40}
            autoComplete="off"
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
