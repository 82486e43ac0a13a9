import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import { hashPassword } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal, Role, Scope } from '../../platform/http.js';
import * as authRepo from './auth.repository.js';
import { assertPasswordAcceptable } from './auth.service.js';
import type { TCreateUserRequest, TUser } from './org.contract.js';
import { accountActsFor, inScope, mayActOnAccount, type AccountAct, type AccountRefusal, type Holding } from './org.policy.js';
import * as repo from './org.repository.js';
import { authorize } from './org.service.js';

/** An account as the account rule sees it. */
const holdingOf = (row: repo.UserWithOrg): Holding & { userId: number } => ({
  userId: row.id,
  role: row.role as Role,
  scope: row.scope as Scope,
  orgPath: row.orgPath,
  tenantId: row.orgTenantId,
});
/** The caller as the account rule sees them. */
const actorHolding = (p: Principal): Holding & { userId: number } => ({
  userId: p.userId,
  role: p.role,
  scope: p.scope,
  orgPath: p.orgPath,
  tenantId: p.tenantId,
});

const REFUSAL_FIELD: Partial<Record<AccountRefusal, string>> = { wider_than_yours: 'scope', admin_account: 'role' };

/** Applies the one account rule; a refusal is audited as denied and thrown. Out-of-scope grants name the org field. */
async function requireAccountAct(
  deps: AppDeps,
  actor: Actor,
  target: repo.UserWithOrg | null,
  act: AccountAct | 'create',
  grant: Holding | null,
): Promise<void> {
  const decision = mayActOnAccount(actorHolding(actor.principal), target ? holdingOf(target) : null, act, grant);
  if (decision.ok) return;
  const error =
    decision.reason === 'out_of_scope'
      ? new AppError('validation', { field: 'orgId', reason: 'reason.invalid' })
      : new AppError('forbidden', { field: REFUSAL_FIELD[decision.reason], reason: `reason.account.${decision.reason}` });
  await appendAudit(
    deps.database.db,
    deps.crypto,
    auditBy(
      actor,
      deps.now(),
      act === 'create' ? 'user.create' : `user.${act}`,
      { type: 'user', id: target?.id ?? null },
      { refused: decision.reason, ...(grant ? { role: grant.role, scope: grant.scope } : {}) },
      'denied',
    ),
  );
  throw error;
}

/** Presents a user for administrators, with the automatic lock if one is running and what the caller may do to it. */
async function presentUser(deps: AppDeps, principal: Principal, row: repo.UserWithOrg): Promise<TUser> {
  const waitUntil = await authRepo.findLatestWait(deps.database.db, row.id, deps.now());
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    orgId: row.orgId,
    orgName: row.orgName,
    role: row.role as Role,
    scope: row.scope as Scope,
    isDisabled: row.isDisabled,
    isLocked: row.isLocked || waitUntil !== null,
    lockedUntil: waitUntil?.toISOString() ?? null,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    personId: row.personId,
    personName: row.personId ? ((await repo.findPersonNames(deps.database.db, [row.personId])).get(row.personId) ?? null) : null,
    acts: accountActsFor(actorHolding(principal), holdingOf(row)),
    version: row.version,
  };
}

/** The cadre to link an account to: in the caller's scope, or a validation error naming personId. */
async function requireLinkablePerson(db: Db, principal: Principal, personId: number): Promise<void> {
  const person = await repo.findPersonById(db, personId);
  if (!person || !inScope(principal, person.orgTenantId, person.orgPath))
    throw new AppError('validation', { field: 'personId', reason: 'reason.invalid' });
}

async function getScopedUser(db: Db, principal: Principal, id: number): Promise<repo.UserWithOrg> {
  const row = await repo.findUserById(db, id);
  if (!row || !inScope(principal, row.orgTenantId, row.orgPath)) throw notFound('entity.user');
  return row;
}

/** Lists users in the caller's scope. */
export async function listUsers(
  deps: AppDeps,
  principal: Principal,
  filter: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number },
) {
  authorize(principal, 'user.read');
  const page = await repo.findUsers(deps.database.db, principal, filter);
  return { total: page.total, items: await Promise.all(page.items.map((u) => presentUser(deps, principal, u))) };
}

/** One user in scope. */
export async function getUser(deps: AppDeps, principal: Principal, id: number): Promise<TUser> {
  authorize(principal, 'user.read');
  return presentUser(deps, principal, await getScopedUser(deps.database.db, principal, id));
}

