import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  label: string;
  requiredMessage: string;
  okText: string;
  danger?: boolean;
  children?: ReactNode;
  onClose: () => void;
  onStale?: () => void;
  /** Performs the action with the text; a failure stays in the modal. */
  onSubmit: (text: string) => Promise<unknown>;
  onDone: () => void;
}

/** A reason or note (1–200 characters, as the payout API requires) for one finance action. */
export function TextModal({ title, label, requiredMessage, okText, danger, children, onClose, onStale, onSubmit, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const action = useModalAction(onStale);
  const [open] = useState(true);
  const submit = async () => {
    const { text } = await form.validateFields();
    await action.run(() => onSubmit(text.trim()), onDone);
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': 'text-modal-submit' } as never}
      cancelText={t('common.cancel')}
      confirmLoading={action.submitting}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={action.error} showDetails={false} />
      {children}
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: requiredMessage }]}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="text-modal-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
