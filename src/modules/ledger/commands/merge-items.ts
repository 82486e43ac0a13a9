import { AppError } from '../../../platform/errors.js';
import { isOrgInScope } from '../../org/index.js';
import * as repo from '../ledger.repository.js';
import { isOpen, type ItemStatus } from '../ledger.rules.js';
import { eventBy } from './shared.js';
import type { Step } from './take-step.js';

/**
 * 合并: the item becomes a duplicate of an open one in scope, which takes its evidence and urge count and
 * gets an event of its own (merge.in) after the merged item's.
 */
export const mergeItems: Step = async ({ tx, actor, item, input, now }) => {
  if (!input.targetId) throw new AppError('validation', { field: 'targetId', reason: 'reason.required' });
  if (input.targetId === item.id) throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
  const target = await repo.findItem(tx, input.targetId);
  if (!target || target.tenantId !== item.tenantId || !(await isOrgInScope(tx, actor.principal, target.responsibleOrgId)))
    throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
  if (!isOpen(target.status as ItemStatus))
    throw new AppError('unprocessable', { field: 'targetId', reason: 'reason.ledger.merge_target', status: `state.${target.status}` });
  await repo.createLink(tx, { tenantId: item.tenantId, itemId: item.id, otherId: target.id, kind: 'duplicate', createdAt: now });
  await repo.copyEvidence(tx, item.id, target.id);
  if (!(await repo.updateItem(tx, target.id, target.version, { urgeCount: target.urgeCount + item.urgeCount }, now)))
    throw new AppError('version_conflict', { field: 'targetId' });
  return {
    patch: { mergedIntoId: target.id, isInPool: false },
    after: () =>
      repo.createEvent(
        tx,
        eventBy(actor, now, { tenantId: item.tenantId, id: target.id }, 'merge.in', {
          comment: input.comment ?? null,
          detail: { fromId: item.id, fromCode: item.code, fromTitle: item.title },
        }),
      ),
  };
};
