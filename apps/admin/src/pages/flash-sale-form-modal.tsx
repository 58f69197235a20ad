import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { SkuPicker } from '../components/product-pickers';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import type { FlashSale } from '../promotion-types';
import { useModalAction } from '../use-modal-action';
import { instant, windowRules, yuanRules, type Window } from './promotion-fields';

interface FlashSaleRow {
  skuId?: string;
  price?: string;
  quota?: number;
  perUserLimit?: number;
}

interface FlashSaleValues {
  name: string;
  window: Window;
  items: FlashSaleRow[];
}

const MAX_ROWS = 50;

/** Creates a flash sale: a window and 1–50 SKU rows with flash price (yuan, sent as fen), quota and per-user limit. */
export function FlashSaleFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (sale: FlashSale) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FlashSaleValues>();
  const { submitting, error, run } = useModalAction();

  const handleOk = async () => {
    const values = await form.validateFields();
    const [startsAt, endsAt] = values.window as [Dayjs, Dayjs];
    const body = {
      name: values.name.trim(),
      startsAt: instant(startsAt),
      endsAt: instant(endsAt),
      items: values.items.map((row) => ({
        skuId: row.skuId!,
        flashPriceFen: parseYuanToFen(row.price) ?? 0,
        quota: row.quota!,
        perUserLimit: row.perUserLimit!,
      })),
    };
    await run(
      () => api.post<FlashSale>('/admin/promotions/flash-sales', body, { silent: true }),
      (created) => {
        void message.success(t('promotions.flashSaleCreated'));
        onCreated(created);
      },
    );
  };

  return (
    <Modal
      open
      width={860}
      title={t('promotions.newFlashSale')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'flash-submit' } as Record<string, string>}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="flash-error" showDetails={false} />
      <Form form={form} layout="vertical" data-testid="flash-form" initialValues={{ items: [{ quota: 100, perUserLimit: 1 }] }}>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="name" label={t('promotions.name')} style={{ flex: 2 }} rules={[{ required: true, whitespace: true, message: t('promotions.nameRequired') }, { max: 40, message: t('promotions.nameLength') }]}>
            <Input maxLength={40} data-testid="flash-name" placeholder={t('promotions.flashNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="window" label={t('promotions.saleWindow')} style={{ flex: 3 }} rules={windowRules(t)}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="flash-window" />
          </Form.Item>
        </div>
        <Typography.Text strong>{t('promotions.flashItems')}</Typography.Text>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, rows: FlashSaleRow[] | undefined) => {
                if (!rows?.length) throw new Error(t('promotions.itemsRequired'));
                const ids = rows.map((row) => row.skuId).filter(Boolean);
                if (new Set(ids).size !== ids.length) throw new Error(t('promotions.skuTwice'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="flash-items" style={{ marginTop: 8 }}>
              {fields.map((field, index) => (
                <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="flash-item">
                  <Form.Item name={[field.name, 'skuId']} style={{ flex: 5, minWidth: 0 }} rules={[{ required: true, message: t('promotions.skuRequired') }]} label={index === 0 ? t('promotions.sku') : undefined}>
                    <SkuPicker testId="flash-item-sku" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'price']} style={{ flex: 1.3 }} rules={yuanRules(t)} label={index === 0 ? t('promotions.flashPrice') : undefined}>
                    <Input prefix="¥" inputMode="decimal" data-testid="flash-item-price" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quota']} style={{ flex: 1 }} rules={[{ required: true, message: t('promotions.quantityRequired') }]} label={index === 0 ? t('promotions.quota') : undefined}>
                    <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="flash-item-quota" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'perUserLimit']} style={{ flex: 1 }} rules={[{ required: true, message: t('promotions.quantityRequired') }]} label={index === 0 ? t('promotions.perBuyerLimit') : undefined}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="flash-item-limit" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('promotions.removeRow')}
                    style={{ marginTop: index === 0 ? 30 : 0 }}
                  />
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_ROWS} onClick={() => add({ quota: 100, perUserLimit: 1 })} data-testid="flash-add-item">
                {t('promotions.addSku')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
