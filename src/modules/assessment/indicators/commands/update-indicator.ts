import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import type { TIndicator, TUpdateIndicatorRequest } from '../../assessment.contract.js';
import { requireAct } from '../../assessment.policy.js';
import { presentIndicator } from '../../assessment.presenter.js';
import * as repo from '../indicators.repository.js';

/** Which indicator changes, and how (with the version it was read at). */
export interface UpdateIndicatorInput {
  id: number;
  changes: TUpdateIndicatorRequest;
}

/** Changes an indicator, version-checked; only a latent indicator keeps a lag. */
export async function updateIndicator(deps: AppDeps, actor: Actor, input: UpdateIndicatorInput): Promise<TIndicator> {
  requireAct(actor.principal, 'manage_indicators');
  const { id } = input;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [current] = await repo.findIndicatorsByIds(tx, [id]);
    if (!current || current.tenantId !== actor.principal.tenantId) throw notFound('entity.indicator');
    const { version, ...fields } = input.changes;
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) patch[k] = v;
    if ((fields.visibility ?? current.visibility) !== 'latent') patch.lagYears = 0;
    const row = await repo.updateIndicator(tx, id, version, patch, now);
    if (!row) throw new AppError('version_conflict');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.indicator.update', { type: 'indicator', id }, { fields: Object.keys(patch) }),
    );
    return presentIndicator(row);
  });
}
