import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { SkuPicker } from '../components/product-pickers';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import type { GroupBuyActivity } from '../promotion-types';
import { useModalAction } from '../use-modal-action';
import { instant, windowRules, yuanRules, type Window } from './promotion-fields';

interface GroupBuyValues {
  name: string;
  skuId: string;
  price: string;
  groupSize: number;
  timeLimitHours: number;
  window: Window;
}

/** Creates a group-buy offer: one SKU at a group price for N buyers, each group open for a time limit. */
export function GroupBuyFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (activity: GroupBuyActivity) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupBuyValues>();
  const { submitting, error, run } = useModalAction();

  const handleOk = async () => {
    const values = await form.validateFields();
    const [startsAt, endsAt] = values.window as [Dayjs, Dayjs];
    const body = {
      name: values.name.trim(),
      skuId: values.skuId,
      groupPriceFen: parseYuanToFen(values.price) ?? 0,
      groupSize: values.groupSize,
      // People think of a group's deadline in hours; the API counts minutes.
      timeLimitMinutes: Math.round(values.timeLimitHours * 60),
      startsAt: instant(startsAt),
      endsAt: instant(endsAt),
    };
    await run(
      () => api.post<GroupBuyActivity>('/admin/promotions/group-buys', body, { silent: true }),
      (created) => {
        void message.success(t('promotions.groupBuyCreated'));
        onCreated(created);
      },
    );
  };

  return (
    <Modal
      open
      width={680}
      title={t('promotions.newGroupBuy')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'group-submit' } as Record<string, string>}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="group-error" showDetails={false} />
      <Form form={form} layout="vertical" data-testid="group-form" initialValues={{ groupSize: 2, timeLimitHours: 24 }}>
        <Form.Item name="name" label={t('promotions.name')} rules={[{ required: true, whitespace: true, message: t('promotions.nameRequired') }, { max: 40, message: t('promotions.nameLength') }]}>
          <Input maxLength={40} data-testid="group-name" placeholder={t('promotions.groupNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="skuId" label={t('promotions.sku')} rules={[{ required: true, message: t('promotions.skuRequired') }]}>
          <SkuPicker testId="group-sku" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="price" label={t('promotions.groupPrice')} style={{ flex: 1 }} rules={yuanRules(t)}>
            <Input prefix="¥" inputMode="decimal" data-testid="group-price" />
          </Form.Item>
          <Form.Item name="groupSize" label={t('promotions.groupSize')} style={{ flex: 1 }} rules={[{ required: true, message: t('promotions.quantityRequired') }]}>
            <InputNumber min={2} max={50} precision={0} suffix={t('promotions.peopleUnit')} style={{ width: '100%' }} data-testid="group-size" />
          </Form.Item>
          <Form.Item
            name="timeLimitHours"
            label={t('promotions.timeLimit')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('promotions.quantityRequired') }]}
            extra={t('promotions.timeLimitHint')}
          >
            <InputNumber min={0.1} max={168} step={1} precision={1} suffix={t('promotions.hoursUnit')} style={{ width: '100%' }} data-testid="group-time-limit" />
          </Form.Item>
        </div>
        <Form.Item name="window" label={t('promotions.offerWindow')} rules={windowRules(t)}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="group-window" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
