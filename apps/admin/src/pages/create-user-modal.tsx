import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { AdminUser, Organization, Role } from '../types';
import { assignableRoles } from '../use-reference-data';
import { PASSWORD_PATTERN, PHONE_PATTERN, RolesField } from './user-form-fields';

/** The organization select's value for "no organization": consumers belong to none. */
const NO_ORGANIZATION = '__none__';

interface CreateUserForm {
  displayName: string;
  phone: string;
  password: string;
  roles: string[];
  organizationId?: string;
}

interface Props {
  roles: Role[];
  organizations: Organization[];
  onClose: () => void;
  onCreated: (user: AdminUser) => void;
}

/** Platform-wide actors pick the organization; everyone else creates users in their own. */
export function CreateUserModal({ roles, organizations, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { user: actor } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserForm>();
  const [submitting, setSubmitting] = useState(false);
  const choosesOrganization = actor?.scope === 'all';
  const organizationId = Form.useWatch('organizationId', form);

  const organizationKind = !choosesOrganization
    ? actor?.organization?.kind ?? null
    : organizationId === NO_ORGANIZATION
      ? null
      : organizations.find((organization) => organization.id === organizationId)?.kind;
  const roleOptions = organizationKind === undefined ? [] : assignableRoles(roles, organizationKind);

  const handleOrganizationChange = () => {
    // Roles of the previous organization kind are no longer valid choices.
    form.setFieldValue('roles', []);
  };

  const handleOk = async () => {
    const values = await form.validateFields();
    setSubmitting(true);
    try {
      const created = await api.post<AdminUser>('/admin/users', {
        displayName: values.displayName.trim(),
        phone: values.phone.trim(),
        password: values.password,
        roles: values.roles,
        ...(choosesOrganization
          ? { organizationId: values.organizationId === NO_ORGANIZATION ? null : values.organizationId }
          : {}),
      });
      void message.success(t('users.created'));
      onCreated(created);
    } catch {
      // The API client already showed the server's message; keep the modal open to fix the input.
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      cancelButtonProps={{ 'data-testid': 'user-form-cancel' }}
    >
      <Form<CreateUserForm> form={form} layout="vertical" data-testid="user-create-form">
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={50} data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[
            { required: true, whitespace: true, message: t('users.phoneRequired') },
            { pattern: PHONE_PATTERN, message: t('users.phoneInvalid') },
          ]}
        >
          <Input maxLength={11} inputMode="numeric" data-testid="user-form-phone" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            { min: 8, message: t('users.passwordTooShort') },
            { pattern: PASSWORD_PATTERN, message: t('users.passwordTooSimple') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
        {choosesOrganization ? (
          <Form.Item
            name="organizationId"
            label={t('users.organization')}
            rules={[{ required: true, message: t('users.organizationRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              onChange={handleOrganizationChange}
              options={[
                ...organizations.map((organization) => ({
                  value: organization.id,
                  label: `${organization.name} · ${t(`orgKind.${organization.kind}`)}`,
                  disabled: organization.status !== 'active',
                })),
                { value: NO_ORGANIZATION, label: t('orgKind.none') },
              ]}
              data-testid="user-form-organization"
            />
          </Form.Item>
        ) : null}
        <RolesField
          roles={roleOptions}
          disabledHint={organizationKind === undefined ? t('users.selectOrganizationFirst') : undefined}
        />
      </Form>
    </Modal>
  );
}
