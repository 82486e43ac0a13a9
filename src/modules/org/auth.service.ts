import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import { hashPassword, randomToken, tokenDigest, verifyPassword } from '../../platform/crypto.js';
import { packageRoot, type Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal, Role, Scope } from '../../platform/http.js';
import * as authRepo from './auth.repository.js';
import {
  absoluteExpiry,
  afterFailure,
  checkPassword,
  isLocked,
  isPasswordExpired,
  isSessionAlive,
  minutesLeft,
  passwordPolicy,
  type PasswordPolicy,
} from './auth.rules.js';
import type { TMe } from './org.contract.js';
import { inScope, permissionsOf } from './org.policy.js';
import { sendNotices } from '../notify/index.js';
import * as repo from './org.repository.js';
import { effectiveSecurity } from './security.service.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'shiji_session';
/** Name of the trusted-device cookie (lets the owner log in while a stranger's failures lock the account). */
export const DEVICE_COOKIE = 'shiji_device';

let breachedCache: Set<string> | undefined;
/** The bundled breached-password list, lower-cased. */
export function breachedPasswords(): Set<string> {
  if (!breachedCache) {
    const text = readFileSync(join(packageRoot(), 'assets', 'breached-passwords.txt'), 'utf8');
    breachedCache = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.toLowerCase()),
    );
  }
  return breachedCache;
}

/** The password policy in force. */
export function policyOf(deps: AppDeps): PasswordPolicy {
  return passwordPolicy(deps.config.profile);
}

/** Refuses a password the policy does not accept, naming the field. */
export function assertPasswordAcceptable(deps: AppDeps, password: string, username: string, field = 'password'): void {
  const problem = checkPassword(policyOf(deps), password, username, breachedPasswords());
  if (problem) throw new AppError('weak_password', { field, reason: problem.reason, ...problem.params });
}

const DUMMY_HASH = 'scrypt$16384$8$1$c2hpamktZHVtbXktc2FsdA==$2k6n3nUu8CkLfL3D2sXo0y7qGZQ2iVg2l5b2cH2c3XQ=';

function userPasswordExpired(deps: AppDeps, user: repo.UserRow, now: Date): boolean {
  return user.mustChangePassword || isPasswordExpired(policyOf(deps), user.passwordChangedAt, now);
}

/** Builds the caller's principal from a user row. */
function principalOf(deps: AppDeps, user: repo.UserWithOrg, via: Principal['via'], sessionDigest: string | null, now: Date): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    scope: user.scope as Scope,
    orgId: user.orgId,
    orgPath: user.orgPath,
    tenantId: user.orgTenantId,
    personId: user.personId,
    via,
    sessionDigest,
    passwordExpired: userPasswordExpired(deps, user, now),
  };
}

/** The `me` view of a principal. */
export async function presentMe(deps: AppDeps, principal: Principal): Promise<TMe> {
  const user = await repo.findUserById(deps.database.db, principal.userId);
  if (!user) throw notFound('entity.user');
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: principal.role,
    scope: principal.scope,
    orgId: user.orgId,
    orgName: user.orgName,
    passwordExpired: principal.passwordExpired,
    permissions: permissionsOf(principal.role),
  };
}

function deviceCookieFor(deps: AppDeps, userId: number, deviceId: string): string {
  const body = `${userId}.${deviceId}`;
  return `${body}.${deps.crypto.sign(`device:${body}`)}`;
}

