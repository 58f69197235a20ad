import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { AdminLayout } from './layout/admin-layout';
import { visibleNavigation } from './navigation';
import type { OrganizationKind } from './types';
import { AfterSalesPage } from './pages/after-sales-page';
import { AuditPage } from './pages/audit-page';
import { DeletionRequestsPage } from './pages/deletion-requests-page';
import { LoginPage } from './pages/login-page';
import { ForbiddenPage, NoAccessPage, NotFoundPage } from './pages/status-pages';
import { CatalogImportPage } from './pages/catalog-import-page';
import { OrdersPage } from './pages/orders-page';
import { PickupPage } from './pages/pickup-page';
import { PromotionsPage } from './pages/promotions-page';
import { CategoriesPage } from './pages/categories-page';
import { ReviewsPage } from './pages/reviews-page';
import { SettlementsPage } from './pages/settlements-page';
import { StorefrontPage } from './pages/storefront-page';
import { ProductsPage } from './pages/products-page';
import { SuppliersPage } from './pages/suppliers-page';
import { RolesPage } from './pages/roles-page';
import { StoresPage } from './pages/stores-page';
import { UsersPage } from './pages/users-page';
import { AnomaliesPage } from './distribution/anomalies-page';
import { DistributionMembersPage } from './distribution/members-page';
import { DistributionProfilesPage } from './distribution/profiles-page';
import { LedgerVerificationPage } from './distribution/ledger-verification-page';
import { MemberStatementsPage } from './distribution/statements-page';
import { RewardLinesPage } from './distribution/reward-lines-page';
import { WithdrawalsPage } from './distribution/withdrawals-page';
import { AssistantKnowledgePage } from './assistant/knowledge-page';
import { CardTemplatesPage } from './card/templates-page';
import { TeamCardsPage } from './card/team-cards-page';
import { LeadsPage } from './crm/leads-page';
import { BossRadarPage } from './radar/boss-radar-page';
import { LeadAutomationsPage } from './crm/automations-page';
import { GrowthPage } from './growth/growth-page';
import { IntegrationsPage } from './integration/integrations-page';

// The dashboard alone needs ECharts, so it loads on demand and the login page stays light.
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((module) => ({ default: module.DashboardPage })));
// The simulation draws a chart too, so it shares the on-demand ECharts chunk.
const DistributionSimulationPage = lazy(() => import('./distribution/simulation-page').then((module) => ({ default: module.DistributionSimulationPage })));
// 补货建议 draws the forecast chart, so it loads on demand as well.
const ReplenishmentPage = lazy(() => import('./replenishment/replenishment-page').then((module) => ({ default: module.ReplenishmentPage })));
// The marketing analytics screens draw charts too.
const AnalyticsPage = lazy(() => import('./analytics/analytics-page').then((module) => ({ default: module.AnalyticsPage })));
const BudgetPage = lazy(() => import('./analytics/budget-page').then((module) => ({ default: module.BudgetPage })));
const SpendPage = lazy(() => import('./analytics/spend-page').then((module) => ({ default: module.SpendPage })));

function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireSignedIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'signed-out') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

function RequirePermission({
  permission,
  organizationKinds,
  children,
}: {
  permission: string;
  organizationKinds?: readonly OrganizationKind[];
  children: ReactNode;
}) {
  const { can, user } = useAuth();
  const kind = user?.organization?.kind;
  const kindAllowed = !organizationKinds || (kind !== undefined && organizationKinds.includes(kind));
  return can(permission) && kindAllowed ? children : <ForbiddenPage />;
}

/** The dashboard is home for those who may see it; everyone else lands on their first menu item. */
function HomeRoute() {
  const { user, can } = useAuth();
  if (can('dashboard.read')) {
    return (
      <Suspense fallback={<Spin />}>
        <DashboardPage />
      </Suspense>
    );
  }
  const first = visibleNavigation(user?.permissions ?? [], user?.organization?.kind)[0];
  return first ? <Navigate to={first.path} replace /> : <NoAccessPage />;
}

