import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import type { KnowledgeEntry } from './types';

interface Values {
  kind: KnowledgeEntry['kind'];
  title: string;
  body: string;
}

/** Adds an entry (`entry` = 'new') or edits one; server errors stay in the modal. */
export function KnowledgeFormModal({ entry, onClose, onSaved }: { entry: KnowledgeEntry | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submitting, error, run } = useModalAction(onSaved);
  const isNew = entry === 'new';

  useEffect(() => {
    if (entry === null) return;
    form.setFieldsValue(entry === 'new' ? { kind: 'faq', title: '', body: '' } : { kind: entry.kind, title: entry.title, body: entry.body });
  }, [entry, form]);

  const save = async () => {
    const values = await form.validateFields();
    const body = { kind: values.kind, title: values.title.trim(), body: values.body.trim() };
    await run(
      () => (isNew ? api.post('/admin/assistant/knowledge', body, { silent: true }) : api.patch(`/admin/assistant/knowledge/${(entry as KnowledgeEntry).id}`, body, { silent: true })),
      () => onSaved(),
    );
  };

  return (
    <Modal
      open={entry !== null}
      title={t(isNew ? 'assistant.add' : 'assistant.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'assistant-save' } as never}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical" data-testid="assistant-form">
        <Form.Item name="kind" label={t('assistant.kind')}>
          <Radio.Group
            options={[
              { value: 'faq', label: t('assistant.kind.faq') },
              { value: 'doc', label: t('assistant.kind.doc') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('assistant.titleLabel')} extra={t('assistant.titleFaqHint')} rules={[{ required: true, whitespace: true, message: t('assistant.required') }]}>
          <Input maxLength={200} data-testid="assistant-title" />
        </Form.Item>
        <Form.Item name="body" label={t('assistant.body')} rules={[{ required: true, whitespace: true, message: t('assistant.required') }]}>
          <Input.TextArea rows={8} maxLength={20000} showCount data-testid="assistant-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
