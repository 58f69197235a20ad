import { ApartmentOutlined, LaptopOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Descriptions, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';
import type { SessionUser } from '../types';
import { MySessionsModal } from './my-sessions-modal';

/** Name, roles and organization in the header; details (scope, role list) open on click. */
export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [showSessions, setShowSessions] = useState(false);
  const organizationName = user.organization?.name ?? t('header.noOrganization');
  const details = (
    <>
      <Descriptions
        size="small"
        column={1}
        style={{ maxWidth: 320 }}
        data-testid="user-details"
        items={[
          { key: 'organization', label: t('header.organization'), children: organizationName },
          {
            key: 'roles',
            label: t('header.roles'),
            children: (
              <Space size={[4, 4]} wrap>
                {user.roleNames.map((name) => (
                  <Tag key={name}>{name}</Tag>
                ))}
              </Space>
            ),
          },
          { key: 'scope', label: t('header.scope'), children: t(`scope.${user.scope}`) },
        ]}
      />
      <Button
        block
        icon={<LaptopOutlined />}
        style={{ marginTop: 12 }}
        data-testid="open-my-sessions"
        onClick={() => {
          setOpen(false);
          setShowSessions(true);
        }}
      >
        {t('sessions.open')}
      </Button>
    </>
  );

  return (
    <Space size={12} style={{ marginRight: 8 }}>
      <Typography.Text type="secondary" data-testid="header-organization" style={{ whiteSpace: 'nowrap' }}>
        <ApartmentOutlined /> {organizationName}
      </Typography.Text>
      <Space size={4} data-testid="header-roles" style={{ flexWrap: 'nowrap' }}>
        {user.roleNames.slice(0, 2).map((name) => (
          <Tag key={name} color="blue" style={{ marginInlineEnd: 0 }}>
            {name}
          </Tag>
        ))}
        {user.roleNames.length > 2 ? <Tag>+{user.roleNames.length - 2}</Tag> : null}
      </Space>
      <Popover content={details} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
        <span data-testid="user-menu" role="button" tabIndex={0} style={{ cursor: 'pointer', whiteSpace: 'nowrap' }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ marginInlineEnd: 8 }} />
          <span data-testid="header-display-name">{user.displayName}</span>
        </span>
      </Popover>
      {showSessions ? <MySessionsModal onClose={() => setShowSessions(false)} /> : null}
    </Space>
  );
}
