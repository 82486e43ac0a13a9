import { AppError } from '../../../platform/errors.js';
import { findUserBrief, requireScopedOrg, requireScopedPerson } from '../../org/index.js';
import { mayAssignTo } from '../ledger.policy.js';
import type { ledgerItems } from '../ledger.table.js';
import type { Step } from './take-step.js';

/** 交办: to an enabled handler in scope, optionally with a responsible org, person and deadline; out of the pool. */
export const assignItem: Step = async ({ tx, actor, item, input }) => {
  if (!input.handlerUserId) throw new AppError('validation', { field: 'handlerUserId', reason: 'reason.required' });
  const handler = await findUserBrief(tx, input.handlerUserId);
  if (!handler || !mayAssignTo(actor.principal, handler))
    throw new AppError('validation', { field: 'handlerUserId', reason: 'reason.invalid' });
  const patch: Partial<typeof ledgerItems.$inferInsert> = {};
  if (input.responsibleOrgId)
    patch.responsibleOrgId = (await requireScopedOrg(tx, actor.principal, input.responsibleOrgId, 'responsibleOrgId')).id;
  if (input.responsiblePersonId)
    patch.responsiblePersonId = (await requireScopedPerson(tx, actor.principal, input.responsiblePersonId, 'responsiblePersonId')).id;
  if (input.deadline) {
    patch.deadline = input.deadline;
    if (!item.originalDeadline) patch.originalDeadline = input.deadline;
  }
  patch.handlerUserId = handler.id;
  patch.assignerUserId = actor.principal.userId;
  patch.isInPool = false;
  return { patch };
};
