import { z } from 'zod';
import { line } from '../../platform/text.js';
import { ROLES, SCOPES } from '../../platform/http.js';
import { ACCOUNT_ACTS, ORG_LEVELS, ORG_ZONES } from './org.values.js';

export { ACCOUNT_ACTS, ORG_LEVELS, ORG_ZONES };

export const ZOrgLevel = z.enum(ORG_LEVELS);
export const ZOrgZone = z.enum(ORG_ZONES);
export const ZRole = z.enum(ROLES);
export const ZScope = z.enum(SCOPES);
export const ZId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const ZIdParams = z.object({ id: ZId });
const ZVersion = z.number().int().positive();
const ZBoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** An organisation as the API shows it. */
export const ZOrg = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  level: ZOrgLevel,
  zone: ZOrgZone,
  path: z.string(),
  depth: z.number(),
  sortOrder: z.number(),
  isActive: z.boolean(),
  isDemo: z.boolean(),
  version: z.number(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const ZListOrgsQuery = z.object({
  includeInactive: ZBoolQuery.optional(),
  q: line().max(100).optional(),
});
export const ZOrgList = z.object({ items: z.array(ZOrg) });

export const ZCreateOrgRequest = z.strictObject({
  parentId: z.number().int().positive(),
  name: line().trim().min(1).max(100),
  code: line().trim().min(1).max(32).optional(),
  level: ZOrgLevel,
  zone: ZOrgZone,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type TCreateOrgRequest = z.infer<typeof ZCreateOrgRequest>;

export const ZUpdateOrgRequest = z.strictObject({
  name: line().trim().min(1).max(100).optional(),
  code: line().trim().min(1).max(32).nullable().optional(),
  level: ZOrgLevel.optional(),
  zone: ZOrgZone.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  version: ZVersion,
});
export type TUpdateOrgRequest = z.infer<typeof ZUpdateOrgRequest>;

export const ZMoveOrgRequest = z.strictObject({ parentId: z.number().int().positive(), version: ZVersion });
export const ZVersionRequest = z.strictObject({ version: ZVersion });

/** A cadre as the API shows it (the contact only masked). */
export const ZPerson = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  nameInitials: z.string(),
  position: z.string(),
  rank: z.string(),
  isPrincipal: z.boolean(),
  contactMasked: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number(),
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZListPeopleQuery = z.object({
  q: line().trim().max(50).optional(),
  orgId: ZId.optional(),
  subtree: ZBoolQuery.optional(),
  isPrincipal: ZBoolQuery.optional(),
  includeInactive: ZBoolQuery.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TListPeopleQuery = z.infer<typeof ZListPeopleQuery>;
export const ZPersonPage = z.object({ total: z.number(), items: z.array(ZPerson) });

const ZContact = z
  .string()
  .trim()
  .max(50)
  .regex(/^[0-9+\-() ]{3,50}$/, 'phone number');

export const ZCreatePersonRequest = z.strictObject({
  orgId: z.number().int().positive(),
  name: line().trim().min(1).max(50),
  position: line().trim().max(100).optional(),
  rank: line().trim().max(50).optional(),
  isPrincipal: z.boolean().optional(),
  contact: ZContact.optional(),
});
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

export const ZUpdatePersonRequest = z.strictObject({
  orgId: z.number().int().positive().optional(),
  name: line().trim().min(1).max(50).optional(),
  position: line().trim().max(100).optional(),
  rank: line().trim().max(50).optional(),
  isPrincipal: z.boolean().optional(),
  contact: ZContact.nullable().optional(),
  isActive: z.boolean().optional(),
  version: ZVersion,
});
export type TUpdatePersonRequest = z.infer<typeof ZUpdatePersonRequest>;
export const ZPersonContact = z.object({ contact: z.string().nullable() });

/** An act on an existing account. */
export type AccountAct = (typeof ACCOUNT_ACTS)[number];

/** A user account as administrators see it. */
export const ZUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  role: ZRole,
  scope: ZScope,
  isDisabled: z.boolean(),
  isLocked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** The cadre (干部) this account belongs to: reminders to 主要负责人 and 牵头领导 reach them through it. */
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  /** What the caller may do to this account: the web client shows only these buttons. */
  acts: z.array(z.enum(ACCOUNT_ACTS)),
  version: z.number(),
});
export type TUser = z.infer<typeof ZUser>;
export const ZUserList = z.object({ total: z.number(), items: z.array(ZUser) });
export const ZListUsersQuery = z.object({
  q: line().trim().max(50).optional(),
  role: ZRole.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const ZUsername = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'letters, digits, _ . -');
const ZPassword = line().min(1).max(128);

export const ZCreateUserRequest = z.strictObject({
  username: ZUsername,
  displayName: line().trim().min(1).max(50),
  orgId: z.number().int().positive(),
  role: ZRole,
  scope: ZScope,
  password: ZPassword,
  personId: z.number().int().positive().nullable().optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;
export const ZUpdateUserRequest = z.strictObject({
  displayName: line().trim().min(1).max(50).optional(),
  orgId: z.number().int().positive().optional(),
  personId: z.number().int().positive().nullable().optional(),
  version: ZVersion,
});
export const ZSetRoleRequest = z.strictObject({ role: ZRole, scope: ZScope, version: ZVersion });
export const ZResetPasswordRequest = z.strictObject({ password: ZPassword, version: ZVersion });

/** Login, session and token shapes. */
export const ZLoginRequest = z.strictObject({ username: line().trim().min(1).max(64), password: line().min(1).max(128) });
export const ZMe = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  scope: ZScope,
  orgId: z.number(),
  orgName: z.string(),
  passwordExpired: z.boolean(),
  permissions: z.array(z.string()),
});
export type TMe = z.infer<typeof ZMe>;
export const ZLoginResponse = z.object({ user: ZMe, csrfToken: z.string() });
export const ZSessionInfo = z.object({ user: ZMe, csrfToken: z.string().nullable() });
export const ZChangePasswordRequest = z.strictObject({ currentPassword: ZPassword, newPassword: ZPassword });
export const ZApiToken = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ZApiTokenList = z.object({ items: z.array(ZApiToken) });
export const ZCreateTokenRequest = z.strictObject({ name: line().trim().min(1).max(50) });
export const ZCreatedToken = ZApiToken.extend({ token: z.string() });
export const ZOk = z.object({ ok: z.literal(true) });

/** Effective security settings (secadmin). */
export const ZSecuritySettings = z.object({
  profile: z.enum(['default', 'mlps3']),
  crypto: z.enum(['sm', 'intl']),
  hashAlgorithm: z.string(),
  passwordMinLength: z.number(),
  passwordRequiresClasses: z.number(),
  passwordMaxAgeDays: z.number().nullable(),
  breachedListSize: z.number(),
  lockoutThreshold: z.number(),
  lockoutMinutes: z.number(),
  sessionIdleMinutes: z.number(),
  sessionAbsoluteHours: z.number(),
  /** Version of the saved settings (0 = deployment defaults, never saved). */
  version: z.number(),
});
export type TSecuritySettings = z.infer<typeof ZSecuritySettings>;
export const ZUpdateSecuritySettingsRequest = z.strictObject({
  lockoutThreshold: z.number().int().min(3).max(20).optional(),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .optional(),
  version: z.number().int().min(0),
});
export type TUpdateSecuritySettingsRequest = z.infer<typeof ZUpdateSecuritySettingsRequest>;

/** Audit log shapes (auditor). */
export const ZAuditQuery = z.object({
  actor: line().trim().max(64).optional(),
  action: line().trim().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  targetType: line().trim().max(32).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZAuditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.string(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export const ZAuditPage = z.object({ total: z.number(), items: z.array(ZAuditRow) });
export const ZAuditVerify = z.object({
  ok: z.boolean(),
  rows: z.number(),
  algorithm: z.string(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
});
