import { AppError } from '../../../platform/errors.js';
import * as repo from '../ledger.repository.js';
import type { Step } from './take-step.js';

/** 延期审批: approves or refuses the pending request; only an approval moves the deadline (the first stays in originalDeadline). */
export const decideExtension: Step = async ({ tx, actor, extensions, input, now }) => {
  const pending = extensions.find((e) => e.status === 'pending');
  if (!pending) throw new AppError('unprocessable', { field: 'decision', reason: 'reason.ledger.no_pending_extension' });
  if (!input.decision) throw new AppError('validation', { field: 'decision', reason: 'reason.required' });
  await repo.decideExtension(tx, pending.id, {
    status: input.decision === 'approve' ? 'approved' : 'refused',
    decidedBy: actor.principal.userId,
    decidedAt: now,
    decisionNote: input.comment ?? null,
  });
  return {
    patch: input.decision === 'approve' ? { deadline: pending.newDeadline } : {},
    auditDetail: { decision: input.decision },
  };
};
