import { Form, Input, Modal } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { Review } from '../promotion-types';
import { useModalAction } from '../use-modal-action';

interface Props {
  review: Review;
  mode: 'reply' | 'hide';
  onClose: () => void;
  onDone: (review: Review) => void;
  onStale: () => void;
}

/** A reply to a review (1–500 characters, once) or the reason for hiding it (1–200), as the API limits them. */
export function ReviewTextModal({ review, mode, onClose, onDone, onStale }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const { submitting, error, run } = useModalAction(onStale);
  const maxLength = mode === 'reply' ? 500 : 200;

  const handleOk = async () => {
    const { text } = await form.validateFields();
    const path = `/admin/reviews/${encodeURIComponent(review.id)}/${mode}`;
    const body = mode === 'reply' ? { content: text.trim() } : { reason: text.trim() };
    await run(() => api.post<Review>(path, body, { silent: true }), onDone);
  };

  return (
    <Modal
      open
      title={mode === 'reply' ? t('reviews.replyTitle') : t('reviews.hideTitle')}
      okText={mode === 'reply' ? t('reviews.replySubmit') : t('reviews.hide')}
      okButtonProps={{ danger: mode === 'hide', 'data-testid': 'review-text-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="review-text-error" showDetails={false} />
      <blockquote style={{ margin: '0 0 16px', paddingInlineStart: 12, borderInlineStart: '3px solid #d9d9d9', color: 'rgba(0,0,0,0.65)' }}>
        {review.content || t('reviews.noContent')}
      </blockquote>
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={mode === 'reply' ? t('reviews.replyLabel') : t('reviews.hideReason')}
          rules={[{ required: true, whitespace: true, message: mode === 'reply' ? t('reviews.replyRequired') : t('reviews.hideReasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={maxLength} showCount data-testid="review-text-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
