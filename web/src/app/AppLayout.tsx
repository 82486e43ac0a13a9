import { useState, type ReactNode } from 'react';
import { Layout, Menu, Tag, Space, Dropdown, Button, Typography, Alert, Avatar, Segmented, Drawer, Grid } from 'antd';
import { LogoutOutlined, UserOutlined, DownOutlined, MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { allowedMenu, homePath, menuTrail, type MenuEntry } from './menu';
import { useLocale, useT, type Locale } from '../i18n';
import { useOrgs } from '../modules/org/orgs.store';
import { NotificationBell } from '../modules/notify/NotificationBell';
import { PageBreadcrumb } from './components/PageBreadcrumb';

const { Header, Sider, Content } = Layout;

/** Switches between 中文 and English. */
export function LocaleSwitch() {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={(v) => setLocale(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en-US' },
      ]}
    />
  );
}

/** The app's name above the menu. */
function Brand({ short }: { short: boolean }) {
  const t = useT();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        color: '#fff',
        fontSize: short ? 16 : 18,
        fontWeight: 600,
        letterSpacing: 2,
      }}
    >
      {short ? t('app.name') : t('app.fullName')}
    </div>
  );
}

/**
 * The admin shell: side menu, header with user, role, locale switch and logout, breadcrumbs above the page. Below
 * antd's `md` breakpoint (768 px) the menu is a drawer opened from a button in the header, and the header keeps only
 * what fits a phone.
 */
export function AppLayout() {
  const { me, logout } = useAuth();
  const { isDemo } = useOrgs();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Until the first measure (an empty map) the layout is the desktop one.
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (!me) return null;
  const menu = allowedMenu(me).filter((m) => !me.passwordExpired || m.path === '/account');
  const selected = menuTrail(menu, location.pathname).entry?.path;

  const sideMenu = (short: boolean) => (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menuItems(menu, t, short)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  const userMenu = {
    items: [
      ...(isPhone
        ? [
            {
              key: 'who',
              disabled: true,
              label: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t(`role.${me.role}`)} · {me.orgName}
                  </Typography.Text>
                </Space>
              ),
            },
            { type: 'divider' as const },
          ]
        : []),
      { key: 'account', icon: <UserOutlined />, label: t('menu.account'), onClick: () => void navigate('/account') },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, label: t('app.logout'), onClick: () => void logout() },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          rootClassName="app-menu-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <nav aria-label={t('app.openMenu')}>
            <Brand short={false} />
            {sideMenu(false)}
          </nav>
        </Drawer>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark" className="app-sider">
          <Brand short={collapsed} />
          {sideMenu(collapsed)}
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header
          className="app-header"
          style={{
            background: '#fff',
            padding: isPhone ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size={isPhone ? 4 : 'small'} style={{ minWidth: 0 }}>
            {isPhone && <Button type="text" icon={<MenuOutlined />} aria-label={t('app.openMenu')} onClick={() => setDrawerOpen(true)} />}
            {isPhone ? (
              <Typography.Text strong>{t('app.name')}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            )}
            {isDemo && (
              <Tag color="orange" data-testid="demo-banner">
                {t('app.demo')}
              </Tag>
            )}
          </Space>
          <Space size={isPhone ? 4 : 'middle'}>
            {!me.passwordExpired && <NotificationBell />}
            <LocaleSwitch />
            <Dropdown menu={userMenu}>
              <Button type="text" aria-label={isPhone ? me.displayName : undefined}>
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} />
                  {!isPhone && (
                    <>
                      <span>{me.displayName}</span>
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {t(`role.${me.role}`)}
                      </Tag>
                      <Typography.Text type="secondary">{me.orgName}</Typography.Text>
                    </>
                  )}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
            {!isPhone && (
              <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
                {t('app.logout')}
              </Button>
            )}
          </Space>
        </Header>
        {isDemo && <Alert type="warning" banner showIcon title={t('app.demoHint')} className="no-print" />}
        <Content className="app-content" style={{ margin: isPhone ? 8 : 16, minWidth: 0 }}>
          <PageBreadcrumb menu={menu} home={homePath(me)} />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

/** Side-menu items: entries of a group (e.g. 实绩考核) under the group's heading, in menu order; flat when collapsed. */
function menuItems(menu: MenuEntry[], t: (key: MenuEntry['label']) => string, collapsed: boolean) {
  const items: (
    | { key: string; icon: ReactNode; label: string }
    | { type: 'group'; key: string; label: string; children: { key: string; icon: ReactNode; label: string }[] }
  )[] = [];
  for (const m of menu) {
    const item = { key: m.path, icon: m.icon, label: t(m.label) };
    if (!m.group || collapsed) {
      items.push(item);
      continue;
    }
    const last = items[items.length - 1];
    if (last && 'type' in last && last.key === m.group) last.children.push(item);
    else items.push({ type: 'group', key: m.group, label: t(m.group), children: [item] });
  }
  return items;
}
