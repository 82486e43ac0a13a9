// What the ledger's commands share: the version a change is made against, the timeline event, the audit of a refusal.
import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { mayEditMeasures, type ItemRecord, type LedgerUser } from '../ledger.policy.js';
import type { ledgerEvents } from '../ledger.table.js';

/** The version a step or edit was made against: the body's `version` or If-Match, which must agree. */
export function versionFrom(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  const headerVersion = ifMatch ? Number(/\d+/.exec(ifMatch)?.[0]) : undefined;
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion)
    throw new AppError('validation', { field: 'If-Match', reason: 'reason.invalid' });
  const version = bodyVersion ?? headerVersion;
  if (version === undefined) throw new AppError('validation', { field: 'version', reason: 'reason.required' });
  return version;
}

/** A timeline event on an item, by the actor, now. */
export function eventBy(
  actor: Actor,
  now: Date,
  item: { tenantId: number; id: number },
  action: string,
  rest: Omit<typeof ledgerEvents.$inferInsert, 'tenantId' | 'itemId' | 'at' | 'actorId' | 'actorName' | 'action'> = {},
): typeof ledgerEvents.$inferInsert {
  return {
    tenantId: item.tenantId,
    itemId: item.id,
    at: now,
    actorId: actor.principal.userId,
    actorName: actor.principal.displayName,
    action,
    ...rest,
  };
}

/** Writes a refused request into the audit chain (outside the rolled-back transaction). */
export async function auditRefusal(
  deps: AppDeps,
  actor: Actor,
  now: Date,
  action: string,
  id: number | null,
  error: unknown,
): Promise<void> {
  if (
    !(error instanceof AppError) ||
    !['forbidden', 'not_found', 'unprocessable', 'validation', 'version_conflict', 'conflict'].includes(error.code)
  )
    return;
  await appendAudit(
    deps.database.db,
    deps.crypto,
    auditBy(
      actor,
      now,
      action,
      { type: 'ledger_item', id },
      { code: error.code, ...(error.field ? { field: error.field } : {}) },
      'denied',
    ),
  );
}

/** Refuses unless the caller may change the item's measures and evidence now (see mayEditMeasures). */
export function assertMayEditMeasures(user: LedgerUser, item: Pick<ItemRecord, 'status' | 'handlerUserId'>): void {
  const decision = mayEditMeasures(user, item);
  if (decision.ok) return;
  if (decision.reason === 'invalid_state')
    throw new AppError('unprocessable', { field: 'status', reason: 'reason.ledger.measures_locked', status: `state.${item.status}` });
  throw new AppError('forbidden');
}
