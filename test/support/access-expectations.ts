/**
 * Who may call each route and how its records are scoped: the table the generated access matrix
 * (test/integration/generated-access.test.ts) checks every catalogued route against. A route the app serves
 * without an entry here fails the matrix, and so does an entry without a route: a new endpoint is added here
 * with the rule it obeys, taken from the code that decides it (org.policy.ts `PERMISSIONS`, ledger.policy.ts,
 * the services' `authorize` calls and scope checks).
 */
import type { Permission } from '../../src/modules/org/org.policy.js';
import type { Role } from '../../src/platform/http.js';

/** Who may call a route: anyone, any logged-in user, the roles holding a permission, or a set of roles. */
export type Who = 'public' | 'user' | Permission | readonly Role[];

/**
 * What the ids a route takes (path, query or body) point at. The matrix calls the route with an object of the
 * kind owned by each test org (the city, county A, a township of A, county B), or by another user.
 */
export type ObjectKind =
  /** No object: the route is called once per actor. */
  | 'none'
  /** Records of an org, visible only when the org is in the caller's data scope. */
  | 'org'
  | 'person'
  | 'user'
  | 'item'
  | 'webhook'
  | 'delivery'
  /** A figure (year, org, indicator), also what a trend is asked of. */
  | 'figure'
  | 'flag'
  /** An org's result in a scheme (scheme id, org id). */
  | 'result'
  /** The tenant's own, not scoped by org: every caller who may read them sees them. */
  | 'indicator'
  | 'scheme'
  /** A user's own: nobody else reaches them, whatever their role and scope. */
  | 'token'
  | 'notification'
  | 'importError';

/** How a route's records are scoped, and how the matrix calls it. */
export interface AccessExpectation {
  who: Who;
  object: ObjectKind;
  /** A list: also called without an object; an org-filtered call out of scope may answer an empty list instead of 404. */
  list?: boolean;
  /** Keys whose values, at any depth of the JSON answer, are org ids that must lie in the caller's scope. */
  orgKeys?: readonly string[];
  /** Org ids in the answer that `orgKeys` cannot name (counts keyed by org, nested lists). */
  answerOrgIds?: (body: unknown) => number[];
  /** The answer holds ledger items: 机密 ones only for supervisors and the people working on them. */
  confidential?: boolean;
  /** Why the answer is not scoped by org (then the matrix does not look for other orgs' records in it). */
  unscoped?: string;
  /** multipart/form-data: the file (and text fields) the matrix sends. */
  upload?: { fileName: string; mimeType: string; content: 'png' | 'junk' | 'digits'; fields?: Record<string, string> };
  /**
   * Calling it on an object in scope changes nothing (true when the body carries a `version`: a stale one is sent).
   * Other writes are called in scope only by roles refused them; out of scope by everyone.
   */
  harmless?: boolean;
  /** Ends the caller's session: the matrix calls it last. */
  endsSession?: boolean;
  /** The statuses a permitted read answers (default 200). */
  ok?: readonly number[];
}

const counts = (body: unknown, ...keys: string[]): number[] =>
  keys.flatMap((k) => ((body as Record<string, { key: string }[]>)[k] ?? []).map((c) => Number(c.key)));
const ids = (body: unknown, key: string): number[] => ((body as Record<string, { id: number }[]>)[key] ?? []).map((o) => o.id);

const AUDIT = 'the audit log is the installation’s: the auditor reads it whole (三员分立), whatever the data scope';
const DOCS = 'the API documentation: no records';
const SUPERVISE: Permission = 'ledger.supervise';

