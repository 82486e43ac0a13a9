import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin, Card, Skeleton } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { AuthProvider, useAuth } from './auth';
import { homePath } from './menu';
import { AppLayout } from './AppLayout';
import { OrgsProvider } from '../modules/org/orgs.store';

/** The page modules, each loaded on first use (one chunk per route). */
const loaders = {
  orgs: () => import('../modules/org/OrgsPage'),
  people: () => import('../modules/org/PeoplePage'),
  users: () => import('../modules/org/UsersPage'),
  audit: () => import('../modules/audit/AuditPage'),
  security: () => import('../modules/security/SecurityPage'),
  notify: () => import('../modules/notify/NotifyPage'),
  account: () => import('../modules/account/AccountPage'),
  ledgerList: () => import('../modules/ledger/LedgerListPage'),
  itemDetail: () => import('../modules/ledger/ItemDetailPage'),
  dashboard: () => import('../modules/ledger/DashboardPage'),
  ranking: () => import('../modules/assessment/RankingPage'),
  schemes: () => import('../modules/assessment/SchemesPage'),
  indicators: () => import('../modules/assessment/IndicatorsPage'),
  values: () => import('../modules/assessment/ValuesPage'),
  integrity: () => import('../modules/assessment/IntegrityPage'),
};

/** Which page module a path opens, for fetching it while the session is still being checked. */
function loaderFor(pathname: string): (() => Promise<unknown>) | undefined {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/ledger' || p === '/ledger/todo' || p === '/ledger/pool' || p === '/') return loaders.ledgerList;
  if (p === '/ledger/dashboard') return loaders.dashboard;
  if (/^\/ledger\/\d+$/.test(p)) return loaders.itemDetail;
  const byPath: Record<string, () => Promise<unknown>> = {
    '/assessment': loaders.ranking,
    '/assessment/schemes': loaders.schemes,
    '/assessment/indicators': loaders.indicators,
    '/assessment/values': loaders.values,
    '/assessment/integrity': loaders.integrity,
    '/orgs': loaders.orgs,
    '/people': loaders.people,
    '/users': loaders.users,
    '/audit': loaders.audit,
    '/security': loaders.security,
    '/notify': loaders.notify,
    '/account': loaders.account,
  };
  return byPath[p];
}

// The page of the address the app opens on (or the login page) starts downloading now, beside /api/auth/me, not after it.
void (window.location.pathname === '/login' ? import('./LoginPage') : loaderFor(window.location.pathname)?.())?.catch(() => undefined);

const LoginPage = lazy(() => import('./LoginPage').then((m) => ({ default: m.LoginPage })));
const NotFoundPage = lazy(() => import('./NotFoundPage'));
const OrgsPage = lazy(loaders.orgs);
const PeoplePage = lazy(loaders.people);
const UsersPage = lazy(loaders.users);
const AuditPage = lazy(loaders.audit);
const SecurityPage = lazy(loaders.security);
const NotifyPage = lazy(loaders.notify);
const AccountPage = lazy(loaders.account);
const LedgerListPage = lazy(loaders.ledgerList);
const ItemDetailPage = lazy(loaders.itemDetail);
const DashboardPage = lazy(loaders.dashboard);
const RankingPage = lazy(loaders.ranking);
const SchemesPage = lazy(loaders.schemes);
const IndicatorsPage = lazy(loaders.indicators);
const ValuesPage = lazy(loaders.values);
const IntegrityPage = lazy(loaders.integrity);

/** Full-page spinner while something loads. */
export function PageLoading() {
  const t = useT();
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

/** Renders children only for a logged-in user; sends expired passwords to /account. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.passwordExpired && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <>{children}</>;
}

/** Renders a page only when the user holds `permission`. */
function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can, me } = useAuth();
  if (!me || !can(permission)) return <Navigate to={me ? homePath(me) : '/login'} replace />;
  return <>{children}</>;
}

function HomeRedirect() {
  const { me } = useAuth();
  return <Navigate to={me ? homePath(me) : '/login'} replace />;
}

/** A page's shape while its code downloads: a card of skeleton lines under the breadcrumbs. */
function PageSkeleton() {
  return (
    <Card data-testid="page-skeleton">
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}

function lazyPage(node: ReactNode): ReactNode {
  return <Suspense fallback={<PageSkeleton />}>{node}</Suspense>;
}

/** Providers (antd locale, auth, orgs) and the route table. */
export function Root() {
  const { locale } = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <AuthProvider>
          <OrgsProvider>
            <Routes>
              <Route
                path="/login"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <LoginPage />
                  </Suspense>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomeRedirect />} />
                <Route
                  path="ledger"
                  element={
                    <RequirePermission permission="ledger.read">{lazyPage(<LedgerListPage key="all" mode="all" />)}</RequirePermission>
                  }
                />
                <Route
                  path="ledger/todo"
                  element={
                    <RequirePermission permission="ledger.read">{lazyPage(<LedgerListPage key="todo" mode="todo" />)}</RequirePermission>
                  }
                />
                <Route
                  path="ledger/pool"
                  element={
                    <RequirePermission permission="ledger.read">{lazyPage(<LedgerListPage key="pool" mode="pool" />)}</RequirePermission>
                  }
                />
                <Route
                  path="ledger/dashboard"
                  element={<RequirePermission permission="ledger.read">{lazyPage(<DashboardPage />)}</RequirePermission>}
                />
                <Route
                  path="ledger/:id"
                  element={<RequirePermission permission="ledger.read">{lazyPage(<ItemDetailPage />)}</RequirePermission>}
                />
                <Route
                  path="assessment"
                  element={<RequirePermission permission="assessment.read">{lazyPage(<RankingPage />)}</RequirePermission>}
                />
                <Route
                  path="assessment/schemes"
                  element={<RequirePermission permission="assessment.read">{lazyPage(<SchemesPage />)}</RequirePermission>}
                />
                <Route
                  path="assessment/indicators"
                  element={<RequirePermission permission="assessment.read">{lazyPage(<IndicatorsPage />)}</RequirePermission>}
                />
                <Route
                  path="assessment/values"
                  element={<RequirePermission permission="assessment.read">{lazyPage(<ValuesPage />)}</RequirePermission>}
                />
                <Route
                  path="assessment/integrity"
                  element={<RequirePermission permission="integrity.run">{lazyPage(<IntegrityPage />)}</RequirePermission>}
                />
                <Route path="orgs" element={<RequirePermission permission="org.read">{lazyPage(<OrgsPage />)}</RequirePermission>} />
                <Route path="people" element={<RequirePermission permission="person.read">{lazyPage(<PeoplePage />)}</RequirePermission>} />
                <Route path="users" element={<RequirePermission permission="user.read">{lazyPage(<UsersPage />)}</RequirePermission>} />
                <Route path="audit" element={<RequirePermission permission="audit.read">{lazyPage(<AuditPage />)}</RequirePermission>} />
                <Route
                  path="security"
                  element={<RequirePermission permission="security.read">{lazyPage(<SecurityPage />)}</RequirePermission>}
                />
                <Route
                  path="notify"
                  element={<RequirePermission permission="notify.manage">{lazyPage(<NotifyPage />)}</RequirePermission>}
                />
                <Route path="account" element={lazyPage(<AccountPage />)} />
                <Route path="*" element={lazyPage(<NotFoundPage />)} />
              </Route>
            </Routes>
          </OrgsProvider>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
