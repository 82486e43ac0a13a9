import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The organisation tree; `path` is the materialised path of ids, e.g. `/1/4/17/`. */
export const orgs = pgTable(
  'orgs',
  {
    id: id(),
    parentId: bigint('parent_id', { mode: 'number' }),
    /** Root org of the tenant (the tree this org belongs to): the future distribution column. */
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    level: text('level').notNull(),
    zone: text('zone').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('orgs_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('orgs_parent_idx').on(t.parentId),
    uniqueIndex('orgs_code_uq').on(t.tenantId, t.code),
  ],
);

/** Cadres (干部). `contactSealed` is encrypted at rest; reads of it are audited. */
export const people = pgTable(
  'people',
  {
    id: id(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    /** Pinyin initials of the name, e.g. `zs` for 张三 (search). */
    nameInitials: text('name_initials').notNull(),
    /** Full pinyin without tones or spaces, e.g. `zhangsan` (search). */
    namePinyin: text('name_pinyin').notNull(),
    position: text('position').notNull().default(''),
    rank: text('rank').notNull().default(''),
    isPrincipal: boolean('is_principal').notNull().default(false),
    contactSealed: text('contact_sealed'),
    contactMasked: text('contact_masked'),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('people_org_idx').on(t.orgId),
    index('people_initials_idx').on(sql`${t.nameInitials} text_pattern_ops`),
    index('people_pinyin_idx').on(sql`${t.namePinyin} text_pattern_ops`),
    index('people_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** Accounts: one org, one role, one data scope. */
export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    role: text('role').notNull(),
    scope: text('scope').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: stamp('password_changed_at').notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    isDisabled: boolean('is_disabled').notNull().default(false),
    /** Locked by an administrator until unlocked (distinct from the automatic lockout). */
    isLocked: boolean('is_locked').notNull().default(false),
    version: integer('version').notNull().default(1),
    lastLoginAt: stamp('last_login_at'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_org_idx').on(t.orgId)],
);

/** Login sessions; only the SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenDigest: text('token_digest').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    createdAt: stamp('created_at').notNull(),
    lastSeenAt: stamp('last_seen_at').notNull(),
    expiresAt: stamp('expires_at').notNull(),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** API tokens for machine clients (Bearer); shown once, stored as a digest. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenDigest: text('token_digest').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: stamp('created_at').notNull(),
    lastUsedAt: stamp('last_used_at'),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_digest_uq').on(t.tokenDigest), index('api_tokens_user_idx').on(t.userId)],
);

/** Failed-login counters, per account and per trusted device (see auth.rules.ts). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: stamp('locked_until'),
  updatedAt: stamp('updated_at').notNull(),
});

/** Security settings changed by the security administrator; a null column falls back to the deployment's value. */
export const securitySettings = pgTable('security_settings', {
  id: integer('id').primaryKey(),
  lockoutThreshold: integer('lockout_threshold'),
  lockoutMinutes: integer('lockout_minutes'),
  sessionIdleMinutes: integer('session_idle_minutes'),
  sessionAbsoluteHours: integer('session_absolute_hours'),
  version: integer('version').notNull().default(1),
  updatedAt: stamp('updated_at').notNull(),
  updatedBy: bigint('updated_by', { mode: 'number' }),
});
