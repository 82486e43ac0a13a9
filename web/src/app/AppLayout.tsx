import { useState, type ReactNode } from 'react';
import { Layout, Menu, Tag, Space, Dropdown, Button, Typography, Alert, Avatar, Segmented } from 'antd';
import { LogoutOutlined, UserOutlined, DownOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { allowedMenu, type MenuEntry } from './menu';
import { useLocale, useT, type Locale } from '../i18n';
import { useOrgs } from '../modules/org/orgs.store';
import { NotificationBell } from '../modules/notify/NotificationBell';

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

/** The admin shell: side menu, header with user, role, locale switch and logout. */
export function AppLayout() {
  const { me, logout } = useAuth();
  const { isDemo } = useOrgs();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  if (!me) return null;
  const menu = allowedMenu(me).filter((m) => !me.passwordExpired || m.path === '/account');
  // The longest matching path wins, so /ledger/todo highlights 我的待办 rather than 问题台账.
  const selected = menu
    .filter((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontSize: collapsed ? 16 : 18,
            fontWeight: 600,
            letterSpacing: 2,
          }}
        >
          {collapsed ? t('app.name') : t('app.fullName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menuItems(menu, t, collapsed)}
          onClick={({ key }) => void navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            {isDemo && (
              <Tag color="orange" data-testid="demo-banner">
                {t('app.demo')}
              </Tag>
            )}
          </Space>
          <Space size="middle">
            {!me.passwordExpired && <NotificationBell />}
            <LocaleSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'account', icon: <UserOutlined />, label: t('menu.account'), onClick: () => void navigate('/account') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('app.logout'), onClick: () => void logout() },
                ],
              }}
            >
              <Button type="text">
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} />
                  <span>{me.displayName}</span>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t(`role.${me.role}`)}
                  </Tag>
                  <Typography.Text type="secondary">{me.orgName}</Typography.Text>
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              {t('app.logout')}
            </Button>
          </Space>
        </Header>
        {isDemo && <Alert type="warning" banner showIcon title={t('app.demoHint')} />}
        <Content style={{ margin: 16 }}>
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
