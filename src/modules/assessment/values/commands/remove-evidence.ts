import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { notFound } from '../../../../platform/errors.js';
import type { TValueCell } from '../../assessment.contract.js';
import { requireAct } from '../../assessment.policy.js';
import { getFigure, requireFigure, type FigureKey } from '../values.queries.js';
import * as repo from '../values.repository.js';

/** The figure whose evidence is detached. */
export type RemoveEvidenceInput = FigureKey;

/** Detaches the evidence from a figure (the stored file stays, as the audit trail names it). */
export async function removeEvidence(deps: AppDeps, actor: Actor, key: RemoveEvidenceInput): Promise<TValueCell> {
  requireAct(actor.principal, 'enter_figures');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    if (!figure.evidenceFileId) throw notFound('entity.evidence');
    await repo.setEvidence(tx, figure.id, null, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.evidence.remove',
        { type: 'assessment_value', id: figure.id },
        { ...key, fileId: figure.evidenceFileId },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}