function LoginRoute() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'signed-in') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <LoginPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        element={
          <RequireSignedIn>
            <AdminLayout />
          </RequireSignedIn>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="users" element={<RequirePermission permission="user.read"><UsersPage /></RequirePermission>} />
        <Route path="roles" element={<RequirePermission permission="role.read"><RolesPage /></RequirePermission>} />
        <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
        <Route path="privacy/deletion-requests" element={<RequirePermission permission="privacy.manage"><DeletionRequestsPage /></RequirePermission>} />
        <Route path="stores" element={<RequirePermission permission="store.read"><StoresPage /></RequirePermission>} />
        <Route path="products" element={<RequirePermission permission="product.read"><ProductsPage /></RequirePermission>} />
        <Route
          path="suppliers"
          element={
            <RequirePermission permission="product.read" organizationKinds={['platform', 'supplier']}>
              <SuppliersPage />
            </RequirePermission>
          }
        />
        <Route path="orders" element={<RequirePermission permission="order.read"><OrdersPage /></RequirePermission>} />
        <Route path="after-sales" element={<RequirePermission permission="order.read"><AfterSalesPage /></RequirePermission>} />
        <Route path="catalog/import" element={<RequirePermission permission="product.write"><CatalogImportPage /></RequirePermission>} />
        <Route
          path="storefront"
          element={
            <RequirePermission permission="storefront.write" organizationKinds={['merchant']}>
              <StorefrontPage />
            </RequirePermission>
          }
        />
        <Route path="pickup" element={<RequirePermission permission="pickup.verify"><PickupPage /></RequirePermission>} />
        <Route path="settlements" element={<RequirePermission permission="settlement.read"><SettlementsPage /></RequirePermission>} />
        <Route
          path="categories"
          element={
            <RequirePermission permission="catalog.review" organizationKinds={['platform']}>
              <CategoriesPage />
            </RequirePermission>
          }
        />
        <Route path="promotions" element={<RequirePermission permission="promotion.write"><PromotionsPage /></RequirePermission>} />
        <Route path="reviews" element={<RequirePermission permission="order.read"><ReviewsPage /></RequirePermission>} />
        <Route path="distribution/profiles" element={<RequirePermission permission="distribution.manage"><DistributionProfilesPage /></RequirePermission>} />
        <Route
          path="distribution/simulation"
          element={
            <RequirePermission permission="distribution.manage">
              <Suspense fallback={<Spin />}>
                <DistributionSimulationPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route path="distribution/members" element={<RequirePermission permission="distribution.manage"><DistributionMembersPage /></RequirePermission>} />
        <Route path="distribution/reward-lines" element={<RequirePermission permission="commission.read"><RewardLinesPage /></RequirePermission>} />
        <Route path="distribution/statements" element={<RequirePermission permission="commission.read"><MemberStatementsPage /></RequirePermission>} />
        <Route path="distribution/ledger" element={<RequirePermission permission="commission.read"><LedgerVerificationPage /></RequirePermission>} />
        <Route path="payouts/withdrawals" element={<RequirePermission permission="payout.approve"><WithdrawalsPage /></RequirePermission>} />
        <Route path="payouts/anomalies" element={<RequirePermission permission="commission.read"><AnomaliesPage /></RequirePermission>} />
        <Route path="assistant/knowledge" element={<RequirePermission permission="assistant.manage"><AssistantKnowledgePage /></RequirePermission>} />
        <Route path="leads" element={<RequirePermission permission="lead.read"><LeadsPage /></RequirePermission>} />
        <Route path="radar" element={<RequirePermission permission="visitor.read"><BossRadarPage /></RequirePermission>} />
        <Route path="leads/automations" element={<RequirePermission permission="lead.manage"><LeadAutomationsPage /></RequirePermission>} />
        <Route path="growth" element={<RequirePermission permission="growth.manage" organizationKinds={['platform']}><GrowthPage /></RequirePermission>} />
        <Route path="integrations" element={<RequirePermission permission="integration.manage" organizationKinds={['platform']}><IntegrationsPage /></RequirePermission>} />
        <Route path="analytics/funnel" element={<RequirePermission permission="analytics.read"><Suspense fallback={<Spin />}><AnalyticsPage /></Suspense></RequirePermission>} />
        <Route path="analytics/spend" element={<RequirePermission permission="analytics.spend"><Suspense fallback={<Spin />}><SpendPage /></Suspense></RequirePermission>} />
        <Route path="analytics/budget" element={<RequirePermission permission="analytics.read"><Suspense fallback={<Spin />}><BudgetPage /></Suspense></RequirePermission>} />
        <Route path="cards/templates" element={<RequirePermission permission="card.manage"><CardTemplatesPage /></RequirePermission>} />
        <Route path="cards/team" element={<RequirePermission permission="card.manage"><TeamCardsPage /></RequirePermission>} />
        <Route
          path="replenishment"
          element={
            <RequirePermission permission="replenishment.read" organizationKinds={['platform', 'supplier']}>
              <Suspense fallback={<Spin />}>
                <ReplenishmentPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
