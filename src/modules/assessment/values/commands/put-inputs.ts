import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { requireAct } from '../../assessment.policy.js';
import { checkCells } from '../cells.js';
import * as repo from '../values.repository.js';

/** 第三方评估 or 群众满意度 scores of a year: a score to save, or null to clear it. */
export interface PutInputsInput {
  year: number;
  kind: 'third_party' | 'satisfaction';
  scores: { orgId: number; score: number | null }[];
}

/** Saves 第三方评估 or 群众满意度 scores in one transaction. */
export async function putInputs(deps: AppDeps, actor: Actor, input: PutInputsInput): Promise<{ saved: number; cleared: number }> {
  requireAct(actor.principal, 'enter_inputs');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await checkCells(tx, actor.principal, input.scores, 'scores');
    const result = await repo.putInputs(
      tx,
      input.scores.map((s) => ({
        tenantId: actor.principal.tenantId,
        orgId: s.orgId,
        year: input.year,
        kind: input.kind,
        score: s.score,
        enteredBy: actor.principal.userId,
        now,
      })),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.inputs.put',
        { type: 'assessment_inputs', id: null },
        { year: input.year, kind: input.kind, ...result },
      ),
    );
    return result;
  });
}
