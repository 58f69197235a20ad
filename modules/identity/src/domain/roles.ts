import type { DataScope, Localized, OrganizationKind } from '@linkmall/kernel';

/**
 * Permissions are the unit the routes check. Roles are bundles of permissions, each belonging to one
 * kind of organisation; the data scope (which rows) comes from the user's organisation, not the role.
 */
export const PERMISSIONS = {
  'dashboard.read': { 'zh-CN': '查看数据概览', en: 'View dashboard' },
  'user.read': { 'zh-CN': '查看用户', en: 'View users' },
  'user.write': { 'zh-CN': '管理用户与角色', en: 'Manage users and roles' },
  'role.read': { 'zh-CN': '查看角色权限', en: 'View roles' },
  'organization.read': { 'zh-CN': '查看组织', en: 'View organisations' },
  'organization.write': { 'zh-CN': '管理组织', en: 'Manage organisations' },
  'audit.read': { 'zh-CN': '查看审计日志', en: 'View audit log' },
  'store.read': { 'zh-CN': '查看门店', en: 'View stores' },
  'store.write': { 'zh-CN': '管理门店', en: 'Manage stores' },
  'pickup.verify': { 'zh-CN': '门店核销提货码', en: 'Verify pickup codes at a store' },
  'storefront.write': { 'zh-CN': '管理店铺选品与定价', en: 'Manage storefront products and prices' },
  'promotion.write': { 'zh-CN': '管理优惠券、秒杀与拼团活动', en: 'Manage coupons, flash sales and group buys' },
  'card.own': { 'zh-CN': '拥有并编辑自己的名片', en: 'Own and edit one’s business card' },
  'card.manage': { 'zh-CN': '管理公司名片模板与团队名片', en: 'Manage company card templates and team cards' },
  'product.read': { 'zh-CN': '查看商品', en: 'View products' },
  'product.write': { 'zh-CN': '管理商品', en: 'Manage products' },
  'catalog.review': { 'zh-CN': '审核供应商与商品', en: 'Review suppliers and products' },
  'supplier.write': { 'zh-CN': '维护供应商资料', en: 'Manage supplier profiles' },
  'order.read': { 'zh-CN': '查看订单', en: 'View orders' },
  'order.fulfil': { 'zh-CN': '订单发货', en: 'Ship orders' },
  'after_sales.handle': { 'zh-CN': '处理售后', en: 'Handle after-sales' },
  'lead.read': { 'zh-CN': '查看线索', en: 'View leads' },
  'lead.manage': { 'zh-CN': '管理团队线索与自动化规则', en: 'Manage team leads and lead automations' },
  'visitor.read': { 'zh-CN': '查看访客行为', en: 'View visitor behaviour' },
  'radar.team': { 'zh-CN': '查看团队雷达（老板雷达）', en: 'View the team radar (Boss radar)' },
  'commission.read': { 'zh-CN': '查看佣金', en: 'View commissions' },
  'settlement.read': { 'zh-CN': '查看结算对账单', en: 'View settlement statements' },
  'payout.approve': { 'zh-CN': '审批提现', en: 'Approve payouts' },
  'distribution.manage': { 'zh-CN': '管理分销方案与分销会员', en: 'Manage distribution profiles and members' },
  'assistant.manage': { 'zh-CN': '管理智能助理知识库', en: 'Manage the assistant knowledge base' },
  'analytics.read': { 'zh-CN': '查看营销数据分析', en: 'View marketing analytics' },
  'analytics.spend': { 'zh-CN': '录入营销投放费用', en: 'Record marketing spend' },
  'growth.manage': { 'zh-CN': '管理增长活动与能量值', en: 'Manage growth campaigns and points' },
  'integration.manage': { 'zh-CN': '管理 Webhook、开放接口密钥与定时导出', en: 'Manage webhooks, partner API keys and scheduled exports' },
  'replenishment.read': { 'zh-CN': '查看需求预测与补货建议', en: 'View demand forecasts and replenishment suggestions' },
  'privacy.manage': { 'zh-CN': '处理个人信息删除申请', en: 'Handle personal-data deletion requests' },
} as const satisfies Record<string, Localized>;
export type Permission = keyof typeof PERMISSIONS;

interface RoleDefinition {
  readonly name: Localized;
  /** The organisation kind a holder must belong to; null for consumers, who belong to none. */
  readonly organizationKind: OrganizationKind | null;
  readonly permissions: readonly Permission[];
  /** Staff roles may use the admin console; consumer-facing roles only the shop. */
  readonly console: boolean;
}

