import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin, Result, Button } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { AuthProvider, useAuth } from './auth';
import { homePath } from './menu';
import { AppLayout } from './AppLayout';
import { LoginPage } from './LoginPage';
import { OrgsProvider } from '../modules/org/orgs.store';

const OrgsPage = lazy(() => import('../modules/org/OrgsPage'));
const PeoplePage = lazy(() => import('../modules/org/PeoplePage'));
const UsersPage = lazy(() => import('../modules/org/UsersPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const SecurityPage = lazy(() => import('../modules/security/SecurityPage'));
const NotifyPage = lazy(() => import('../modules/notify/NotifyPage'));
const AccountPage = lazy(() => import('../modules/account/AccountPage'));
const LedgerListPage = lazy(() => import('../modules/ledger/LedgerListPage'));
const ItemDetailPage = lazy(() => import('../modules/ledger/ItemDetailPage'));
const DashboardPage = lazy(() => import('../modules/ledger/DashboardPage'));
const RankingPage = lazy(() => import('../modules/assessment/RankingPage'));
const SchemesPage = lazy(() => import('../modules/assessment/SchemesPage'));
const IndicatorsPage = lazy(() => import('../modules/assessment/IndicatorsPage'));
const ValuesPage = lazy(() => import('../modules/assessment/ValuesPage'));
const IntegrityPage = lazy(() => import('../modules/assessment/IntegrityPage'));

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

function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function lazyPage(node: ReactNode): ReactNode {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
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
              <Route path="/login" element={<LoginPage />} />
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
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </OrgsProvider>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
