import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zh as orgZh, en as orgEn } from './modules/org/org.messages';
import { zh as auditZh, en as auditEn } from './modules/audit/audit.messages';
import { zh as securityZh, en as securityEn } from './modules/security/security.messages';
import { zh as accountZh, en as accountEn } from './modules/account/account.messages';
import { zh as ledgerZh, en as ledgerEn } from './modules/ledger/ledger.messages';
import { zh as notifyZh, en as notifyEn } from './modules/notify/notify.messages';
import { zh as assessmentZh, en as assessmentEn } from './modules/assessment/assessment.messages';

/** Locales the web client speaks. */
export type Locale = 'zh-CN' | 'en-US';

/** App-level strings (shell, menu, login, shared words and roles); each module brings its own in `<module>.messages.ts`. */
const zhCN = {
  'app.name': '实绩',
  'app.fullName': '实绩 Shiji',
  'app.subtitle': '整改闭环 · 开门监督 · 实绩考核',
  'app.demo': '演示数据',
  'app.demoHint': '当前为演示数据，请勿录入真实信息',
  'app.locale': '语言',
  'app.logout': '退出登录',
  'app.loggedOut': '已退出登录',
  'app.loading': '加载中…',
  'app.notFound': '页面不存在',
  'app.backHome': '返回首页',
  'app.noMenu': '当前账号没有可访问的功能，请联系系统管理员。',
  'app.sessionExpired': '登录已失效，请重新登录',
  'app.openMenu': '打开菜单',
  'app.home': '首页',

  'menu.ledger': '问题台账',
  'menu.ledgerTodo': '我的待办',
  'menu.ledgerPool': '领题池',
  'menu.ledgerDashboard': '台账统计',
  'menu.assessment': '实绩考核',
  'menu.assessmentRanking': '考核排名',
  'menu.assessmentSchemes': '考核方案',
  'menu.assessmentIndicators': '指标库',
  'menu.assessmentValues': '数据填报',
  'menu.assessmentIntegrity': '数据核查',
  'menu.orgs': '组织机构',
  'menu.people': '干部队伍',
  'menu.users': '用户管理',
  'menu.audit': '审计日志',
  'menu.security': '安全设置',
  'menu.notify': '消息推送',
  'menu.account': '个人中心',

  'common.ok': '确定',
  'common.cancel': '取消',
  'common.save': '保存',
  'common.edit': '编辑',
  'common.search': '查询',
  'common.reset': '重置',
  'common.refresh': '刷新',
  'common.actions': '操作',
  'common.status': '状态',
  'common.all': '全部',
  'common.yes': '是',
  'common.no': '否',
  'common.active': '正常',
  'common.inactive': '已停用',
  'common.saved': '已保存',
  'common.created': '已创建',
  'common.empty': '暂无数据',
  'common.total': '共 {total} 条',
  'common.required': '请输入{label}',
  'common.requiredSelect': '请选择{label}',
  'common.copy': '复制',
  'common.copied': '已复制',
  'common.never': '从未',
  'common.networkError': '网络错误，请稍后重试',
  'common.confirmTitle': '确认操作',

  'list.columns': '列设置',
  'list.density': '密度',
  'list.density.large': '默认',
  'list.density.middle': '中等',
  'list.density.small': '紧凑',
  'list.print': '打印',
  'list.moreFilters': '展开',
  'list.fewerFilters': '收起',

  'login.title': '用户登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.success': '登录成功',
  'login.footer': '本系统仅限授权人员使用，所有操作均记入审计日志',

  'role.sysadmin': '系统管理员',
  'role.secadmin': '安全管理员',
  'role.auditor': '审计管理员',
  'role.leader': '领导',
  'role.discipline': '纪检监察',
  'role.organization': '组织部门',
  'role.inspector': '督查',
  'role.handler': '承办人',
  'role.deputy': '人大代表',
  'scope.own': '本单位',
  'scope.subtree': '本单位及下级',
  'scope.all': '全部',

  ...orgZh,
  ...auditZh,
  ...securityZh,
  ...accountZh,
  ...ledgerZh,
  ...notifyZh,
  ...assessmentZh,
};