export const ROLES = {
  platform_admin: {
    name: { 'zh-CN': '平台管理员', en: 'Platform admin' },
    organizationKind: 'platform',
    console: true,
    permissions: [
      'dashboard.read', 'user.read', 'user.write', 'role.read', 'organization.read', 'organization.write', 'audit.read',
      'store.read', 'pickup.verify', 'store.write', 'product.read', 'product.write', 'catalog.review', 'supplier.write', 'order.read', 'settlement.read', 'order.fulfil', 'after_sales.handle', 'lead.read', 'lead.manage',
      'visitor.read', 'radar.team', 'commission.read', 'payout.approve', 'promotion.write', 'card.manage', 'distribution.manage', 'assistant.manage',
      'analytics.read', 'analytics.spend', 'growth.manage', 'integration.manage', 'replenishment.read', 'privacy.manage',
    ],
  },
  operations: {
    name: { 'zh-CN': '运营', en: 'Operations' },
    organizationKind: 'platform',
    console: true,
    permissions: ['dashboard.read', 'user.read', 'role.read', 'organization.read', 'store.read', 'product.read', 'catalog.review', 'order.read', 'order.fulfil', 'after_sales.handle', 'lead.read', 'lead.manage', 'visitor.read', 'radar.team', 'promotion.write', 'card.manage', 'distribution.manage', 'assistant.manage', 'analytics.read', 'analytics.spend', 'growth.manage', 'replenishment.read', 'privacy.manage'],
  },
  finance: {
    name: { 'zh-CN': '财务', en: 'Finance' },
    organizationKind: 'platform',
    console: true,
    // Finance sees money (commissions, payouts, orders) but not visitor behaviour or leads.
    permissions: ['dashboard.read', 'organization.read', 'order.read', 'settlement.read', 'commission.read', 'payout.approve', 'analytics.read', 'analytics.spend'],
  },
  sales: {
    name: { 'zh-CN': '销售', en: 'Sales' },
    organizationKind: 'platform',
    console: true,
    // Sales work leads and visitor behaviour but never see commission money.
    permissions: ['dashboard.read', 'lead.read', 'visitor.read', 'product.read', 'store.read', 'card.own'],
  },
  supplier_admin: {
    name: { 'zh-CN': '供应商管理员', en: 'Supplier admin' },
    organizationKind: 'supplier',
    console: true,
    permissions: ['dashboard.read', 'user.read', 'user.write', 'role.read', 'audit.read', 'product.read', 'product.write', 'supplier.write', 'order.read', 'settlement.read', 'order.fulfil', 'after_sales.handle', 'replenishment.read'],
  },
  merchant_admin: {
    name: { 'zh-CN': '商户管理员', en: 'Merchant admin' },
    organizationKind: 'merchant',
    console: true,
    permissions: [
      'dashboard.read', 'user.read', 'user.write', 'role.read', 'audit.read', 'store.read', 'pickup.verify', 'store.write', 'storefront.write',
      'product.read', 'order.read', 'settlement.read', 'after_sales.handle', 'lead.read', 'lead.manage', 'visitor.read', 'radar.team', 'promotion.write', 'card.own', 'card.manage', 'assistant.manage', 'analytics.read',
    ],
  },
  shop_guide: {
    name: { 'zh-CN': '导购', en: 'Shop guide' },
    organizationKind: 'merchant',
    console: true,
    permissions: ['dashboard.read', 'store.read', 'pickup.verify', 'product.read', 'lead.read', 'visitor.read', 'card.own', 'analytics.read'],
  },
  consumer: {
    name: { 'zh-CN': '消费者', en: 'Consumer' },
    organizationKind: null,
    console: false,
    permissions: [],
  },
} as const satisfies Record<string, RoleDefinition>;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) if (isRole(role)) for (const permission of ROLES[role].permissions) granted.add(permission);
  return granted;
}

/** Roles must match the user's organisation kind: a supplier's staff cannot be made platform finance. */
export function rolesFitOrganization(roles: readonly string[], organizationKind: OrganizationKind | null): boolean {
  return roles.length > 0 && roles.every((role) => isRole(role) && ROLES[role].organizationKind === organizationKind);
}

export function canUseConsole(roles: readonly string[]): boolean {
  return roles.some((role) => isRole(role) && ROLES[role].console);
}

/** Which rows a user may see, from the organisation they belong to. */
export function scopeOf(user: { id: string; organizationId: string | null; organizationKind: OrganizationKind | null }): DataScope {
  switch (user.organizationKind) {
    case 'platform':
      return { kind: 'all' };
    case 'supplier':
      return { kind: 'supplier', supplierId: user.organizationId! };
    case 'merchant':
      return { kind: 'merchant', merchantId: user.organizationId! };
    default:
      return { kind: 'self', userId: user.id };
  }
}

/** The organisation a scoped actor's rows belong to; null for platform-wide and self scopes. */
export function scopedOrganizationId(scope: DataScope): string | null {
  if (scope.kind === 'supplier') return scope.supplierId;
  if (scope.kind === 'merchant') return scope.merchantId;
  return null;
}
