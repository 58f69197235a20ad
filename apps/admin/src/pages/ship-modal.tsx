import { AutoComplete, App, Form, Input, Modal } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { SubOrder } from '../types';
import { findCarrier, useCarriers } from '../use-carriers';
import { useModalAction } from '../use-modal-action';

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
  // The API's carrier list: picking one sends its code, so the parcel can be tracked with that carrier.
  const carriers = useCarriers();

  const handleOk = async () => {
    const values = await form.validateFields();
    await run(
      () =>
        api.post<SubOrder>(
          `/admin/sub-orders/${encodeURIComponent(subOrder.id)}/ship`,
          {
            carrier: values.carrier.trim(),
            trackingNumber: values.trackingNumber.trim(),
            ...(findCarrier(carriers, values.carrier) ? { carrierCode: findCarrier(carriers, values.carrier)!.code } : {}),
          },
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
      <Form form={form} layout="vertical" data-testid="ship-form" initialValues={{ carrier: '顺丰速运' }}>
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
            options={carriers.map((carrier) => ({
              // The stored name stays Chinese, as the buyer and the CSV import see it; English readers get a translation beside it.
              value: carrier.names['zh-CN'],
              label: locale === 'zh-CN' || carrier.names.en === carrier.names['zh-CN'] ? carrier.names['zh-CN'] : `${carrier.names.en}（${carrier.names['zh-CN']}）`,
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
