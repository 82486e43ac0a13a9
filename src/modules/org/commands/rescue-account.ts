import { appendAudit } from '../../../platform/audit.js';
import type { AppDeps } from '../../../platform/context.js';
import { hashPassword } from '../../../platform/crypto.js';
import { clearThrottle, revokeUserSessions } from '../auth.repository.js';
import { assertPasswordAcceptable } from '../auth.service.js';
import * as repo from '../org.repository.js';

/** `reset-password` (with the new password) or `unlock`. */
export type RescueOptions = { username: string } & ({ act: 'reset-password'; password: string } | { act: 'unlock' });

/**
 * `shiji user reset-password` / `shiji user unlock`: the operator on the server acts on any account, such as the
 * only security administrator's, which no administrator may do through the API (三员分立). Audited as `cli`.
 * A reset ends the account's sessions and asks for a new password at the next login; both clear the login waits.
 */
export async function rescueAccount(
  deps: AppDeps,
  o: RescueOptions,
): Promise<{ ok: true; username: string } | { ok: false; reason: string }> {
  const db = deps.database.db;
  const user = await repo.findUserByUsername(db, o.username);
  if (!user) return { ok: false, reason: `no user ${o.username}` };
  if (o.act === 'reset-password') assertPasswordAcceptable(deps, o.password, user.username);
  const passwordHash = o.act === 'reset-password' ? await hashPassword(o.password) : undefined;
  const now = deps.now();
  await db.transaction(async (tx) => {
    if (passwordHash) {
      await repo.updateUser(tx, user.id, null, { passwordHash, passwordChangedAt: now, mustChangePassword: true }, now);
      await revokeUserSessions(tx, user.id, now);
    } else await repo.updateUser(tx, user.id, null, { isLocked: false }, now);
    await clearThrottle(tx, `acct:${user.id}:`);
    await clearThrottle(tx, `dev:${user.id}:`);
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'cli',
      action: o.act === 'reset-password' ? 'user.password.reset' : 'user.unlock',
      targetType: 'user',
      targetId: user.id,
      outcome: 'success',
      detail: { username: user.username, via: 'cli' },
      at: now,
    });
  });
  return { ok: true, username: user.username };
}
