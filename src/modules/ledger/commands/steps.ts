// Each step's own effect, by action. The small ones are here; those that write other records have a file each.
import { AppError } from '../../../platform/errors.js';
import * as repo from '../ledger.repository.js';
import { closureBlocker, type ItemAction } from '../ledger.rules.js';
import { assignItem } from './assign-item.js';
import { closeItem } from './close-item.js';
import { decideExtension } from './decide-extension.js';
import { mergeItems } from './merge-items.js';
import { recheckItem } from './recheck-item.js';
import { requestExtension } from './request-extension.js';
import type { Step } from './take-step.js';

/** 领题: the caller's org takes the item from the pool. */
const claim: Step = async ({ actor }) => ({
  patch: { handlerUserId: actor.principal.userId, responsibleOrgId: actor.principal.orgId, isInPool: false },
});

/** 开始整改: nothing beyond the state. */
const start: Step = async () => ({});

/** 申请销号: every measure done with a note or evidence. */
const requestClosure: Step = async ({ tx, item }) => {
  const blocker = closureBlocker(await repo.findMeasures(tx, item.id));
  if (blocker)
    throw new AppError('unprocessable', {
      field: 'measures',
      reason: blocker === 'no_measures' ? 'reason.ledger.no_measures' : 'reason.ledger.measure_without_proof',
    });
  return {};
};

/** 退回: says why. */
const returnItem: Step = async ({ input }) => {
  if (!input.comment) throw new AppError('validation', { field: 'comment', reason: 'reason.required' });
  return {};
};

/** 不予受理: says why. */
const reject: Step = async ({ input }) => {
  if (!input.reason) throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
  return { patch: { rejectReason: input.reason } };
};

/** 重新整改: the scheduled 回头看 of the closure no longer stands; closing again schedules a new one. */
const reopen: Step = async ({ tx, item }) => {
  await repo.cancelPendingRechecks(tx, item.id);
  return { patch: { closedAt: null, closureOutcome: null, recheckDue: null } };
};

/** 催办: counted on the item. */
const urge: Step = async ({ item }) => ({ patch: { urgeCount: item.urgeCount + 1 } });

/** The effect of every step. */
export const STEPS: Record<ItemAction, Step> = {
  assign: assignItem,
  claim,
  start,
  'request-closure': requestClosure,
  close: closeItem,
  return: returnItem,
  reject,
  reopen,
  urge,
  'request-extension': requestExtension,
  'decide-extension': decideExtension,
  recheck: recheckItem,
  merge: mergeItems,
};
