import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http.js';
import * as authRepo from './auth.repository.js';
import type { LockoutConfig, SessionTiming } from './auth.rules.js';
import { breachedPasswords, policyOf } from './auth.service.js';
import type { TSecuritySettings, TUpdateSecuritySettingsRequest } from './org.contract.js';
import { authorize } from './org.service.js';

/** The lockout and session limits in force: the secadmin's saved values over the deployment's. */
export interface EffectiveSecurity {
  lockout: LockoutConfig;
  timing: SessionTiming;
  version: number;
}

const CACHE_MS = 5_000;
const cache = new WeakMap<object, { at: number; value: EffectiveSecurity }>();

/** Reads the effective limits; cached for a few seconds per database, so every request stays one query lighter. */
export async function effectiveSecurity(deps: AppDeps): Promise<EffectiveSecurity> {
  const hit = cache.get(deps.database);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const row = await authRepo.findSecuritySettings(deps.database.db);
  const value: EffectiveSecurity = {
    lockout: {
      threshold: row?.lockoutThreshold ?? deps.config.lockoutThreshold,
      lockMinutes: row?.lockoutMinutes ?? deps.config.lockoutMinutes,
    },
    timing: {
      idleMinutes: row?.sessionIdleMinutes ?? deps.config.sessionIdleMinutes,
      absoluteHours: row?.sessionAbsoluteHours ?? deps.config.sessionAbsoluteHours,
    },
    version: row?.version ?? 0,
  };
  cache.set(deps.database, { at: now, value });
  return value;
}

/** The settings page: policy from the deployment profile, limits as in force. */
export async function getSecuritySettings(deps: AppDeps, principal: Principal): Promise<TSecuritySettings> {
  authorize(principal, 'security.read');
  const policy = policyOf(deps);
  const effective = await effectiveSecurity(deps);
  return {
    profile: deps.config.profile,
    crypto: deps.config.crypto,
    hashAlgorithm: deps.crypto.hashAlgorithm,
    passwordMinLength: policy.minLength,
    passwordRequiresClasses: policy.requiredClasses,
    passwordMaxAgeDays: policy.maxAgeDays,
    breachedListSize: breachedPasswords().size,
    lockoutThreshold: effective.lockout.threshold,
    lockoutMinutes: effective.lockout.lockMinutes,
    sessionIdleMinutes: effective.timing.idleMinutes,
    sessionAbsoluteHours: effective.timing.absoluteHours,
    version: effective.version,
  };
}

/** Changes the lockout and session limits (security administrator); audited with before and after. */
export async function updateSecuritySettings(
  deps: AppDeps,
  actor: Actor,
  input: TUpdateSecuritySettingsRequest,
): Promise<TSecuritySettings> {
  authorize(actor.principal, 'security.write');
  if (
    input.sessionIdleMinutes !== undefined &&
    input.sessionAbsoluteHours !== undefined &&
    input.sessionIdleMinutes > input.sessionAbsoluteHours * 60
  )
    throw new AppError('validation', { field: 'sessionIdleMinutes', reason: 'reason.too_big', max: input.sessionAbsoluteHours * 60 });
  const now = deps.now();
  cache.delete(deps.database);
  const before = await effectiveSecurity(deps);
  await deps.database.db.transaction(async (tx) => {
    const saved = await authRepo.saveSecuritySettings(tx, input.version, {
      lockoutThreshold: input.lockoutThreshold ?? before.lockout.threshold,
      lockoutMinutes: input.lockoutMinutes ?? before.lockout.lockMinutes,
      sessionIdleMinutes: input.sessionIdleMinutes ?? before.timing.idleMinutes,
      sessionAbsoluteHours: input.sessionAbsoluteHours ?? before.timing.absoluteHours,
      updatedAt: now,
      updatedBy: actor.principal.userId,
    });
    if (!saved) throw new AppError('version_conflict');
    const { version: _version, ...changes } = input;
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'security.update',
        { type: 'security_settings', id: 1 },
        { before: { ...before.lockout, ...before.timing }, changes },
      ),
    );
  });
  cache.delete(deps.database);
  return getSecuritySettings(deps, actor.principal);
}
