/** Locales the server speaks; zh-CN is the default. */
export type Locale = 'zh-CN' | 'en-US';

type Dictionary = Record<string, string>;

const zh: Dictionary = {
  'error.validation': '字段 {field} 无效：{reason}',
  'error.invalid_json': '请求体不是有效的 JSON：{detail}',
  'error.invalid_config': '配置项 {field} 无效：{detail}',
  'error.unauthenticated': '请先登录',
  'error.invalid_credentials': '用户名或密码错误',
  'error.session_expired': '会话已过期，请重新登录',
  'error.account_locked': '账号已锁定，请在 {minutes} 分钟后重试或联系管理员',
  'error.password_expired': '密码已过期，请先修改密码',
  'error.account_disabled': '账号已停用或被管理员锁定，请联系管理员',
  'error.csrf': '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）',
  'error.forbidden': '无权执行此操作',
  'error.not_found': '{entity} 不存在',
  'error.route_not_found': '接口不存在：{method} {url}',
  'error.conflict': '{field} 已存在：{value}',
  'error.cycle': '不能把组织移动到它自己或它的下级之下',
  'error.version_conflict': '记录已被他人修改，请刷新后重试',
  'error.payload_too_large': '请求体过大（上限 {limit} 字节）',
  'error.unsupported_media_type': '不支持的内容类型：{type}',
  'error.weak_password': '密码不符合要求：{reason}',
  'error.unprocessable': '无法处理：{reason}',
  'error.rate_limited': '请求过于频繁，请稍后再试',
  'error.internal': '服务器内部错误',
  'reason.required': '必填',
  'reason.ledger.idempotency_body': '此 Idempotency-Key 已用于内容不同的请求',
  'reason.ledger.not_editable': '问题处于“{status}”状态，不能修改',
  'reason.ledger.deadline_locked': '交办后整改时限只能通过延期审批变更',
  'reason.ledger.invalid_state': '问题处于“{status}”状态，不能{action}',
  'reason.ledger.no_deadline': '该问题没有整改时限，无法申请延期',
  'reason.ledger.no_pending_extension': '没有待审批的延期申请',
  'reason.ledger.merge_target': '目标问题处于“{status}”状态，只能合并到未办结的问题',
  'reason.ledger.measures_locked': '问题处于“{status}”状态，整改措施不能修改',
  'reason.ledger.no_measures': '请先添加至少一条整改措施',
  'reason.ledger.measure_without_proof': '每条整改措施都须填写完成情况或上传佐证材料',
  'reason.ledger.pool_confidential': '机密问题不能发布到领题池',
  'reason.ledger.pool_after_assign': '问题处于“{status}”状态，已不能发布到或撤出领题池',
  'state.submitted': '待交办',
  'state.assigned': '已交办',
  'state.claimed': '已领题',
  'state.rectifying': '整改中',
  'state.closure_requested': '待销号',
  'state.closed': '已销号',
  'state.returned': '已退回',
  'state.rejected': '不予受理',
  'state.reopened': '重新整改',
  'state.merged': '已合并',
  'step.assign': '交办',
  'step.claim': '领题',
  'step.start': '开始整改',
  'step.request-closure': '申请销号',
  'step.close': '销号',
  'step.return': '退回',
  'step.reject': '不予受理',
  'step.reopen': '重新打开',
  'step.urge': '督办',
  'step.request-extension': '申请延期',
  'step.decide-extension': '审批延期',
  'step.recheck': '回头看',
  'step.merge': '合并',
  'reason.too_long': '长度不能超过 {max}',
  'reason.too_short': '长度不能少于 {min}',
  'reason.too_big': '不能大于 {max}',
  'reason.too_small': '不能小于 {min}',
  'reason.invalid_type': '应为 {expected}',
  'reason.invalid_value': '应为以下之一：{options}',
  'reason.invalid_format': '格式不正确',
  'reason.unknown_keys': '包含未知字段 {keys}',
  'reason.invalid': '值不正确',
  'password.too_short': '长度至少 {min} 位',
  'password.too_long': '长度不能超过 {max} 位',
  'password.classes': '需包含大写字母、小写字母、数字、符号中的至少三类',
  'password.breached': '该密码过于常见或已泄露，请换一个',
  'password.same_as_username': '密码不能与用户名相同',
  'password.reused': '新密码不能与当前密码相同',
  'password.wrong_current': '当前密码不正确',
  'entity.org': '组织',
  'entity.person': '干部',
  'entity.user': '用户',
  'entity.token': '令牌',
  'entity.record': '记录',
  'entity.item': '台账条目',
  'entity.measure': '整改措施',
  'entity.link': '关联',
  'entity.evidence': '佐证材料',
  'entity.notification': '消息',
  'entity.webhook': '推送地址',
  'entity.delivery': '推送记录',
  'reason.already_delivered': '已推送成功，无需重试',
};

