import { Form, Select } from 'antd';
import { useI18n } from '../i18n';
import type { Role } from '../types';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
/** Mirrors the server's policy (at least one letter and one digit) so the form can say so first. */
export const PASSWORD_PATTERN = /^(?=.*[A-Za-z])(?=.*\d)/;

/** The roles multi-select shared by the create and edit modals. */
export function RolesField({ roles, disabledHint }: { roles: Role[]; disabledHint?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="roles"
      label={t('users.roles')}
      rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
    >
      <Select
        mode="multiple"
        allowClear
        disabled={Boolean(disabledHint)}
        placeholder={disabledHint}
        options={roles.map((role) => ({ value: role.role, label: role.name }))}
        optionFilterProp="label"
        data-testid="user-form-roles"
      />
    </Form.Item>
  );
}
