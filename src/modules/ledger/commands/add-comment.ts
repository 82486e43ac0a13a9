import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import type { TItemDetail } from '../ledger.contract.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { eventBy } from './shared.js';

/** A comment's text. */
export interface AddCommentInput {
  body: string;
}

/** Adds a comment (意见/备注): anyone who may read the item; an event of its own and an audit entry. */
export async function addComment(deps: AppDeps, actor: Actor, itemId: number, input: AddCommentInput): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    await repo.createEvent(tx, eventBy(actor, now, item, 'comment', { comment: input.body }));
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.comment', { type: 'ledger_item', id: itemId }, { length: input.body.length }),
    );
  });
  return getItem(deps, actor.principal, itemId);
}
