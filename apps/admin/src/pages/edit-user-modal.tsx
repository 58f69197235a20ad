import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { AdminUser, OrganizationKind, Role, UserStatus } from '../types';
import { assignableRoles } from '../use-reference-data';
import { RolesField } from './user-form-fields';

interface EditUserForm {
  displayName: string;
  roles: string[];
  status: UserStatus;
}

interface Props {
  user: AdminUser;
  roles: Role[];
  /** The kind of the user's organization; undefined when unknown, which offers every role. */
  organizationKind: OrganizationKind | null | undefined;
  onClose: () => void;
  onSaved: (user: AdminUser) => void;
}

export function EditUserModal({ user, roles, organizationKind, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditUserForm>();
  const [submitting, setSubmitting] = useState(false);

  // Keep roles the user already holds selectable even if the catalogue would not offer them.
  const offered = assignableRoles(roles, organizationKind);
  const held = roles.filter((role) => user.roles.includes(role.role) && !offered.includes(role));
  const roleOptions = [...offered, ...held];

  const handleOk = async () => {
    const values = await form.validateFields();
    setSubmitting(true);
    try {
      const saved = await api.patch<AdminUser>(`/admin/users/${encodeURIComponent(user.id)}`, {
        displayName: values.displayName.trim(),
        roles: values.roles,
        status: values.status,
      });
      void message.success(t('users.updated'));
      onSaved(saved);
    } catch {
      // The API client already showed the server's message.
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      cancelButtonProps={{ 'data-testid': 'user-form-cancel' }}
    >
      <Form<EditUserForm>
        form={form}
        layout="vertical"
        initialValues={{ displayName: user.displayName, roles: user.roles, status: user.status }}
        data-testid="user-edit-form"
      >
        <Form.Item label={t('users.phone')}>
          <Input value={user.phoneMasked ?? ''} disabled />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={50} data-testid="user-form-displayName" />
        </Form.Item>
        <RolesField roles={roleOptions} />
        <Form.Item name="status" label={t('common.status')}>
          <Radio.Group
            optionType="button"
            data-testid="user-form-status"
            options={[
              { value: 'active', label: t('status.active') },
              { value: 'disabled', label: t('status.disabled') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
