import {
  AccountBookOutlined,
  FunnelPlotOutlined,
  ThunderboltOutlined,
  AppstoreAddOutlined,
  AuditOutlined,
  GiftOutlined,
  ApartmentOutlined,
  StarOutlined,
  CloudUploadOutlined,
  ScanOutlined,
  CustomerServiceOutlined,
  IdcardOutlined,
  RadarChartOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  ShoppingOutlined,
  ProfileOutlined,
  TeamOutlined,
  ClusterOutlined,
  DeploymentUnitOutlined,
  UnorderedListOutlined,
  WalletOutlined,
  AlertOutlined,
  FileTextOutlined,
  ExperimentOutlined,
  SafetyOutlined,
  RobotOutlined,
  ContactsOutlined,
  SolutionOutlined,
  RiseOutlined,
  ApiOutlined,
  LineChartOutlined,
  FundOutlined,
  MoneyCollectOutlined,
  BulbOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n';
import type { OrganizationKind } from './types';

export interface NavigationItem {
  key: string;
  path: string;
  permission: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** When set, the item shows only to users of an organization of one of these kinds. */
  organizationKinds?: readonly OrganizationKind[];
}

/** The sider menu in display order; an item shows only when the user holds its permission. */
export const navigationItems: readonly NavigationItem[] = [
  { key: 'dashboard', path: '/', permission: 'dashboard.read', labelKey: 'menu.dashboard', icon: <DashboardOutlined /> },
  { key: 'users', path: '/users', permission: 'user.read', labelKey: 'menu.users', icon: <TeamOutlined /> },
  { key: 'roles', path: '/roles', permission: 'role.read', labelKey: 'menu.roles', icon: <SafetyCertificateOutlined /> },
  { key: 'audit', path: '/audit', permission: 'audit.read', labelKey: 'menu.audit', icon: <AuditOutlined /> },
  { key: 'privacy', path: '/privacy/deletion-requests', permission: 'privacy.manage', labelKey: 'menu.privacy', icon: <SafetyOutlined /> },
  { key: 'stores', path: '/stores', permission: 'store.read', labelKey: 'menu.stores', icon: <ShopOutlined /> },
  { key: 'products', path: '/products', permission: 'product.read', labelKey: 'menu.products', icon: <ShoppingOutlined /> },
  {
    key: 'suppliers',
    path: '/suppliers',
    permission: 'product.read',
    labelKey: 'menu.suppliers',
    icon: <IdcardOutlined />,
    organizationKinds: ['platform', 'supplier'],
  },
  { key: 'orders', path: '/orders', permission: 'order.read', labelKey: 'menu.orders', icon: <ProfileOutlined /> },
  {
    key: 'after-sales',
    path: '/after-sales',
    permission: 'order.read',
    labelKey: 'menu.afterSales',
    icon: <CustomerServiceOutlined />,
  },
  { key: 'import', path: '/catalog/import', permission: 'product.write', labelKey: 'menu.import', icon: <CloudUploadOutlined /> },
  {
    key: 'storefront',
    path: '/storefront',
    permission: 'storefront.write',
    labelKey: 'menu.storefront',
    icon: <AppstoreAddOutlined />,
    organizationKinds: ['merchant'],
  },
  { key: 'pickup', path: '/pickup', permission: 'pickup.verify', labelKey: 'menu.pickup', icon: <ScanOutlined /> },
  { key: 'settlements', path: '/settlements', permission: 'settlement.read', labelKey: 'menu.settlements', icon: <AccountBookOutlined /> },
  {
    key: 'categories',
    path: '/categories',
    permission: 'catalog.review',
    labelKey: 'menu.categories',
    icon: <ApartmentOutlined />,
    organizationKinds: ['platform'],
  },
  { key: 'promotions', path: '/promotions', permission: 'promotion.write', labelKey: 'menu.promotions', icon: <GiftOutlined /> },
  { key: 'reviews', path: '/reviews', permission: 'order.read', labelKey: 'menu.reviews', icon: <StarOutlined /> },
  // 链动2+1: operations manage profiles and the member network; finance reads commissions and pays out.
  { key: 'dist-profiles', path: '/distribution/profiles', permission: 'distribution.manage', labelKey: 'menu.distProfiles', icon: <DeploymentUnitOutlined /> },
  { key: 'dist-simulation', path: '/distribution/simulation', permission: 'distribution.manage', labelKey: 'menu.distSimulation', icon: <ExperimentOutlined /> },
  { key: 'dist-members', path: '/distribution/members', permission: 'distribution.manage', labelKey: 'menu.distMembers', icon: <ClusterOutlined /> },
  { key: 'reward-lines', path: '/distribution/reward-lines', permission: 'commission.read', labelKey: 'menu.rewardLines', icon: <UnorderedListOutlined /> },
  { key: 'withdrawals', path: '/payouts/withdrawals', permission: 'payout.approve', labelKey: 'menu.withdrawals', icon: <WalletOutlined /> },
  { key: 'anomalies', path: '/payouts/anomalies', permission: 'commission.read', labelKey: 'menu.anomalies', icon: <AlertOutlined /> },
  { key: 'member-statements', path: '/distribution/statements', permission: 'commission.read', labelKey: 'menu.memberStatements', icon: <FileTextOutlined /> },
  { key: 'ledger-verification', path: '/distribution/ledger', permission: 'commission.read', labelKey: 'menu.ledgerVerification', icon: <SafetyOutlined /> },
  { key: 'card-templates', path: '/cards/templates', permission: 'card.manage', labelKey: 'menu.cardTemplates', icon: <SolutionOutlined /> },
  { key: 'team-cards', path: '/cards/team', permission: 'card.manage', labelKey: 'menu.teamCards', icon: <ContactsOutlined /> },
  // 补货建议: platform staff see every supplier's SKUs, a supplier's admins their own.
  { key: 'replenishment', path: '/replenishment', permission: 'replenishment.read', labelKey: 'menu.replenishment', icon: <LineChartOutlined />, organizationKinds: ['platform', 'supplier'] },
  { key: 'assistant-knowledge', path: '/assistant/knowledge', permission: 'assistant.manage', labelKey: 'menu.assistantKnowledge', icon: <RobotOutlined /> },
  { key: 'leads', path: '/leads', permission: 'lead.read', labelKey: 'menu.leads', icon: <FunnelPlotOutlined /> },
  { key: 'boss-radar', path: '/radar', permission: 'visitor.read', labelKey: 'menu.bossRadar', icon: <RadarChartOutlined /> },
  { key: 'lead-automations', path: '/leads/automations', permission: 'lead.manage', labelKey: 'menu.leadAutomations', icon: <ThunderboltOutlined /> },
  // 增长活动: platform operations run invite campaigns, levels and points rules.
  { key: 'growth', path: '/growth', permission: 'growth.manage', labelKey: 'menu.growth', icon: <RiseOutlined />, organizationKinds: ['platform'] },
  { key: 'integrations', path: '/integrations', permission: 'integration.manage', labelKey: 'menu.integrations', icon: <ApiOutlined />, organizationKinds: ['platform'] },
  // 营销分析: everyone with analytics.read sees their own scope; recording spend is for platform staff.
  { key: 'analytics', path: '/analytics/funnel', permission: 'analytics.read', labelKey: 'menu.analytics', icon: <FundOutlined /> },
  { key: 'marketing-spend', path: '/analytics/spend', permission: 'analytics.spend', labelKey: 'menu.marketingSpend', icon: <MoneyCollectOutlined /> },
  { key: 'budget-suggestions', path: '/analytics/budget', permission: 'analytics.read', labelKey: 'menu.budgetSuggestions', icon: <BulbOutlined /> },
];

export function visibleNavigation(
  permissions: readonly string[],
  organizationKind?: OrganizationKind | null,
): NavigationItem[] {
  return navigationItems.filter(
    (item) =>
      permissions.includes(item.permission) &&
      (!item.organizationKinds || (organizationKind ? item.organizationKinds.includes(organizationKind) : false)),
  );
}

/** Maps a location to its menu key; `/users/123` selects "users". */
export function navigationKeyFor(pathname: string): string | undefined {
  const match = navigationItems
    .filter((item) => item.path !== '/')
    .find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  if (match) return match.key;
  return pathname === '/' ? 'dashboard' : undefined;
}
