import type { Actor, AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { TBulkActionRequest } from '../ledger.contract.js';
import { auditRefusal } from './shared.js';
import { takeStep } from './take-step.js';

/**
 * The same step on many items (bulk 催办 / 交办 / 不予受理): one transaction, all or nothing; a failure names
 * the row (`items.3.handlerUserId`) and is audited as denied.
 */
export async function bulkAct(deps: AppDeps, actor: Actor, request: TBulkActionRequest): Promise<{ done: number }> {
  const { action, items, ...input } = request;
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      for (const [i, target] of items.entries()) {
        try {
          await takeStep(tx, deps, actor, target.id, action, { ...input, version: target.version }, now);
        } catch (error) {
          if (error instanceof AppError)
            throw new AppError(error.code, { ...error.params, field: `items.${i}${error.field ? `.${error.field}` : ''}` });
          throw error;
        }
      }
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, `ledger.bulk.${action}`, null, error);
    throw error;
  }
  return { done: items.length };
}