/** Creates an account holding no more than the caller holds; admin accounts by the security administrator only (三员分立). */
export async function createUser(deps: AppDeps, actor: Actor, input: TCreateUserRequest): Promise<TUser> {
  authorize(actor.principal, 'user.create');
  const org = await repo.findOrgById(deps.database.db, input.orgId);
  if (!org || !inScope(actor.principal, org.tenantId, org.path))
    throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
  await requireAccountAct(deps, actor, null, 'create', { role: input.role, scope: input.scope, orgPath: org.path, tenantId: org.tenantId });
  assertPasswordAcceptable(deps, input.password, input.username);
  const now = deps.now();
  const passwordHash = await hashPassword(input.password);
  const id = await deps.database.db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, input.username)) throw new AppError('conflict', { field: 'username', value: input.username });
    if (input.personId) await requireLinkablePerson(tx, actor.principal, input.personId);
    const row = await repo.createUser(tx, {
      personId: input.personId ?? null,
      username: input.username,
      displayName: input.displayName,
      orgId: org.id,
      role: input.role,
      scope: input.scope,
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: true,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'user.create',
        { type: 'user', id: row.id },
        { username: row.username, role: row.role, scope: row.scope, orgId: org.id },
      ),
    );
    return row.id;
  });
  return getUser(deps, actor.principal, id);
}

/** Changes a user's display name or org. */
export async function updateUser(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { displayName?: string | undefined; orgId?: number | undefined; personId?: number | null | undefined; version: number },
): Promise<TUser> {
  authorize(actor.principal, 'user.read');
  const now = deps.now();
  const target = await getScopedUser(deps.database.db, actor.principal, id);
  let orgPath = target.orgPath;
  if (input.orgId !== undefined) {
    const org = await repo.findOrgById(deps.database.db, input.orgId);
    if (!org || !inScope(actor.principal, org.tenantId, org.path))
      throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
    orgPath = org.path;
  }
  await requireAccountAct(deps, actor, target, 'update', { ...holdingOf(target), orgPath });
  await deps.database.db.transaction(async (tx) => {
    if (input.personId) await requireLinkablePerson(tx, actor.principal, input.personId);
    const { version, ...patch } = input;
    if (!(await repo.updateUser(tx, id, version, patch, now))) throw new AppError('version_conflict');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'user.update', { type: 'user', id }, { changes: patch }));
  });
  return getUser(deps, actor.principal, id);
}

/** Sets role and scope (the security administrator's duty); the user's sessions end. */
export async function setUserRole(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { role: Role; scope: Scope; version: number },
): Promise<TUser> {
  authorize(actor.principal, 'user.role');
  const current = await getScopedUser(deps.database.db, actor.principal, id);
  await requireAccountAct(deps, actor, current, 'set-role', {
    role: input.role,
    scope: input.scope,
    orgPath: current.orgPath,
    tenantId: current.orgTenantId,
  });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (!(await repo.updateUser(tx, id, input.version, { role: input.role, scope: input.scope }, now)))
      throw new AppError('version_conflict');
    await authRepo.revokeUserSessions(tx, id, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'user.role',
        { type: 'user', id },
        { from: { role: current.role, scope: current.scope }, to: { role: input.role, scope: input.scope } },
      ),
    );
  });
  return getUser(deps, actor.principal, id);
}

/** The administrative switches on an account. */
export type UserSwitch = 'lock' | 'unlock' | 'disable' | 'enable';

/** Locks, unlocks, disables or enables an account. Locking or disabling ends its sessions; unlocking clears the automatic lockout. */
export async function switchUser(deps: AppDeps, actor: Actor, id: number, version: number, action: UserSwitch): Promise<TUser> {
  authorize(actor.principal, 'user.read');
  await requireAccountAct(deps, actor, await getScopedUser(deps.database.db, actor.principal, id), action, null);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const patch = action === 'lock' || action === 'unlock' ? { isLocked: action === 'lock' } : { isDisabled: action === 'disable' };
    if (!(await repo.updateUser(tx, id, version, patch, now))) throw new AppError('version_conflict');
    if (action === 'lock' || action === 'disable') {
      await authRepo.revokeUserSessions(tx, id, now);
      if (action === 'disable') await authRepo.revokeUserApiTokens(tx, id, now);
    }
    if (action === 'unlock') {
      await authRepo.clearThrottle(tx, `acct:${id}:`);
      await authRepo.clearThrottle(tx, `dev:${id}:`);
    }
    await appendAudit(tx, deps.crypto, auditBy(actor, now, `user.${action}`, { type: 'user', id }));
  });
  return getUser(deps, actor.principal, id);
}

/** Sets a new password for a user, who must change it at next login; their sessions end. */
export async function resetUserPassword(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { password: string; version: number },
): Promise<TUser> {
  authorize(actor.principal, 'user.read');
  const now = deps.now();
  const target = await getScopedUser(deps.database.db, actor.principal, id);
  await requireAccountAct(deps, actor, target, 'reset-password', null);
  assertPasswordAcceptable(deps, input.password, target.username);
  const passwordHash = await hashPassword(input.password);
  await deps.database.db.transaction(async (tx) => {
    if (!(await repo.updateUser(tx, id, input.version, { passwordHash, passwordChangedAt: now, mustChangePassword: true }, now)))
      throw new AppError('version_conflict');
    await authRepo.revokeUserSessions(tx, id, now);
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'user.password.reset', { type: 'user', id }));
  });
  return getUser(deps, actor.principal, id);
}
