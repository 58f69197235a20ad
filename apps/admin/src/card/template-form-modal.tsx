import { Checkbox, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { CARD_THEMES, LOCKABLE_FIELDS, type CardModule, type CardTemplate, type CardTheme, type LockableField } from './types';

interface Values {
  name: string;
  theme: CardTheme;
  company?: string;
  title?: string;
  intro?: string;
  address?: string;
  lockedFields: LockableField[];
  modulesJson: string;
  isDefault: boolean;
  status: 'active' | 'archived';
}

/** Only the default values the owner filled in go to the server (empty means "no default"). */
function fieldsOf(values: Values) {
  const entries = (['company', 'title', 'intro', 'address'] as const).flatMap((key) => {
    const value = values[key]?.trim();
    return value ? [[key, value] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** Parses the modules box; null when it is not a JSON array (the server checks each module's shape). */
export function parseModules(text: string): CardModule[] | null {
  if (text.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as CardModule[]) : null;
  } catch {
    return null;
  }
}

/** Creates a template (`template` = 'new') or edits one; the server's errors stay in the modal. */
export function TemplateFormModal({ template, onClose, onSaved }: { template: CardTemplate | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submitting, error, run } = useModalAction(onSaved);
  const isNew = template === 'new';

  useEffect(() => {
    if (template === null) return;
    if (template === 'new') {
      form.setFieldsValue({ name: '', theme: 'business_blue', lockedFields: ['company'], modulesJson: '[]', isDefault: false, status: 'active' });
      return;
    }
    form.setFieldsValue({ ...template.fields, name: template.name, theme: template.theme, lockedFields: template.lockedFields, modulesJson: JSON.stringify(template.modules, null, 2), isDefault: template.isDefault, status: template.status });
  }, [template, form]);

  const save = async () => {
    const values = await form.validateFields();
    const body = { name: values.name.trim(), theme: values.theme, fields: fieldsOf(values), lockedFields: values.lockedFields, modules: parseModules(values.modulesJson) ?? [], isDefault: values.isDefault, status: values.status };
    await run(
      () => (isNew ? api.post('/admin/card-templates', body, { silent: true }) : api.put(`/admin/card-templates/${(template as CardTemplate).id}`, body, { silent: true })),
      () => onSaved(),
    );
  };

  return (
    <Modal
      open={template !== null}
      title={t(isNew ? 'card.templates.add' : 'card.templates.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'card-template-save' } as never}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical" data-testid="card-template-form">
        <Form.Item name="name" label={t('card.templates.name')} rules={[{ required: true, whitespace: true, message: t('card.templates.required') }]}>
          <Input maxLength={60} data-testid="card-template-name" />
        </Form.Item>
        <Form.Item name="theme" label={t('card.templates.theme')}>
          <Select options={CARD_THEMES.map((theme) => ({ value: theme, label: t(`card.theme.${theme}`) }))} />
        </Form.Item>
        <Form.Item label={t('card.templates.fields')} style={{ marginBottom: 0 }}>
          <Form.Item name="company" label={t('card.field.company')}>
            <Input maxLength={80} data-testid="card-template-company" />
          </Form.Item>
          <Form.Item name="title" label={t('card.field.title')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="address" label={t('card.field.address')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="intro" label={t('card.field.intro')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="lockedFields" label={t('card.templates.locked')}>
          <Checkbox.Group options={LOCKABLE_FIELDS.map((field) => ({ value: field, label: t(`card.field.${field}`) }))} data-testid="card-template-locked" />
        </Form.Item>
        <Form.Item
          name="modulesJson"
          label={t('card.templates.modulesJson')}
          extra={t('card.templates.modulesHint')}
          rules={[{ validator: async (_, value: string) => (parseModules(value ?? '') === null ? Promise.reject(new Error(t('card.templates.modulesInvalid'))) : Promise.resolve()) }]}
        >
          <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} data-testid="card-template-modules" />
        </Form.Item>
        <Form.Item name="isDefault" label={t('card.templates.default')} extra={t('card.templates.defaultHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="status" label={t('card.templates.status')}>
          <Radio.Group
            options={[
              { value: 'active', label: t('card.templates.status.active') },
              { value: 'archived', label: t('card.templates.status.archived') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
