import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { TItemDetail } from '../ledger.contract.js';
import { mayLink } from '../ledger.policy.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { eventBy } from './shared.js';

/** The linked item. */
export interface UnlinkItemsInput {
  targetId: number;
}

/** Removes a related-item link (either direction); duplicate links made by merge stay. */
export async function unlinkItems(deps: AppDeps, actor: Actor, itemId: number, input: UnlinkItemsInput): Promise<TItemDetail> {
  const { targetId } = input;
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    if (!mayLink(actor.principal, item)) throw new AppError('forbidden');
    if (!(await repo.deleteLink(tx, itemId, targetId, 'related'))) throw notFound('entity.link');
    await repo.createEvent(tx, eventBy(actor, now, item, 'unlink', { detail: { otherId: targetId } }));
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.unlink', { type: 'ledger_item', id: itemId }, { targetId }));
  });
  return getItem(deps, actor.principal, itemId);
}