/** The device id in a device cookie, if it is genuine and was issued to this user. */
function trustedDevice(deps: AppDeps, cookie: string | undefined, userId: number): string | null {
  if (!cookie) return null;
  const [uid, deviceId, mac] = cookie.split('.');
  if (!uid || !deviceId || !mac || Number(uid) !== userId) return null;
  const expected = deps.crypto.sign(`device:${uid}.${deviceId}`);
  if (expected.length !== mac.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return null;
  return deviceId;
}

/** What a successful login hands back to the route. */
export interface LoginResult {
  token: string;
  csrfToken: string;
  deviceCookie: string;
  principal: Principal;
}

/** Checks credentials with lockout, opens a session and records the attempt in the audit chain. */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string | null; deviceCookie?: string | undefined },
): Promise<LoginResult> {
  const db = deps.database.db;
  const now = deps.now();
  const { lockout, timing } = await effectiveSecurity(deps);
  const fail = async (reason: string, user: repo.UserWithOrg | undefined) => {
    await appendAudit(db, deps.crypto, {
      actorId: user?.id ?? null,
      actorName: input.username,
      action: 'auth.login',
      targetType: 'user',
      targetId: user?.id ?? null,
      ip: input.ip,
      outcome: 'failure',
      detail: { reason },
      at: now,
    });
  };
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(input.password, DUMMY_HASH);
    await fail('unknown_user', undefined);
    throw new AppError('invalid_credentials');
  }
  // The owner's trusted device has its own counter; any other client is counted per account and client, so a
  // stranger's guesses slow down only the stranger.
  const deviceId = trustedDevice(deps, input.deviceCookie, user.id);
  const key = deviceId ? `dev:${user.id}:${deviceId}:` : `acct:${user.id}:ip:${input.ip ?? 'unknown'}:`;
  const state = await authRepo.findThrottle(db, key);
  if (state && isLocked(state, now)) {
    await fail('throttled', user);
    throw new AppError('login_throttled', {
      minutes: minutesLeft(state, now),
      retryAfter: Math.ceil(((state.lockedUntil?.getTime() ?? 0) - now.getTime()) / 1000),
    });
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const next = afterFailure(state, now, lockout);
    const startsWait = isLocked(next, now);
    await db.transaction(async (tx) => {
      await authRepo.saveThrottle(tx, key, next, now);
      if (startsWait)
        await recordWait(
          deps,
          tx,
          user,
          { client: deviceId ? 'trusted_device' : (input.ip ?? 'unknown'), failures: next.failures, minutes: minutesLeft(next, now) },
          now,
        );
    });
    await fail(startsWait ? 'wrong_password_throttled' : 'wrong_password', user);
    if (startsWait)
      throw new AppError('login_throttled', {
        minutes: minutesLeft(next, now),
        retryAfter: Math.ceil(((next.lockedUntil?.getTime() ?? 0) - now.getTime()) / 1000),
      });
    throw new AppError('invalid_credentials');
  }
  if (user.isDisabled || user.isLocked) {
    await fail(user.isDisabled ? 'disabled' : 'locked_by_admin', user);
    throw new AppError('account_disabled');
  }
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const digest = tokenDigest(token);
  const principal = principalOf(deps, user, 'session', digest, now);
  await db.transaction(async (tx) => {
    await authRepo.clearThrottle(tx, key);
    await authRepo.createSession(tx, {
      tokenDigest: digest,
      userId: user.id,
      csrfToken,
      ip: input.ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: absoluteExpiry(now, timing),
    });
    await repo.updateUser(tx, user.id, null, { lastLoginAt: now }, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy({ principal, ip: input.ip }, now, 'auth.login', { type: 'user', id: user.id }, { via: 'password' }),
    );
  });
  return { token, csrfToken, deviceCookie: deviceCookieFor(deps, user.id, deviceId ?? randomToken(12)), principal };
}

/**
 * A client starts waiting after failed logins: an entry in the audit chain, and a notice to every security
 * administrator whose scope covers the account (in the same transaction as the counter).
 */
