import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { isOrgInScope } from '../../org/index.js';
import type { TItemDetail } from '../ledger.contract.js';
import { mayLink, mayReadConfidential } from '../ledger.policy.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { auditRefusal, eventBy } from './shared.js';

/** The item to link to. */
export interface LinkItemsInput {
  targetId: number;
}

/** Links an item to a related one in the caller's scope (关联问题); both items get an event. A refusal is audited. */
export async function linkItems(deps: AppDeps, actor: Actor, itemId: number, input: LinkItemsInput): Promise<TItemDetail> {
  const { targetId } = input;
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      const item = await getScopedItem(tx, actor.principal, itemId);
      if (!mayLink(actor.principal, item)) throw new AppError('forbidden');
      if (targetId === itemId) throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
      const target = await repo.findItem(tx, targetId);
      if (
        !target ||
        target.tenantId !== item.tenantId ||
        !(await isOrgInScope(tx, actor.principal, target.responsibleOrgId)) ||
        (target.confidentiality === 'confidential' && !mayReadConfidential(actor.principal, target))
      )
        throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
      const existing = await repo.findLinks(tx, itemId);
      if (existing.some((l) => l.otherId === targetId && l.kind === 'related'))
        throw new AppError('conflict', { field: 'targetId', value: target.code });
      await repo.createLink(tx, { tenantId: item.tenantId, itemId, otherId: targetId, kind: 'related', createdAt: now });
      for (const [on, other] of [
        [item, target],
        [target, item],
      ] as const)
        await repo.createEvent(
          tx,
          eventBy(actor, now, { tenantId: item.tenantId, id: on.id }, 'link', { detail: { otherId: other.id, otherCode: other.code } }),
        );
      await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.link', { type: 'ledger_item', id: itemId }, { targetId }));
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, 'ledger.link', itemId, error);
    throw error;
  }
  return getItem(deps, actor.principal, itemId);
}
