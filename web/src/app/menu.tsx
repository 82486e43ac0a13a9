import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  IdcardOutlined,
  ProfileOutlined,
  CheckSquareOutlined,
  InboxOutlined,
  DashboardOutlined,
  NotificationOutlined,
  TrophyOutlined,
  SolutionOutlined,
  DatabaseOutlined,
  FormOutlined,
  FileSearchOutlined,
} from '@ant-design/icons';
import type { TMe } from '../api/types';
import type { MessageKey } from '../i18n';

/** One side-menu entry and the permission it needs (null: everyone). */
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission: string | null;
  /** The menu group the entry belongs to (e.g. 实绩考核), for a layout that nests entries by group. */
  group?: MessageKey;
}

/** The side menu, in display order. */
export const MENU: readonly MenuEntry[] = [
  { path: '/ledger', label: 'menu.ledger', icon: <ProfileOutlined />, permission: 'ledger.read' },
  { path: '/ledger/todo', label: 'menu.ledgerTodo', icon: <CheckSquareOutlined />, permission: 'ledger.read' },
  { path: '/ledger/pool', label: 'menu.ledgerPool', icon: <InboxOutlined />, permission: 'ledger.read' },
  { path: '/ledger/dashboard', label: 'menu.ledgerDashboard', icon: <DashboardOutlined />, permission: 'ledger.read' },
  {
    path: '/assessment',
    label: 'menu.assessmentRanking',
    icon: <TrophyOutlined />,
    permission: 'assessment.read',
    group: 'menu.assessment',
  },
  {
    path: '/assessment/schemes',
    label: 'menu.assessmentSchemes',
    icon: <SolutionOutlined />,
    permission: 'assessment.read',
    group: 'menu.assessment',
  },
  {
    path: '/assessment/indicators',
    label: 'menu.assessmentIndicators',
    icon: <DatabaseOutlined />,
    permission: 'assessment.read',
    group: 'menu.assessment',
  },
  {
    path: '/assessment/values',
    label: 'menu.assessmentValues',
    icon: <FormOutlined />,
    permission: 'assessment.read',
    group: 'menu.assessment',
  },
  {
    path: '/assessment/integrity',
    label: 'menu.assessmentIntegrity',
    icon: <FileSearchOutlined />,
    permission: 'integrity.run',
    group: 'menu.assessment',
  },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/people', label: 'menu.people', icon: <TeamOutlined />, permission: 'person.read' },
  { path: '/users', label: 'menu.users', icon: <UserOutlined />, permission: 'user.read' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/security', label: 'menu.security', icon: <SafetyCertificateOutlined />, permission: 'security.read' },
  { path: '/notify', label: 'menu.notify', icon: <NotificationOutlined />, permission: 'notify.manage' },
  { path: '/account', label: 'menu.account', icon: <IdcardOutlined />, permission: null },
];

/** Menu entries the user may see. */
export function allowedMenu(me: TMe): MenuEntry[] {
  return MENU.filter((m) => m.permission === null || me.permissions.includes(m.permission));
}

/** Where to land after login: the first allowed menu item (the change-password page when the password expired). */
export function homePath(me: TMe): string {
  if (me.passwordExpired) return '/account';
  return allowedMenu(me)[0]?.path ?? '/account';
}

/** Pages reached from a menu entry rather than from the menu itself, for the breadcrumbs (e.g. 问题台账 / 问题详情). */
const SUB_PAGES: readonly { pattern: RegExp; parent: string; label: MessageKey }[] = [
  { pattern: /^\/ledger\/\d+\/?$/, parent: '/ledger', label: 'ledger.detail' },
];

/** Where a path sits in the menu: its entry (the longest matching path, so /ledger/todo is 我的待办), and the sub-page under it, if any. */
export function menuTrail(menu: readonly MenuEntry[], pathname: string): { entry: MenuEntry | undefined; sub: MessageKey | undefined } {
  const sub = SUB_PAGES.find((s) => s.pattern.test(pathname));
  if (sub) return { entry: menu.find((m) => m.path === sub.parent), sub: sub.label };
  const entry = menu
    .filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return { entry, sub: undefined };
}
