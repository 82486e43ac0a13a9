import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import { requireAct } from '../../assessment.policy.js';
import { checkCells } from '../cells.js';
import * as repo from '../values.repository.js';

/** Cells of the grid for a year: a value to save, or null to clear the cell. */
export interface PutValuesInput {
  year: number;
  values: { orgId: number; indicatorId: number; value: number | null; source?: string | undefined }[];
}

/** Saves cells of the grid in one transaction: all or nothing; a null value clears the cell. */
export async function putValues(deps: AppDeps, actor: Actor, input: PutValuesInput): Promise<{ saved: number; cleared: number }> {
  requireAct(actor.principal, 'enter_figures');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await checkCells(tx, actor.principal, input.values, 'values');
    const seen = new Set<string>();
    input.values.forEach((v, i) => {
      const key = `${v.orgId}:${v.indicatorId}`;
      if (seen.has(key)) throw new AppError('validation', { field: `values.${i}`, reason: 'reason.assessment.duplicate_cell' });
      seen.add(key);
    });
    const setting = input.values.filter((v): v is typeof v & { value: number } => v.value !== null);
    await repo.upsertValues(
      tx,
      setting.map((v) => ({
        tenantId: actor.principal.tenantId,
        orgId: v.orgId,
        year: input.year,
        indicatorId: v.indicatorId,
        value: v.value,
        source: v.source ?? '',
        enteredBy: actor.principal.userId,
        now,
      })),
    );
    const cleared = await repo.deleteValues(
      tx,
      input.values.filter((v) => v.value === null).map((v) => ({ orgId: v.orgId, year: input.year, indicatorId: v.indicatorId })),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.values.put',
        { type: 'assessment_values', id: null },
        { year: input.year, saved: setting.length, cleared },
      ),
    );
    return { saved: setting.length, cleared };
  });
}
