import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { requireScopedPerson } from '../../org/index.js';
import type { TItemDetail } from '../ledger.contract.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { assertMayEditMeasures, eventBy } from './shared.js';

/** A new measure. */
export interface AddMeasureInput {
  content: string;
  ownerPersonId?: number | undefined;
  dueDate?: string | undefined;
  isMilestone?: boolean | undefined;
}

/** Adds a measure (整改措施) to an item, last in its list. */
export async function addMeasure(deps: AppDeps, actor: Actor, itemId: number, input: AddMeasureInput): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    if (input.ownerPersonId) await requireScopedPerson(tx, actor.principal, input.ownerPersonId, 'ownerPersonId');
    const [measure] = await repo.createMeasures(tx, [
      {
        tenantId: item.tenantId,
        itemId,
        content: input.content,
        ownerPersonId: input.ownerPersonId ?? null,
        dueDate: input.dueDate ?? null,
        isMilestone: input.isMilestone ?? false,
        sortOrder: item.measuresTotal,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await repo.recountMeasures(tx, itemId);
    await repo.createEvent(tx, eventBy(actor, now, item, 'measure.add', { comment: input.content }));
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.measure.add', { type: 'ledger_measure', id: measure?.id ?? null }, { itemId }),
    );
  });
  return getItem(deps, actor.principal, itemId);
}
