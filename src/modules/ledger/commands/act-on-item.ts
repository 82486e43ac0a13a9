import type { Actor, AppDeps } from '../../../platform/context.js';
import type { TActionRequest, TItemDetail } from '../ledger.contract.js';
import { getItem } from '../ledger.queries.js';
import type { ItemAction } from '../ledger.rules.js';
import { auditRefusal, versionFrom } from './shared.js';
import { takeStep } from './take-step.js';

/** How a step is taken. */
export interface ActOnItemOptions {
  /** The If-Match header: the version, when the body does not carry it. */
  ifMatch?: string | undefined;
}

/**
 * Takes one step of the loop on an item: policy, state machine, version check, event, audit — one transaction.
 * A refused step is audited as denied.
 */
export async function actOnItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  action: ItemAction,
  input: TActionRequest,
  options: ActOnItemOptions = {},
): Promise<TItemDetail> {
  const now = deps.now();
  try {
    const version = versionFrom(input.version, options.ifMatch);
    await deps.database.db.transaction((tx) => takeStep(tx, deps, actor, id, action, { ...input, version }, now));
  } catch (error) {
    await auditRefusal(deps, actor, now, `ledger.${action}`, id, error);
    throw error;
  }
  return getItem(deps, actor.principal, id);
}
