import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import type { TValueCell } from '../../assessment.contract.js';
import { enforce, requireAct, verificationRefusal } from '../../assessment.policy.js';
import { hasOpenFlag } from '../../integrity/integrity.repository.js';
import { getFigure, requireFigure, type FigureKey } from '../values.queries.js';
import * as repo from '../values.repository.js';

/** The figure and what it becomes: verified against its source (with a note), or back to reported. */
export interface VerifyFigureInput extends FigureKey {
  verification: 'verified' | 'reported';
  note?: string | undefined;
}

/**
 * Marks a figure verified against its source (核实), or back to reported. Refused while an integrity flag on it is open:
 * the flag is settled first (referred for verification or dismissed with a note). A changed figure is reported again.
 */
export async function verifyFigure(deps: AppDeps, actor: Actor, input: VerifyFigureInput): Promise<TValueCell> {
  requireAct(actor.principal, 'verify_figures');
  const key = { year: input.year, orgId: input.orgId, indicatorId: input.indicatorId };
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    // The flags are read only when they matter: setting a figure back to reported is always allowed.
    const isFlagged = input.verification === 'verified' && (await hasOpenFlag(tx, figure.tenantId, key));
    enforce(verificationRefusal({ verification: input.verification, hasOpenFlag: isFlagged }));
    await repo.setVerified(
      tx,
      figure.id,
      input.verification === 'verified' ? { userId: actor.principal.userId, note: input.note || null } : null,
      now,
    );
    await repo.refreshVerification(tx, figure.tenantId, key);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        `assessment.figure.${input.verification}`,
        { type: 'assessment_value', id: figure.id },
        { ...key, value: figure.value, note: input.note ?? null },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}