/** A key of the message dictionary. */
export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  'app.name': 'Shiji',
  'app.fullName': 'Shiji 实绩',
  'app.subtitle': 'Closed-loop rectification · Open supervision · Real-results assessment',
  'app.demo': 'Demo data',
  'app.demoHint': 'This is demo data. Do not enter real information.',
  'app.locale': 'Language',
  'app.logout': 'Log out',
  'app.loggedOut': 'Logged out',
  'app.loading': 'Loading…',
  'app.notFound': 'Page not found',
  'app.backHome': 'Back to home',
  'app.noMenu': 'This account has no accessible functions. Please contact the system administrator.',
  'app.sessionExpired': 'Your session has expired, please log in again',
  'app.openMenu': 'Open menu',
  'app.home': 'Home',

  'menu.ledger': 'Issue ledger',
  'menu.ledgerTodo': 'My to-do',
  'menu.ledgerPool': 'Claim pool',
  'menu.ledgerDashboard': 'Ledger statistics',
  'menu.assessment': 'Assessment',
  'menu.assessmentRanking': 'Rankings',
  'menu.assessmentSchemes': 'Schemes',
  'menu.assessmentIndicators': 'Indicators',
  'menu.assessmentValues': 'Data entry',
  'menu.assessmentIntegrity': 'Integrity checks',
  'menu.orgs': 'Organisations',
  'menu.people': 'Cadres',
  'menu.users': 'Users',
  'menu.audit': 'Audit log',
  'menu.security': 'Security',
  'menu.notify': 'Push notifications',
  'menu.account': 'My account',

  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.edit': 'Edit',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.refresh': 'Refresh',
  'common.actions': 'Actions',
  'common.status': 'Status',
  'common.all': 'All',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.active': 'Active',
  'common.inactive': 'Inactive',
  'common.saved': 'Saved',
  'common.created': 'Created',
  'common.empty': 'No data',
  'common.total': '{total} in total',
  'common.required': 'Please enter {label}',
  'common.requiredSelect': 'Please select {label}',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.never': 'Never',
  'common.networkError': 'Network error, please try again later',
  'common.confirmTitle': 'Confirm',

  'list.columns': 'Columns',
  'list.density': 'Density',
  'list.density.large': 'Default',
  'list.density.middle': 'Medium',
  'list.density.small': 'Compact',
  'list.print': 'Print',
  'list.moreFilters': 'More filters',
  'list.fewerFilters': 'Fewer filters',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.success': 'Logged in',
  'login.footer': 'Authorised personnel only. All operations are recorded in the audit log.',

  'role.sysadmin': 'System administrator',
  'role.secadmin': 'Security administrator',
  'role.auditor': 'Audit administrator',
  'role.leader': 'Leader',
  'role.discipline': 'Discipline inspection',
  'role.organization': 'Organisation department',
  'role.inspector': 'Inspector',
  'role.handler': 'Handler',
  'role.deputy': 'People’s congress deputy',
  'scope.own': 'Own organisation',
  'scope.subtree': 'Own and subordinate',
  'scope.all': 'All',

  ...orgEn,
  ...auditEn,
  ...securityEn,
  ...accountEn,
  ...ledgerEn,
  ...notifyEn,
  ...assessmentEn,
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'shiji.locale';

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;
/** The translate function handed out by `useT()`. */
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let currentLocale: Locale = readStoredLocale();
applyDayjs(currentLocale);

function applyDayjs(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

/** The locale in effect right now (for the API client's Accept-Language). */
export function getLocale(): Locale {
  return currentLocale;
}

/** Is `key` a message of the dictionary (for labels looked up from data, such as audit actions)? */
export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** Translates a key outside React (e.g. in the API client). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] ?? zhCN[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: TFunction;
}

const LocaleContext = createContext<LocaleContextValue>({
  locale: currentLocale,
  setLocale: () => undefined,
  t: (key, params) => translate(currentLocale, key, params),
});

/** Holds the chosen locale, persists it in localStorage and keeps dayjs in step. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    currentLocale = next;
    applyDayjs(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: keep the choice in memory only */
    }
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleContextValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return createElement(LocaleContext.Provider, { value }, children);
}

/** Returns `t(key, params?)` for the current locale. */
export function useT(): TFunction {
  return useContext(LocaleContext).t;
}

/** Returns the current locale and its setter. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useContext(LocaleContext);
  return { locale, setLocale };
}
