import type { Config } from './config.js';
import type { CryptoProvider } from './crypto.js';
import type { Database } from './db.js';
import type { Principal } from './http.js';
import type { AuditEntry } from './audit.js';

/** What the services of every module are built with: the database, crypto, config and a clock. */
export interface AppDeps {
  database: Database;
  crypto: CryptoProvider;
  config: Config;
  /** The clock; tests inject a fake one. */
  now: () => Date;
}

/** Who is acting and from where, for the audit chain. */
export interface Actor {
  principal: Principal;
  ip: string | null;
}

/** Builds an audit entry for an action by an actor. */
export function auditBy(
  actor: Actor,
  now: Date,
  action: string,
  target: { type: string; id: number | string | null },
  detail: Record<string, unknown> = {},
  outcome: AuditEntry['outcome'] = 'success',
): AuditEntry {
  return {
    actorId: actor.principal.userId,
    actorName: actor.principal.username,
    action,
    targetType: target.type,
    targetId: target.id,
    ip: actor.ip,
    outcome,
    detail,
    at: now,
  };
}
