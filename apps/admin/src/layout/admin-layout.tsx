import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Layout, Menu, theme } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n';
import { navigationKeyFor, visibleNavigation } from '../navigation';
import { UserMenu } from './user-menu';

const { Header, Sider, Content } = Layout;

export function AdminLayout() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const { message } = App.useApp();

  const items = useMemo(() => visibleNavigation(user?.permissions ?? [], user?.organization?.kind), [user]);
  const menuItems: MenuProps['items'] = items.map((item) => ({
    key: item.key,
    icon: item.icon,
    label: <span data-testid={`menu-${item.key}`}>{t(item.labelKey)}</span>,
    onClick: () => navigate(item.path),
  }));
  const selectedKey = navigationKeyFor(location.pathname);

  const handleLogout = async () => {
    await logout();
    void message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        // Sticky so the menu stays in view while a long table scrolls.
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        data-testid="sider"
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontWeight: 600,
            fontSize: collapsed ? 14 : 16,
            letterSpacing: 1,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
          data-testid="brand"
        >
          {collapsed ? t('app.shortTitle') : t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedKey ? [selectedKey] : []}
          items={menuItems}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 8,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {user ? <UserMenu user={user} /> : null}
          <LanguageSwitch />
          <Button type="text" icon={<LogoutOutlined />} data-testid="logout" onClick={() => void handleLogout()}>
            {t('header.logout')}
          </Button>
        </Header>
        <Content style={{ margin: 16 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
