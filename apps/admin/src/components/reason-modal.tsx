import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';

interface Props {
  title: string;
  onClose: () => void;
  /** Resolves when done; a rejection keeps the modal open (the API client already reported it). */
  onSubmit: (reason: string) => Promise<void>;
}

/** Asks for the reason of a rejection (1–500 characters, required by the API). */
export function ReasonModal({ title, onClose, onSubmit }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);

  const handleOk = async () => {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    try {
      await onSubmit(reason.trim());
    } catch {
      // Reported by the API client.
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('review.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'reason-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('review.reason')}
          rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('review.reasonPlaceholder')} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
