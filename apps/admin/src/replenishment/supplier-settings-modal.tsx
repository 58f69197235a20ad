import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { SupplierSettings } from './types';

interface SupplierSettingsForm {
  leadTimeDays: number;
  reviewPeriodDays: number;
  serviceLevelPercent: number;
}

/** A supplier's defaults for all its SKUs: lead time, review period and service level (audited). */
export function SupplierSettingsModal({ supplierId, onClose, onSaved }: { supplierId: string | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierSettingsForm>();
  const [current, setCurrent] = useState<SupplierSettings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setCurrent(null);
    if (!supplierId) return;
    void api.get<SupplierSettings>(`/admin/replenishment/suppliers/${supplierId}/settings`).then((settings) => {
      setCurrent(settings);
      form.setFieldsValue({ leadTimeDays: settings.leadTimeDays, reviewPeriodDays: settings.reviewPeriodDays, serviceLevelPercent: settings.serviceLevelBps / 100 });
    });
  }, [supplierId, form]);

  async function save() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.put(`/admin/replenishment/suppliers/${supplierId}/settings`, { leadTimeDays: values.leadTimeDays, reviewPeriodDays: values.reviewPeriodDays, serviceLevelBps: Math.round(values.serviceLevelPercent * 100) });
      message.success(t('replenishment.saved'));
      onSaved();
      onClose();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={supplierId !== null} title={current ? `${t('replenishment.supplierDefaults')} · ${current.supplierName}` : t('replenishment.supplierDefaults')} onCancel={onClose} onOk={save} okText={t('replenishment.save')} confirmLoading={saving} data-testid="supplier-settings-modal" forceRender>
      <Typography.Paragraph type="secondary">{t('replenishment.supplierDefaultsHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="leadTimeDays" label={t('replenishment.leadTime')} rules={[{ required: true }]}>
          <InputNumber min={1} max={120} precision={0} suffix={t('replenishment.days', { days: '' }).trim()} style={{ width: 160 }} data-testid="supplier-lead-time" />
        </Form.Item>
        <Form.Item name="reviewPeriodDays" label={t('replenishment.reviewPeriod')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} suffix={t('replenishment.days', { days: '' }).trim()} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="serviceLevelPercent" label={t('replenishment.serviceLevel')} rules={[{ required: true }]}>
          <InputNumber min={50} max={99.9} step={0.5} precision={1} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
