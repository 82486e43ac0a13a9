import { AppError } from '../../../platform/errors.js';
import * as repo from '../ledger.repository.js';
import { addDays } from '../ledger.rules.js';
import type { Step } from './take-step.js';

/** 销号: with an outcome (无法整改 says why), reviewed by the caller; schedules the 回头看 by the category's days. */
export const closeItem: Step = async ({ tx, deps, actor, item, input, now, today }) => {
  if (!input.outcome) throw new AppError('validation', { field: 'outcome', reason: 'reason.required' });
  if (input.outcome === 'not_rectifiable' && !input.reason)
    throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
  const recheckDue = addDays(today, deps.config.recheckDays.byCategory[item.category] ?? deps.config.recheckDays.default);
  await repo.createRecheck(tx, { tenantId: item.tenantId, itemId: item.id, dueDate: recheckDue });
  return {
    patch: {
      closedAt: now,
      closureOutcome: input.outcome,
      closureNote: input.reason ?? input.comment ?? null,
      reviewerUserId: actor.principal.userId,
      recheckDue,
    },
  };
};
