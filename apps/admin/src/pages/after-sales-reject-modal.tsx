import { App, Form, Input, Modal } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { AfterSalesCase } from '../types';
import { useModalAction } from '../use-modal-action';

interface Props {
  afterSales: AfterSalesCase;
  onClose: () => void;
  onRejected: (rejected: AfterSalesCase) => void;
  /** Called when the server says the case can no longer be decided, so the list can refresh behind the modal. */
  onStale?: () => void;
}

/** Asks for the note (1–200 characters, shown to the buyer) and rejects a requested case; server errors stay in the modal. */
export function AfterSalesRejectModal({ afterSales, onClose, onRejected, onStale }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const { submitting, error, run } = useModalAction(onStale);

  const handleOk = async () => {
    const { note } = await form.validateFields();
    await run(
      () => api.post<AfterSalesCase>(`/admin/after-sales/${encodeURIComponent(afterSales.id)}/reject`, { note: note.trim() }, { silent: true }),
      (rejected) => {
        void message.success(t('afterSales.rejected'));
        onRejected(rejected);
      },
    );
  };

  return (
    <Modal
      open
      title={t('afterSales.rejectTitle', { id: afterSales.id })}
      okText={t('afterSales.rejectSubmit')}
      okButtonProps={{ danger: true, 'data-testid': 'after-sales-reject-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="after-sales-reject-error" />
      <Form form={form} layout="vertical" data-testid="after-sales-reject-form">
        <Form.Item
          name="note"
          label={t('afterSales.rejectNote')}
          rules={[{ required: true, whitespace: true, message: t('afterSales.rejectNoteRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={200}
            showCount
            placeholder={t('afterSales.rejectNotePlaceholder')}
            data-testid="after-sales-reject-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
