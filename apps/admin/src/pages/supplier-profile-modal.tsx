import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { creditCodeProblem, normalizeCreditCode } from '../credit-code';
import { useI18n } from '../i18n';
import type { SupplierProfile, SupplierProfileInput } from '../types';

interface Props {
  organizationId: string;
  profile: SupplierProfile | null;
  onClose: () => void;
  onSaved: (profile: SupplierProfile) => void;
}

const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const ACCOUNT_PATTERN = /^\d{8,32}$/;

/** A supplier's own company, contact and settlement data; saving sends it (back) to review. */
export function SupplierProfileModal({ organizationId, profile, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierProfileInput>();
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);

  const handleOk = async () => {
    const values = await form.validateFields();
    setSubmitting(true);
    setServerError(null);
    try {
      const saved = await api.put<SupplierProfile>(
        `/admin/supplier-profiles/${encodeURIComponent(organizationId)}`,
        {
          companyName: values.companyName.trim(),
          creditCode: normalizeCreditCode(values.creditCode),
          contactName: values.contactName.trim(),
          contactPhone: values.contactPhone.trim(),
          bankName: values.bankName.trim(),
          bankAccountName: values.bankAccountName.trim(),
          bankAccountNumber: values.bankAccountNumber.replace(/\s+/g, ''),
        },
        { silent: true },
      );
      void message.success(t('suppliers.saved'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError) setServerError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={profile ? t('suppliers.editProfile') : t('suppliers.submitProfile')}
      okText={t('suppliers.saveAndSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'supplier-form-submit' }}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('suppliers.reviewNotice')} />
      <ApiErrorAlert error={serverError} testId="supplier-form-server-error" />
      <Form<SupplierProfileInput>
        form={form}
        layout="vertical"
        data-testid="supplier-form"
        initialValues={
          profile
            ? {
                companyName: profile.companyName,
                creditCode: profile.creditCode,
                contactName: profile.contactName,
                contactPhone: profile.contactPhone,
                bankName: profile.settlementAccount.bankName,
                bankAccountName: profile.settlementAccount.accountName,
                bankAccountNumber: '',
              }
            : {}
        }
      >
        <Form.Item name="companyName" label={t('suppliers.companyName')} rules={[{ required: true, whitespace: true, message: t('suppliers.companyNameRequired') }]}>
          <Input maxLength={100} data-testid="supplier-form-companyName" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('suppliers.creditCode')}
          extra={t('suppliers.creditCodeHint')}
          rules={[
            { required: true, whitespace: true, message: t('suppliers.creditCodeRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (!value || !value.trim()) return;
                const problem = creditCodeProblem(value);
                if (problem === 'length') throw new Error(t('suppliers.creditCodeLength'));
                if (problem === 'format') throw new Error(t('suppliers.creditCodeFormat'));
                if (problem === 'check_character') throw new Error(t('suppliers.creditCodeCheck'));
              },
            },
          ]}
        >
          <Input maxLength={22} style={{ fontFamily: 'monospace' }} data-testid="supplier-form-creditCode" />
        </Form.Item>
        <Form.Item name="contactName" label={t('suppliers.contactName')} rules={[{ required: true, whitespace: true, message: t('suppliers.contactNameRequired') }]}>
          <Input maxLength={50} data-testid="supplier-form-contactName" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('suppliers.contactPhone')}
          rules={[
            { required: true, message: t('suppliers.contactPhoneRequired') },
            { pattern: PHONE_PATTERN, message: t('suppliers.contactPhoneInvalid') },
          ]}
        >
          <Input maxLength={24} placeholder="13800000000 / 0571-88886666" data-testid="supplier-form-contactPhone" />
        </Form.Item>
        <Form.Item name="bankName" label={t('suppliers.bankName')} rules={[{ required: true, whitespace: true, message: t('suppliers.bankNameRequired') }]}>
          <Input maxLength={100} data-testid="supplier-form-bankName" />
        </Form.Item>
        <Form.Item name="bankAccountName" label={t('suppliers.accountName')} rules={[{ required: true, whitespace: true, message: t('suppliers.accountNameRequired') }]}>
          <Input maxLength={100} data-testid="supplier-form-accountName" />
        </Form.Item>
        <Form.Item
          name="bankAccountNumber"
          label={t('suppliers.accountNumber')}
          extra={profile ? t('suppliers.accountNumberReenter', { masked: profile.settlementAccount.accountNumberMasked }) : undefined}
          rules={[
            { required: true, message: t('suppliers.accountNumberRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && !ACCOUNT_PATTERN.test(value.replace(/\s+/g, ''))) throw new Error(t('suppliers.accountNumberInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="supplier-form-accountNumber" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
