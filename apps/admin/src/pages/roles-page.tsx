import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import type { Permission, Role } from '../types';

export function RolesPage() {
  const { t, locale } = useI18n();
  const [roles, setRoles] = useState<Role[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<{ items: Role[] }>('/admin/roles', { signal: controller.signal })
      .then((response) => {
        setRoles(response.items);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setLoading(false);
      });
    return () => controller.abort();
  }, [locale]);

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.role'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, role) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          <br />
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {role.role}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('roles.organizationKind'),
      dataIndex: 'organizationKind',
      width: 150,
      render: (kind: Role['organizationKind']) => <Tag>{t(kind ? `orgKind.${kind}` : 'orgKind.none')}</Tag>,
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (permissions: Permission[]) =>
        permissions.length === 0 ? (
          <Typography.Text type="secondary">{t('roles.noPermissions')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {permissions.map((permission) => (
              <Tooltip key={permission.key} title={permission.key}>
                <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-permission={permission.key}>
                  {permission.name}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('roles.title')} />
      <Card>
        <Table<Role>
          rowKey="role"
          columns={columns}
          dataSource={roles}
          loading={loading}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="roles-table"
        />
      </Card>
    </>
  );
}
