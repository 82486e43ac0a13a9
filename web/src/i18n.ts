import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';

/** Locales the web client speaks. */
export type Locale = 'zh-CN' | 'en-US';

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

  'menu.orgs': '组织机构',
  'menu.people': '干部队伍',
  'menu.users': '用户管理',
  'menu.audit': '审计日志',
  'menu.security': '安全设置',
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

  'login.title': '用户登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.success': '登录成功',
  'login.footer': '本系统仅限授权人员使用，所有操作均记入审计日志',

  'level.province': '省',
  'level.city': '市',
  'level.county': '县(市、区)',
  'level.township': '乡镇(街道)',
  'level.village': '村(社区)',
  'level.department': '部门',
  'zone.urban_core': '中心城区',
  'zone.agricultural_county': '农业县',
  'zone.ecological_zone': '生态功能区',
  'zone.development_zone': '开发区',
  'zone.agency': '机关部门',

  'org.searchPlaceholder': '搜索机构名称',
  'org.selectHint': '请在左侧选择一个组织机构',
  'org.detail': '机构信息',
  'org.name': '名称',
  'org.code': '编码',
  'org.level': '层级',
  'org.zone': '功能区',
  'org.parent': '上级机构',
  'org.path': '路径',
  'org.addChild': '新增下级',
  'org.edit': '编辑',
  'org.move': '移动',
  'org.deactivate': '停用',
  'org.activate': '启用',
  'org.addChildTitle': '新增下级机构（上级：{parent}）',
  'org.editTitle': '编辑机构',
  'org.moveTitle': '移动机构：{name}',
  'org.newParent': '新上级机构',
  'org.deactivateConfirm': '确定停用“{name}”吗？',
  'org.activateConfirm': '确定启用“{name}”吗？',
  'org.deactivated': '已停用',
  'org.activated': '已启用',
  'org.moved': '已移动',
  'org.noOrgs': '暂无组织机构',
  'org.picker': '请选择单位',

  'person.searchPlaceholder': '姓名或拼音首字母，如 zs',
  'person.orgFilter': '按单位筛选',
  'person.principalFilter': '一把手',
  'person.name': '姓名',
  'person.org': '单位',
  'person.orgField': '所属单位',
  'person.position': '职务',
  'person.rank': '职级',
  'person.isPrincipal': '一把手',
  'person.contact': '联系方式',
  'person.contactField': '联系电话',
  'person.contactInvalid': '请输入有效的电话号码',
  'person.view': '查看',
  'person.viewLogged': '联系方式查看已记入审计日志',
  'person.add': '新增干部',
  'person.addTitle': '新增干部',
  'person.editTitle': '编辑干部',
  'person.principalTag': '一把手',
  'person.activeField': '在职',

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

  'user.searchPlaceholder': '用户名或姓名',
  'user.roleFilter': '按角色筛选',
  'user.username': '用户名',
  'user.displayName': '姓名',
  'user.org': '单位',
  'user.role': '角色',
  'user.scope': '数据范围',
  'user.lastLogin': '最近登录',
  'user.password': '初始密码',
  'user.newPassword': '新密码',
  'user.statusNormal': '正常',
  'user.statusLocked': '已锁定',
  'user.statusDisabled': '已停用',
  'user.statusMustChange': '需改密',
  'user.add': '新增用户',
  'user.addTitle': '新增用户',
  'user.editTitle': '编辑用户：{name}',
  'user.lock': '锁定',
  'user.unlock': '解锁',
  'user.disable': '停用',
  'user.enable': '启用',
  'user.resetPassword': '重置密码',
  'user.resetPasswordTitle': '重置密码：{name}',
  'user.setRole': '设置角色',
  'user.setRoleTitle': '设置角色：{name}',
  'user.confirmAction': '确定对“{name}”执行“{action}”吗？',
  'user.done': '操作成功',
  'user.lockedUntil': '锁定至 {time}',
  'user.usernameRule': '以字母开头，可含字母、数字、_ . -，3–32 位',

  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.outcome': '结果',
  'audit.targetType': '对象类型',
  'audit.target': '操作对象',
  'audit.time': '时间',
  'audit.timeRange': '时间范围',
  'audit.ip': 'IP 地址',
  'audit.seq': '序号',
  'audit.hash': '哈希',
  'audit.detail': '详情',
  'audit.outcome.success': '成功',
  'audit.outcome.failure': '失败',
  'audit.outcome.denied': '拒绝',
  'audit.act.auth.login': '登录',
  'audit.act.auth.logout': '退出登录',
  'audit.act.auth.password.change': '修改密码',
  'audit.act.auth.token.create': '创建令牌',
  'audit.act.auth.token.revoke': '吊销令牌',
  'audit.act.org.create': '新增组织',
  'audit.act.org.update': '修改组织',
  'audit.act.org.move': '移动组织',
  'audit.act.org.activate': '启用组织',
  'audit.act.org.deactivate': '停用组织',
  'audit.act.person.create': '新增干部',
  'audit.act.person.update': '修改干部',
  'audit.act.person.contact.read': '查看联系方式',
  'audit.act.user.create': '新增用户',
  'audit.act.user.update': '修改用户',
  'audit.act.user.role': '设置角色',
  'audit.act.user.lock': '锁定用户',
  'audit.act.user.unlock': '解锁用户',
  'audit.act.user.disable': '停用用户',
  'audit.act.user.enable': '启用用户',
  'audit.act.user.password.reset': '重置密码',
  'audit.act.seed.demo': '生成演示数据',
  'audit.act.seed.empty': '全新安装',
  'audit.verify': '校验审计链',
  'audit.verifyOk': '审计链完整',
  'audit.verifyOkDesc': '共校验 {rows} 条记录，算法 {algorithm}，未发现篡改。',
  'audit.verifyBroken': '审计链被破坏：第 {n} 行被篡改',
  'audit.verifyBrokenDesc': '共 {rows} 条记录，算法 {algorithm}。{reason}',

  'security.title': '安全设置',
  'security.hint': '以下为当前生效的安全策略，由部署配置决定，只读显示。',
  'security.profile': '安全配置档',
  'security.profile.default': '默认',
  'security.profile.mlps3': '等保三级',
  'security.crypto': '密码算法体系',
  'security.crypto.sm': '国密（SM2/SM3/SM4）',
  'security.crypto.intl': '国际算法',
  'security.hashAlgorithm': '哈希算法',
  'security.passwordMinLength': '密码最小长度',
  'security.passwordRequiresClasses': '密码须含字符类别数',
  'security.passwordMaxAgeDays': '密码有效期',
  'security.days': '{n} 天',
  'security.noExpiry': '不限',
  'security.breachedListSize': '弱口令字典条数',
  'security.lockoutThreshold': '登录失败锁定阈值',
  'security.times': '{n} 次',
  'security.lockoutMinutes': '锁定时长',
  'security.minutes': '{n} 分钟',
  'security.sessionIdleMinutes': '会话空闲超时',
  'security.sessionAbsoluteHours': '会话最长有效期',
  'security.hours': '{n} 小时',

  'account.title': '个人中心',
  'account.profile': '基本信息',
  'account.changePassword': '修改密码',
  'account.currentPassword': '当前密码',
  'account.newPassword': '新密码',
  'account.confirmPassword': '确认新密码',
  'account.passwordMismatch': '两次输入的新密码不一致',
  'account.passwordChanged': '密码已修改',
  'account.passwordExpired': '您的密码已过期或为初始密码，请先修改密码后再使用系统。',
  'account.tokens': 'API 令牌',
  'account.tokensHint': '用于脚本或第三方系统调用接口，令牌权限与本账号相同。',
  'account.tokenName': '令牌名称',
  'account.tokenPrefix': '前缀',
  'account.createdAt': '创建时间',
  'account.lastUsedAt': '最近使用',
  'account.revokedAt': '吊销时间',
  'account.createToken': '新建令牌',
  'account.tokenCreated': '令牌已创建',
  'account.tokenOnce': '令牌只显示这一次，请立即复制并妥善保存。',
  'account.revoke': '吊销',
  'account.revokeConfirm': '确定吊销令牌“{name}”吗？吊销后立即失效。',
  'account.revoked': '已吊销',
  'account.tokenActive': '有效',
  'account.tokenRevoked': '已吊销',
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

  'menu.orgs': 'Organisations',
  'menu.people': 'Cadres',
  'menu.users': 'Users',
  'menu.audit': 'Audit log',
  'menu.security': 'Security',
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

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.success': 'Logged in',
  'login.footer': 'Authorised personnel only. All operations are recorded in the audit log.',

  'level.province': 'Province',
  'level.city': 'City',
  'level.county': 'County',
  'level.township': 'Township',
  'level.village': 'Village',
  'level.department': 'Department',
  'zone.urban_core': 'Urban core',
  'zone.agricultural_county': 'Agricultural county',
  'zone.ecological_zone': 'Ecological zone',
  'zone.development_zone': 'Development zone',
  'zone.agency': 'Agency',

  'org.searchPlaceholder': 'Search organisations',
  'org.selectHint': 'Select an organisation on the left',
  'org.detail': 'Organisation',
  'org.name': 'Name',
  'org.code': 'Code',
  'org.level': 'Level',
  'org.zone': 'Zone',
  'org.parent': 'Parent',
  'org.path': 'Path',
  'org.addChild': 'Add child',
  'org.edit': 'Edit',
  'org.move': 'Move',
  'org.deactivate': 'Deactivate',
  'org.activate': 'Activate',
  'org.addChildTitle': 'Add child organisation (parent: {parent})',
  'org.editTitle': 'Edit organisation',
  'org.moveTitle': 'Move organisation: {name}',
  'org.newParent': 'New parent',
  'org.deactivateConfirm': 'Deactivate “{name}”?',
  'org.activateConfirm': 'Activate “{name}”?',
  'org.deactivated': 'Deactivated',
  'org.activated': 'Activated',
  'org.moved': 'Moved',
  'org.noOrgs': 'No organisations',
  'org.picker': 'Select an organisation',

  'person.searchPlaceholder': 'Name or pinyin initials, e.g. zs',
  'person.orgFilter': 'Filter by organisation',
  'person.principalFilter': 'Principal',
  'person.name': 'Name',
  'person.org': 'Organisation',
  'person.orgField': 'Organisation',
  'person.position': 'Position',
  'person.rank': 'Rank',
  'person.isPrincipal': 'Principal',
  'person.contact': 'Contact',
  'person.contactField': 'Phone',
  'person.contactInvalid': 'Please enter a valid phone number',
  'person.view': 'View',
  'person.viewLogged': 'Viewing the contact has been recorded in the audit log',
  'person.add': 'Add cadre',
  'person.addTitle': 'Add cadre',
  'person.editTitle': 'Edit cadre',
  'person.principalTag': 'Principal',
  'person.activeField': 'In office',

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

  'user.searchPlaceholder': 'Username or name',
  'user.roleFilter': 'Filter by role',
  'user.username': 'Username',
  'user.displayName': 'Name',
  'user.org': 'Organisation',
  'user.role': 'Role',
  'user.scope': 'Data scope',
  'user.lastLogin': 'Last login',
  'user.password': 'Initial password',
  'user.newPassword': 'New password',
  'user.statusNormal': 'Normal',
  'user.statusLocked': 'Locked',
  'user.statusDisabled': 'Disabled',
  'user.statusMustChange': 'Must change password',
  'user.add': 'Add user',
  'user.addTitle': 'Add user',
  'user.editTitle': 'Edit user: {name}',
  'user.lock': 'Lock',
  'user.unlock': 'Unlock',
  'user.disable': 'Disable',
  'user.enable': 'Enable',
  'user.resetPassword': 'Reset password',
  'user.resetPasswordTitle': 'Reset password: {name}',
  'user.setRole': 'Set role',
  'user.setRoleTitle': 'Set role: {name}',
  'user.confirmAction': '{action} “{name}”?',
  'user.done': 'Done',
  'user.lockedUntil': 'Locked until {time}',
  'user.usernameRule': 'Starts with a letter; letters, digits, _ . -; 3–32 characters',

  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.outcome': 'Outcome',
  'audit.targetType': 'Target type',
  'audit.target': 'Target',
  'audit.time': 'Time',
  'audit.timeRange': 'Time range',
  'audit.ip': 'IP address',
  'audit.seq': 'Seq',
  'audit.hash': 'Hash',
  'audit.detail': 'Detail',
  'audit.outcome.success': 'Success',
  'audit.outcome.failure': 'Failure',
  'audit.outcome.denied': 'Denied',
  'audit.act.auth.login': 'Log in',
  'audit.act.auth.logout': 'Log out',
  'audit.act.auth.password.change': 'Change password',
  'audit.act.auth.token.create': 'Create token',
  'audit.act.auth.token.revoke': 'Revoke token',
  'audit.act.org.create': 'Create org',
  'audit.act.org.update': 'Update org',
  'audit.act.org.move': 'Move org',
  'audit.act.org.activate': 'Activate org',
  'audit.act.org.deactivate': 'Deactivate org',
  'audit.act.person.create': 'Create person',
  'audit.act.person.update': 'Update person',
  'audit.act.person.contact.read': 'Read contact',
  'audit.act.user.create': 'Create user',
  'audit.act.user.update': 'Update user',
  'audit.act.user.role': 'Set role',
  'audit.act.user.lock': 'Lock user',
  'audit.act.user.unlock': 'Unlock user',
  'audit.act.user.disable': 'Disable user',
  'audit.act.user.enable': 'Enable user',
  'audit.act.user.password.reset': 'Reset password',
  'audit.act.seed.demo': 'Seed demo data',
  'audit.act.seed.empty': 'Clean install',
  'audit.verify': 'Verify audit chain',
  'audit.verifyOk': 'Audit chain intact',
  'audit.verifyOkDesc': '{rows} rows verified with {algorithm}; no tampering found.',
  'audit.verifyBroken': 'Audit chain broken: row {n} has been tampered with',
  'audit.verifyBrokenDesc': '{rows} rows, algorithm {algorithm}. {reason}',

  'security.title': 'Security settings',
  'security.hint': 'The security policy in effect, set by the deployment configuration (read-only).',
  'security.profile': 'Profile',
  'security.profile.default': 'Default',
  'security.profile.mlps3': 'MLPS level 3',
  'security.crypto': 'Cryptography',
  'security.crypto.sm': 'Chinese national (SM2/SM3/SM4)',
  'security.crypto.intl': 'International',
  'security.hashAlgorithm': 'Hash algorithm',
  'security.passwordMinLength': 'Minimum password length',
  'security.passwordRequiresClasses': 'Required character classes',
  'security.passwordMaxAgeDays': 'Password maximum age',
  'security.days': '{n} days',
  'security.noExpiry': 'No limit',
  'security.breachedListSize': 'Weak-password list size',
  'security.lockoutThreshold': 'Lockout threshold',
  'security.times': '{n} attempts',
  'security.lockoutMinutes': 'Lockout duration',
  'security.minutes': '{n} minutes',
  'security.sessionIdleMinutes': 'Session idle timeout',
  'security.sessionAbsoluteHours': 'Session maximum lifetime',
  'security.hours': '{n} hours',

  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.changePassword': 'Change password',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.confirmPassword': 'Confirm new password',
  'account.passwordMismatch': 'The two new passwords do not match',
  'account.passwordChanged': 'Password changed',
  'account.passwordExpired': 'Your password has expired or is an initial password. Please change it before using the system.',
  'account.tokens': 'API tokens',
  'account.tokensHint': 'For scripts and other systems calling the API; a token has the same rights as this account.',
  'account.tokenName': 'Token name',
  'account.tokenPrefix': 'Prefix',
  'account.createdAt': 'Created',
  'account.lastUsedAt': 'Last used',
  'account.revokedAt': 'Revoked',
  'account.createToken': 'New token',
  'account.tokenCreated': 'Token created',
  'account.tokenOnce': 'The token is shown only once. Copy it now and keep it safe.',
  'account.revoke': 'Revoke',
  'account.revokeConfirm': 'Revoke token “{name}”? It stops working immediately.',
  'account.revoked': 'Revoked',
  'account.tokenActive': 'Active',
  'account.tokenRevoked': 'Revoked',
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
