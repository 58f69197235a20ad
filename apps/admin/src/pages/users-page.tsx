import { EditOutlined, LogoutOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { AdminUser, OrganizationKind } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { useOrganizations, useRoles } from '../use-reference-data';
import { CreateUserModal } from './create-user-modal';
import { EditUserModal } from './edit-user-modal';

const KIND_ORDER: ReadonlyArray<OrganizationKind | null> = ['platform', 'supplier', 'merchant', null];

export function UsersPage() {
  const { t, locale } = useI18n();
  const { user: actor, can, logout } = useAuth();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);

  const canWrite = can('user.write');
  const scopeAll = actor?.scope === 'all';
  const list = usePagedList<AdminUser>('/admin/users', { q: query, role });
  const roles = useRoles();
  const organizations = useOrganizations(scopeAll && can('organization.read'));

  // The role filter groups roles by the organization kind they belong to.
  const roleFilterOptions = useMemo(
    () =>
      KIND_ORDER.map((kind) => ({
        label: t(kind ? `orgKind.${kind}` : 'orgKind.none'),
        title: kind ?? 'none',
        options: roles
          .filter((candidate) => candidate.organizationKind === kind)
          .map((candidate) => ({ value: candidate.role, label: candidate.name })),
      })).filter((group) => group.options.length > 0),
    [roles, t],
  );

  const organizationKindOf = (user: AdminUser): OrganizationKind | null | undefined => {
    if (!user.organizationId) return null;
    if (!scopeAll) return actor?.organization?.kind;
    return organizations.find((organization) => organization.id === user.organizationId)?.kind;
  };

  const revokeSessions = async (user: AdminUser) => {
    try {
      const result = await api.post<{ revoked: number }>(`/admin/users/${encodeURIComponent(user.id)}/revoke-sessions`);
      void message.success(t('users.revoked', { count: result.revoked }));
      // Revoking one's own sessions ends this one too; leave now rather than on the next request.
      if (user.id === actor?.id) await logout();
    } catch {
      // Already reported by the API client.
    }
  };

  const columns: TableColumnsType<AdminUser> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      width: 150,
      // The id is one click away (copy, with the id as tooltip) without taking a line of its own.
      render: (name: string, user) => (
        <Typography.Text strong copyable={{ text: user.id, tooltips: [user.id, t('common.copied')] }}>
          {name}
        </Typography.Text>
      ),
    },
    { title: t('users.phone'), dataIndex: 'phoneMasked', width: 110, render: (phone: string | null) => phone ?? t('common.none') },
    {
      title: t('users.organization'),
      dataIndex: 'organizationName',
      width: 160,
      render: (name: string | null) => name ?? t('common.none'),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roleNames',
      render: (names: string[]) => (
        <Space size={[4, 4]} wrap>
          {names.map((name) => (
            <Tag key={name} color="blue">
              {name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 80, render: (status: string) => <StatusTag status={status} /> },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (value: string | null) => (value ? formatDateTime(value, false) : t('users.neverLoggedIn')),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      // English labels are longer than Chinese ones.
      width: locale === 'en' ? 230 : 180,
      fixed: 'right',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} data-testid={`user-edit-${user.id}`} onClick={() => setEditing(user)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('users.revokeConfirm', { name: user.displayName })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'confirm-ok' }}
            onConfirm={() => revokeSessions(user)}
          >
            <Button type="link" size="small" danger icon={<LogoutOutlined />} data-testid={`user-revoke-${user.id}`}>
              {t('users.revoke')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="users-create" onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(value) => setQuery(value.trim())}
            style={{ width: 260 }}
            data-testid="users-search"
          />
          <Select
            allowClear
            placeholder={t('users.roleFilter')}
            value={role}
            onChange={(value: string | undefined) => setRole(value)}
            options={roleFilterOptions}
            style={{ width: 220 }}
            data-testid="users-role-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="users-reload">
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1150 }}
          data-testid="users-table"
          pagination={tablePagination(list, t)}
        />
      </Card>
      {creating ? (
        <CreateUserModal
          roles={roles}
          organizations={organizations}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            list.reload();
          }}
        />
      ) : null}
      {editing ? (
        <EditUserModal
          user={editing}
          roles={roles}
          organizationKind={organizationKindOf(editing)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
