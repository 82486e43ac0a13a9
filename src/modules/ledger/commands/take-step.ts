// The frame of one step of the loop, inside the caller's transaction: who may (ledger.policy.ts), from which state
// (ledger.rules.ts), against which version; then the step's own effect (./steps.ts), the item's new state, the event
// on its timeline and the audit entry.
import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import type { Db } from '../../../platform/db.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { localDate } from '../../../platform/time.js';
import type { TActionRequest } from '../ledger.contract.js';
import { itemForPolicy, mayAct, policyActor } from '../ledger.policy.js';
import * as repo from '../ledger.repository.js';
import { nextStatus, type ItemAction, type ItemStatus } from '../ledger.rules.js';
import { getScopedItem } from '../ledger.scope.js';
import type { ledgerItems } from '../ledger.table.js';
import { eventBy } from './shared.js';
import { STEPS } from './steps.js';

/** A step's request, its version resolved. */
export type StepInput = TActionRequest & { version: number };

/** What a step's effect is given: the item as found (in reach, allowed, current), its extensions, the request. */
export interface StepContext {
  tx: Db;
  deps: AppDeps;
  actor: Actor;
  action: ItemAction;
  item: repo.ItemRow;
  extensions: repo.ExtensionRow[];
  input: StepInput;
  now: Date;
  today: string;
}

/** What a step does beyond moving the state: fields of the item, detail of its event and audit entry, writes after both. */
export interface StepEffect {
  patch?: Partial<typeof ledgerItems.$inferInsert>;
  eventDetail?: Record<string, unknown>;
  auditDetail?: Record<string, unknown>;
  /** Runs after the item's event and audit entry (e.g. the merged-into item's own event). */
  after?: () => Promise<void>;
}

/** A step's own effect; it may refuse the request (validation, state) by throwing. */
export type Step = (ctx: StepContext) => Promise<StepEffect>;

/** Takes one step on an item inside the transaction `tx`; throws (and writes nothing the caller keeps) when refused. */
export async function takeStep(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  id: number,
  action: ItemAction,
  input: StepInput,
  now: Date,
): Promise<void> {
  const item = await getScopedItem(tx, actor.principal, id);
  const extensions = await repo.findExtensions(tx, id);
  const decision = mayAct(policyActor(actor.principal), itemForPolicy(item, extensions), action);
  if (!decision.ok) {
    if (decision.reason === 'not_found') throw notFound('entity.item');
    if (decision.reason === 'invalid_state') throw invalidState(action, item.status);
    throw new AppError('forbidden');
  }
  if (item.version !== input.version) throw new AppError('version_conflict');
  const to = nextStatus(item.status as ItemStatus, action, input.result) as ItemStatus;
  const effect = await STEPS[action]({ tx, deps, actor, action, item, extensions, input, now, today: localDate(now) });
  const updated = await repo.updateItem(tx, id, input.version, { status: to, ...effect.patch }, now);
  if (!updated) throw new AppError('version_conflict');
  await repo.createEvent(
    tx,
    eventBy(actor, now, item, action, {
      fromStatus: item.status,
      toStatus: to,
      comment: input.comment ?? input.reason ?? null,
      detail: effect.eventDetail ?? {},
    }),
  );
  await appendAudit(
    tx,
    deps.crypto,
    auditBy(actor, now, `ledger.${action}`, { type: 'ledger_item', id }, { from: item.status, to, ...effect.auditDetail }),
  );
  await effect.after?.();
}

/** The refusal of a step the item's state does not allow. */
export function invalidState(action: ItemAction, status: string): AppError {
  return new AppError('unprocessable', {
    field: 'action',
    reason: 'reason.ledger.invalid_state',
    action: `step.${action}`,
    status: `state.${status}`,
  });
}
