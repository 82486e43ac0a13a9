import { AppError } from '../../../platform/errors.js';
import * as repo from '../ledger.repository.js';
import { addDays, extensionFlags } from '../ledger.rules.js';
import type { Step } from './take-step.js';

/** The offset of the ledger's calendar, for telling a late or last-minute request. */
const UTC_OFFSET = '+08:00';

/** 申请延期: a later deadline and a reason, one pending request at a time; flagged when late or last-minute. */
export const requestExtension: Step = async ({ tx, actor, item, extensions, input, now }) => {
  if (!item.deadline) throw new AppError('unprocessable', { field: 'deadline', reason: 'reason.ledger.no_deadline' });
  if (!input.deadline) throw new AppError('validation', { field: 'deadline', reason: 'reason.required' });
  if (input.deadline <= item.deadline)
    throw new AppError('validation', { field: 'deadline', reason: 'reason.too_small', min: addDays(item.deadline, 1) });
  if (!input.reason) throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
  if (extensions.some((e) => e.status === 'pending')) throw new AppError('conflict', { field: 'deadline', value: 'pending extension' });
  await repo.createExtension(tx, {
    tenantId: item.tenantId,
    itemId: item.id,
    requestedBy: actor.principal.userId,
    requestedAt: now,
    oldDeadline: item.deadline,
    newDeadline: input.deadline,
    reason: input.reason,
    ...extensionFlags(item.deadline, now, UTC_OFFSET),
  });
  return { auditDetail: { deadline: input.deadline } };
};
