import { AppError } from '../../../platform/errors.js';
import * as repo from '../ledger.repository.js';
import { invalidState, type Step } from './take-step.js';

/** 回头看: records the scheduled recheck's result; a rebound reopens the closure (counted on the item). */
export const recheckItem: Step = async ({ tx, actor, action, item, input, now }) => {
  if (!input.result) throw new AppError('validation', { field: 'result', reason: 'reason.required' });
  const recheckId = await repo.completeRecheck(tx, item.id, {
    result: input.result,
    note: input.comment ?? null,
    checkedBy: actor.principal.userId,
    checkedAt: now,
  });
  if (recheckId === null) throw invalidState(action, item.status);
  const rebound = input.result === 'rebound' ? { reboundCount: item.reboundCount + 1, closedAt: null, closureOutcome: null } : {};
  return {
    patch: { recheckDue: null, ...rebound },
    eventDetail: { recheckId, result: input.result },
    auditDetail: { result: input.result },
  };
};