async function recordWait(
  deps: AppDeps,
  tx: Db,
  user: repo.UserWithOrg,
  wait: { client: string; failures: number; minutes: number },
  now: Date,
): Promise<void> {
  await appendAudit(tx, deps.crypto, {
    actorId: null,
    actorName: user.username,
    action: 'auth.throttle',
    targetType: 'user',
    targetId: user.id,
    ip: wait.client === 'trusted_device' ? null : wait.client,
    outcome: 'failure',
    detail: wait,
    at: now,
  });
  const admins = (await repo.findActiveUsersOfRole(tx, user.orgTenantId, 'secadmin')).filter((a) =>
    inScope({ scope: a.scope as Scope, orgPath: a.orgPath, tenantId: a.orgTenantId }, user.orgTenantId, user.orgPath),
  );
  const clientZh = wait.client === 'trusted_device' ? '本人的受信任设备' : wait.client;
  await sendNotices(
    tx,
    admins.map((a) => ({
      tenantId: user.orgTenantId,
      userId: a.id,
      kind: 'login_locked' as const,
      title: user.username,
      body: `账号 ${user.username}（${user.displayName}）从 ${clientZh} 连续 ${wait.failures} 次密码错误，该来源须等待 ${wait.minutes} 分钟后才能再试`,
      params: {
        username: user.username,
        displayName: user.displayName,
        client: wait.client,
        failures: wait.failures,
        minutes: wait.minutes,
      },
    })),
    now,
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Authenticates a request by Bearer token or session cookie (with CSRF on mutations). */
export async function authenticate(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, allowExpired: boolean): Promise<Principal> {
  const db = deps.database.db;
  const now = deps.now();
  let principal: Principal;
  const bearer = bearerOf(req);
  if (bearer) {
    const token = await authRepo.findApiTokenByDigest(db, tokenDigest(bearer));
    const user = token ? await repo.findUserById(db, token.userId) : undefined;
    if (!token || !user || user.isDisabled || user.isLocked) throw new AppError('unauthenticated');
    await authRepo.touchApiToken(db, token.id, now);
    principal = principalOf(deps, user, 'token', null, now);
  } else {
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) throw new AppError('unauthenticated');
    const digest = tokenDigest(cookie);
    const session = await authRepo.findSession(db, digest);
    const { timing } = await effectiveSecurity(deps);
    if (!session || !isSessionAlive(session, now, timing)) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(session ? 'session_expired' : 'unauthenticated');
    }
    const user = await repo.findUserById(db, session.userId);
    if (!user || user.isDisabled || user.isLocked) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      const sent = typeof header === 'string' ? header : '';
      if (sent.length !== session.csrfToken.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(session.csrfToken)))
        throw new AppError('csrf');
    }
    // Write the activity time at most once a minute: the idle limit is in minutes anyway.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await authRepo.touchSession(db, digest, now);
    principal = principalOf(deps, user, 'session', digest, now);
  }
  if (principal.passwordExpired && !allowExpired) throw new AppError('password_expired');
  return principal;
}

/** The CSRF token of the caller's session (null for token clients). */
export async function csrfOf(deps: AppDeps, principal: Principal): Promise<string | null> {
  if (!principal.sessionDigest) return null;
  const session = await authRepo.findSession(deps.database.db, principal.sessionDigest);
  return session?.csrfToken ?? null;
}

/** Ends the caller's session. */
export async function logout(deps: AppDeps, actor: Actor): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (actor.principal.sessionDigest) await authRepo.revokeSession(tx, actor.principal.sessionDigest, now);
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'auth.logout', { type: 'user', id: actor.principal.userId }));
  });
}

/** Changes the caller's own password after checking the current one; other sessions end. */
export async function changePassword(deps: AppDeps, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const db = deps.database.db;
  const now = deps.now();
  const user = await repo.findUserById(db, actor.principal.userId);
  if (!user) throw notFound('entity.user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await appendAudit(
      db,
      deps.crypto,
      auditBy(actor, now, 'auth.password.change', { type: 'user', id: user.id }, { reason: 'wrong_current' }, 'failure'),
    );
    throw new AppError('validation', { field: 'currentPassword', reason: 'password.wrong_current' });
  }
  if (input.newPassword === input.currentPassword) throw new AppError('weak_password', { field: 'newPassword', reason: 'password.reused' });
  assertPasswordAcceptable(deps, input.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, null, { passwordHash, passwordChangedAt: now, mustChangePassword: false }, now);
    // Other sessions end; the one the change was made from stays.
    const ended = await authRepo.revokeUserSessions(tx, user.id, now, actor.principal.sessionDigest);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'auth.password.change', { type: 'user', id: user.id }, { otherSessionsEnded: ended }),
    );
  });
}

/** Creates an API token for the caller; the secret is returned once. */
export async function createToken(deps: AppDeps, actor: Actor, name: string) {
  const now = deps.now();
  const secret = `sj_${randomToken(32)}`;
  return deps.database.db.transaction(async (tx) => {
    const row = await authRepo.createApiToken(tx, {
      userId: actor.principal.userId,
      name,
      tokenDigest: tokenDigest(secret),
      prefix: secret.slice(0, 10),
      createdAt: now,
    });
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'auth.token.create', { type: 'api_token', id: row.id }, { name }));
    return { ...presentToken(row), token: secret };
  });
}

/** Presents a token row (never its secret). */
export function presentToken(row: authRepo.ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The caller's tokens. */
export async function listTokens(deps: AppDeps, principal: Principal) {
  return (await authRepo.findApiTokens(deps.database.db, principal.userId)).map(presentToken);
}

/** Revokes one of the caller's tokens. */
export async function revokeToken(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (!(await authRepo.revokeApiToken(tx, actor.principal.userId, id, now))) throw notFound('entity.token');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'auth.token.revoke', { type: 'api_token', id }));
  });
}