/** The expectations, one per catalogued route (`METHOD /api/path/:param`). */
export const ACCESS_EXPECTATIONS: Record<string, AccessExpectation> = {
  // Platform: liveness and the API documentation are public.
  'GET /api/health': { who: 'public', object: 'none' },
  'GET /api/openapi.json': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs/': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs/static/*': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs/json': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs/yaml': { who: 'public', object: 'none', unscoped: DOCS },
  'GET /api/docs/static/index.html': { who: 'public', object: 'none', unscoped: DOCS, ok: [302] },
  'GET /api/docs/static/swagger-initializer.js': { who: 'public', object: 'none', unscoped: DOCS },

  // Sessions and one's own tokens: every user, on their own records only.
  'POST /api/auth/login': { who: 'public', object: 'none', harmless: true },
  'GET /api/auth/me': { who: 'user', object: 'none' },
  'POST /api/auth/logout': { who: 'user', object: 'none', harmless: true, endsSession: true },
  'POST /api/auth/password': { who: 'user', object: 'none', harmless: true },
  'GET /api/auth/tokens': { who: 'user', object: 'none' },
  'POST /api/auth/tokens': { who: 'user', object: 'none', harmless: true, ok: [201] },
  'DELETE /api/auth/tokens/:id': { who: 'user', object: 'token' },

  // Orgs (org.read: every role; org.write: the system administrator) and people.
  'GET /api/orgs': { who: 'org.read', object: 'none', list: true, orgKeys: ['id'] },
  'POST /api/orgs': { who: 'org.write', object: 'org' },
  'GET /api/orgs/:id': { who: 'org.read', object: 'org' },
  'PATCH /api/orgs/:id': { who: 'org.write', object: 'org' },
  'POST /api/orgs/:id/move': { who: 'org.write', object: 'org' },
  'POST /api/orgs/:id/activate': { who: 'org.write', object: 'org' },
  'POST /api/orgs/:id/deactivate': { who: 'org.write', object: 'org' },
  'GET /api/people': { who: 'person.read', object: 'org', list: true, orgKeys: ['orgId'] },
  'POST /api/people': { who: 'person.write', object: 'org' },
  'GET /api/people/:id': { who: 'person.read', object: 'person' },
  'PATCH /api/people/:id': { who: 'person.write', object: 'person' },
  // 三员分立: no contact numbers for the three administrators; every read is audited.
  'GET /api/people/:id/contact': { who: 'person.contact', object: 'person' },

  // Accounts: mayActOnAccount decides each act; the test accounts are business accounts (handlers).
  'GET /api/users': { who: 'user.read', object: 'none', list: true, orgKeys: ['orgId'] },
  'POST /api/users': { who: 'user.create', object: 'org' },
  'GET /api/users/:id': { who: 'user.read', object: 'user' },
  'PATCH /api/users/:id': { who: ['sysadmin'], object: 'user' },
  'PUT /api/users/:id/role': { who: 'user.role', object: 'user' },
  'POST /api/users/:id/lock': { who: ['sysadmin', 'secadmin'], object: 'user' },
  'POST /api/users/:id/unlock': { who: ['sysadmin', 'secadmin'], object: 'user' },
  'POST /api/users/:id/disable': { who: ['sysadmin'], object: 'user' },
  'POST /api/users/:id/enable': { who: ['sysadmin'], object: 'user' },
  'POST /api/users/:id/reset-password': { who: ['sysadmin'], object: 'user' },

  // Security settings to the security administrator, the audit log to the auditor (三员分立).
  'GET /api/security/settings': { who: 'security.read', object: 'none' },
  'PUT /api/security/settings': { who: 'security.write', object: 'none' },
  'GET /api/audit': { who: 'audit.read', object: 'none', unscoped: AUDIT },
  'GET /api/audit/verify': { who: 'audit.read', object: 'none', unscoped: AUDIT },

  // The ledger: business roles only (the three administrators read no item), items of responsible orgs in scope,
  // 机密 items for supervisors and the people working on them; each step's own rule (ledger.policy.ts) inside that reach.
  'GET /api/ledger/items': { who: 'ledger.read', object: 'org', list: true, orgKeys: ['responsibleOrgId'], confidential: true },
  'POST /api/ledger/items': { who: 'ledger.submit', object: 'org', ok: [201] },
  'GET /api/ledger/export.xlsx': { who: 'ledger.read', object: 'org', list: true, confidential: true },
  'GET /api/ledger/stats': {
    who: 'ledger.read',
    object: 'org',
    list: true,
    answerOrgIds: (b) => counts(b, 'byOrg', 'redByOrg'),
  },
  'GET /api/ledger/similar': { who: 'ledger.read', object: 'org', list: true, confidential: true },
  'GET /api/ledger/assignees': { who: SUPERVISE, object: 'none', list: true },
  'GET /api/ledger/import-template.xlsx': { who: 'user', object: 'none' },
  'POST /api/ledger/import': {
    who: 'ledger.submit',
    object: 'none',
    harmless: true,
    upload: { fileName: 'ledger.xlsx', mimeType: 'application/octet-stream', content: 'junk' },
  },
  'GET /api/ledger/import/errors/:id': { who: 'user', object: 'importError' },
  // Each item carries its version: a stale one is sent.
  'POST /api/ledger/bulk-actions': { who: 'ledger.read', object: 'item', confidential: true, harmless: true },
  'GET /api/ledger/items/:id': { who: 'ledger.read', object: 'item', confidential: true },
  'PATCH /api/ledger/items/:id': { who: 'ledger.read', object: 'item', confidential: true },
  'POST /api/ledger/items/:id/actions/:action': { who: 'ledger.read', object: 'item', confidential: true },
  'POST /api/ledger/items/:id/comments': { who: 'ledger.read', object: 'item', confidential: true },
  'POST /api/ledger/items/:id/links': { who: 'ledger.read', object: 'item', confidential: true },
  'DELETE /api/ledger/items/:id/links/:targetId': { who: 'ledger.read', object: 'item', confidential: true },
  'POST /api/ledger/items/:id/measures': { who: 'ledger.read', object: 'item', confidential: true },
  'PATCH /api/ledger/items/:id/measures/:measureId': { who: 'ledger.read', object: 'item', confidential: true },
  'POST /api/ledger/items/:id/evidence': {
    who: 'ledger.read',
    object: 'item',
    confidential: true,
    upload: { fileName: 'proof.png', mimeType: 'image/png', content: 'png' },
  },
  'GET /api/ledger/items/:id/evidence/:evidenceId': { who: 'ledger.read', object: 'item', confidential: true },

  // Notifications are the caller's own; webhooks and deliveries are system configuration (notify.manage), in scope.
  'GET /api/notifications': { who: 'user', object: 'none' },
  'GET /api/notifications/unread-count': { who: 'user', object: 'none' },
  'POST /api/notifications/read-all': { who: 'user', object: 'none', harmless: true },
  'POST /api/notifications/:id/read': { who: 'user', object: 'notification' },
  'GET /api/notify/webhooks': { who: 'notify.manage', object: 'none', list: true, orgKeys: ['orgId'] },
  'PUT /api/notify/webhooks': { who: 'notify.manage', object: 'webhook' },
  'GET /api/notify/deliveries': { who: 'notify.manage', object: 'none', list: true, orgKeys: ['orgId'] },
  'POST /api/notify/deliveries/:id/retry': { who: 'notify.manage', object: 'delivery' },

  // 实绩考核: the library and schemes are the tenant's; figures, results and flags are of orgs in scope.
  'GET /api/assessment/indicators': { who: 'assessment.read', object: 'none' },
  'POST /api/assessment/indicators': { who: 'assessment.manage', object: 'none' },
  'PATCH /api/assessment/indicators/:id': { who: 'assessment.manage', object: 'indicator' },
  'GET /api/assessment/schemes': { who: 'assessment.read', object: 'none' },
  // Its optional `version` is not checked on creation: never called by the organisation department here.
  'POST /api/assessment/schemes': { who: 'assessment.manage', object: 'none', harmless: false },
  'GET /api/assessment/schemes/:id': { who: 'assessment.read', object: 'scheme' },
  'PUT /api/assessment/schemes/:id': { who: 'assessment.manage', object: 'scheme' },
  'POST /api/assessment/schemes/:id/compute': { who: 'assessment.manage', object: 'scheme' },
  'GET /api/assessment/schemes/:id/results': { who: 'assessment.read', object: 'scheme', orgKeys: ['orgId'] },
  'POST /api/assessment/schemes/:id/what-if': { who: 'assessment.read', object: 'scheme', orgKeys: ['orgId'], harmless: true },
  'GET /api/assessment/schemes/:id/results/:orgId': { who: 'assessment.read', object: 'result' },
  'POST /api/assessment/schemes/:id/results/:orgId/feedback': { who: 'assessment.manage', object: 'result' },
  'GET /api/assessment/schemes/:id/radar/:orgId': { who: 'assessment.read', object: 'result' },
  'GET /api/assessment/result-use': { who: 'assessment.read', object: 'none', list: true, orgKeys: ['orgId'] },
  'GET /api/assessment/values': {
    who: 'assessment.read',
    object: 'org',
    list: true,
    orgKeys: ['orgId'],
    answerOrgIds: (b) => ids(b, 'orgs'),
  },
  'PUT /api/assessment/values': { who: 'assessment.enter', object: 'figure' },
  'GET /api/assessment/values/figure': { who: 'assessment.read', object: 'figure' },
  'POST /api/assessment/values/evidence': {
    who: 'assessment.enter',
    object: 'figure',
    upload: { fileName: 'proof.png', mimeType: 'image/png', content: 'png' },
  },
  'GET /api/assessment/values/evidence': { who: 'assessment.read', object: 'figure' },
  'DELETE /api/assessment/values/evidence': { who: 'assessment.enter', object: 'figure' },
  'POST /api/assessment/values/verification': { who: 'assessment.manage', object: 'figure' },
  'GET /api/assessment/values/template.xlsx': { who: 'assessment.read', object: 'none' },
  'POST /api/assessment/values/import': {
    who: 'assessment.enter',
    object: 'none',
    harmless: true,
    upload: { fileName: 'figures.xlsx', mimeType: 'application/octet-stream', content: 'junk' },
  },
  'GET /api/assessment/values/import/errors/:id': { who: 'user', object: 'importError' },
  'PUT /api/assessment/inputs': { who: 'assessment.manage', object: 'org' },
  'GET /api/assessment/trend': { who: 'assessment.read', object: 'figure' },
  'GET /api/assessment/leader-changes': { who: 'integrity.run', object: 'none', list: true, orgKeys: ['orgId'] },
  'PUT /api/assessment/leader-changes': { who: 'assessment.manage', object: 'org' },
  'POST /api/assessment/integrity/run': { who: 'integrity.run', object: 'none' },
  'GET /api/assessment/integrity/flags': { who: 'integrity.run', object: 'org', list: true, orgKeys: ['orgId'] },
  'POST /api/assessment/integrity/flags/:id/refer': { who: 'integrity.run', object: 'flag' },
  'POST /api/assessment/integrity/flags/:id/dismiss': { who: 'integrity.run', object: 'flag' },
  'POST /api/assessment/integrity/digits': {
    who: 'integrity.run',
    object: 'none',
    harmless: true,
    upload: { fileName: 'column.csv', mimeType: 'text/csv', content: 'digits', fields: { test: 'first', column: '1' } },
  },
};