const en: Dictionary = {
  'error.validation': 'Field {field} is invalid: {reason}',
  'error.invalid_json': 'The request body is not valid JSON: {detail}',
  'error.invalid_config': 'Setting {field} is invalid: {detail}',
  'error.unauthenticated': 'Please log in first',
  'error.invalid_credentials': 'Wrong username or password',
  'error.session_expired': 'Your session has expired; please log in again',
  'error.account_locked': 'The account is locked; try again in {minutes} minutes or ask an administrator',
  'error.password_expired': 'Your password has expired; change it first',
  'error.account_disabled': 'The account is disabled or locked by an administrator; ask an administrator',
  'error.csrf': 'Missing or wrong CSRF token (header x-csrf-token)',
  'error.forbidden': 'You may not do this',
  'error.not_found': '{entity} not found',
  'error.route_not_found': 'No such endpoint: {method} {url}',
  'error.conflict': '{field} already exists: {value}',
  'error.cycle': 'An organisation cannot be moved under itself or one of its descendants',
  'error.version_conflict': 'Someone else changed this record; reload and try again',
  'error.payload_too_large': 'The request body is too large (limit {limit} bytes)',
  'error.unsupported_media_type': 'Unsupported content type: {type}',
  'error.weak_password': 'The password does not meet the policy: {reason}',
  'error.unprocessable': 'Cannot process: {reason}',
  'error.rate_limited': 'Too many requests; try again later',
  'error.internal': 'Internal server error',
  'reason.required': 'required',
  'reason.ledger.idempotency_body': 'this Idempotency-Key was used with a different request body',
  'reason.ledger.not_editable': 'an item that is {status} cannot be edited',
  'reason.ledger.deadline_locked': 'after assignment the deadline changes only by an approved extension',
  'reason.ledger.invalid_state': 'cannot {action} an item that is {status}',
  'reason.ledger.no_deadline': 'the item has no deadline to extend',
  'reason.ledger.no_pending_extension': 'no extension is pending',
  'reason.ledger.merge_target': 'the target is {status}: merge only into an open item',
  'reason.ledger.measures_locked': 'measures of an item that is {status} cannot change',
  'reason.ledger.no_measures': 'add at least one measure first',
  'reason.ledger.measure_without_proof': 'every measure needs a completion note or evidence',
  'reason.ledger.pool_confidential': 'a confidential item cannot be published to the claim pool',
  'reason.ledger.pool_after_assign': 'an item that is {status} can no longer be published to or withdrawn from the claim pool',
  'state.submitted': 'submitted',
  'state.assigned': 'assigned',
  'state.claimed': 'claimed',
  'state.rectifying': 'being rectified',
  'state.closure_requested': 'awaiting closure',
  'state.closed': 'closed',
  'state.returned': 'returned',
  'state.rejected': 'rejected',
  'state.reopened': 'reopened',
  'state.merged': 'merged',
  'step.assign': 'assign',
  'step.claim': 'claim',
  'step.start': 'start',
  'step.request-closure': 'request closure of',
  'step.close': 'close',
  'step.return': 'return',
  'step.reject': 'reject',
  'step.reopen': 'reopen',
  'step.urge': 'urge',
  'step.request-extension': 'request an extension for',
  'step.decide-extension': 'decide an extension of',
  'step.recheck': 'recheck',
  'step.merge': 'merge',
  'reason.too_long': 'at most {max} characters',
  'reason.too_short': 'at least {min} characters',
  'reason.too_big': 'must be at most {max}',
  'reason.too_small': 'must be at least {min}',
  'reason.invalid_type': 'expected {expected}',
  'reason.invalid_value': 'must be one of: {options}',
  'reason.invalid_format': 'wrong format',
  'reason.unknown_keys': 'unknown field(s) {keys}',
  'reason.invalid': 'invalid value',
  'password.too_short': 'at least {min} characters',
  'password.too_long': 'at most {max} characters',
  'password.classes': 'use at least three of: upper-case, lower-case, digits, symbols',
  'password.breached': 'this password is too common or known to be breached; choose another',
  'password.same_as_username': 'the password must differ from the username',
  'password.reused': 'the new password must differ from the current one',
  'password.wrong_current': 'the current password is wrong',
  'entity.org': 'Organisation',
  'entity.person': 'Person',
  'entity.user': 'User',
  'entity.token': 'Token',
  'entity.record': 'Record',
  'entity.item': 'Ledger item',
  'entity.measure': 'Measure',
  'entity.link': 'Link',
  'entity.evidence': 'Evidence',
  'entity.notification': 'Notification',
  'entity.webhook': 'Webhook',
  'entity.delivery': 'Delivery',
  'reason.already_delivered': 'it was delivered already',
};

const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zh, 'en-US': en };

/** Picks zh-CN or en-US from an Accept-Language header; zh-CN when nothing matches. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

/**
 * Renders a message key with `{param}` placeholders. A parameter whose value is itself a
 * key of the dictionary (such as `reason.required` or `entity.org`) is translated first.
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number | undefined> = {}): string {
  const dict = dictionaries[locale];
  const template = dict[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return '';
    const text = String(value);
    if (dict[text] !== undefined) return translate(locale, text, params);
    return text;
  });
}
