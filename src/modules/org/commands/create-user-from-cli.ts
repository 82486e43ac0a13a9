import { appendAudit } from '../../../platform/audit.js';
import type { AppDeps } from '../../../platform/context.js';
import { hashPassword } from '../../../platform/crypto.js';
import type { Role, Scope } from '../../../platform/http.js';
import { assertPasswordAcceptable } from '../auth.service.js';
import * as repo from '../org.repository.js';

/** What the operator asked for on the command line (`shiji user create`). */
export interface CreateUserFromCliOptions {
  username: string;
  password: string;
  role: Role;
  scope: Scope;
  displayName?: string | undefined;
  /** The org to place the user in; the root org when absent. */
  orgId?: number | undefined;
}

/** Why the command line cannot create the user: the option at fault and the reason, for a usage error. */
export interface CliRefusal {
  option: string;
  reason: string;
}

/**
 * The operator on the server creates an account (the first administrator of an empty installation, typically).
 * The server's shell is the root of trust, so no caller's reach applies; the act is audited as `cli`.
 */
export async function createUserFromCli(
  deps: AppDeps,
  o: CreateUserFromCliOptions,
): Promise<{ ok: true; orgName: string } | ({ ok: false } & CliRefusal)> {
  assertPasswordAcceptable(deps, o.password, o.username);
  const db = deps.database.db;
  const org = o.orgId ? await repo.findOrgById(db, o.orgId) : await repo.findRootOrg(db);
  if (!org)
    return o.orgId
      ? { ok: false, option: 'org-id', reason: `no organisation ${o.orgId}` }
      : { ok: false, option: '', reason: 'no organisation yet: run `shiji seed --empty` first' };
  if (await repo.findUserByUsername(db, o.username)) return { ok: false, option: 'username', reason: `${o.username} already exists` };
  const now = deps.now();
  const passwordHash = await hashPassword(o.password);
  await db.transaction(async (tx) => {
    const user = await repo.createUser(tx, {
      username: o.username,
      displayName: o.displayName ?? o.username,
      orgId: org.id,
      role: o.role,
      scope: o.scope,
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'cli',
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      outcome: 'success',
      detail: { username: user.username, role: user.role, via: 'cli' },
      at: now,
    });
  });
  return { ok: true, orgName: org.name };
}
