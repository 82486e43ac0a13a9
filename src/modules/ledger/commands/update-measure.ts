import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { requireScopedPerson } from '../../org/index.js';
import type { TItemDetail, TUpdateMeasureRequest } from '../ledger.contract.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { assertMayEditMeasures, eventBy, versionFrom } from './shared.js';

/** How a measure is changed. */
export interface UpdateMeasureOptions {
  /** The If-Match header: the measure's version, when the body does not carry it. */
  ifMatch?: string | undefined;
}

/** Changes a measure: its progress, completion note or due date (version-checked). */
export async function updateMeasure(
  deps: AppDeps,
  actor: Actor,
  itemId: number,
  measureId: number,
  input: TUpdateMeasureRequest,
  options: UpdateMeasureOptions = {},
): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const version = versionFrom(input.version, options.ifMatch);
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    const measures = await repo.findMeasures(tx, itemId);
    if (!measures.some((m) => m.id === measureId)) throw notFound('entity.measure');
    if (input.ownerPersonId) await requireScopedPerson(tx, actor.principal, input.ownerPersonId, 'ownerPersonId');
    const { version: _v, ...patch } = input;
    const doneAt = input.status === undefined ? {} : { doneAt: input.status === 'done' ? now : null };
    if (!(await repo.updateMeasure(tx, measureId, version, { ...patch, ...doneAt }, now))) throw new AppError('version_conflict');
    await repo.recountMeasures(tx, itemId);
    await repo.createEvent(
      tx,
      eventBy(actor, now, item, 'measure.update', { comment: input.completionNote ?? null, detail: { measureId, ...patch } }),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.measure.update', { type: 'ledger_measure', id: measureId }, { itemId, fields: Object.keys(patch) }),
    );
  });
  return getItem(deps, actor.principal, itemId);
}
