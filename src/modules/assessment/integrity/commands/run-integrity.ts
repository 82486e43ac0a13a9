import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { requireAct } from '../../assessment.policy.js';
import { explain, type Explained } from '../../assessment.presenter.js';
import { runIntegrityChecks, type IntegritySummary } from '../run-checks.js';

/** The year whose figures (with their history) are checked. */
export interface RunIntegrityInput {
  year: number;
}

/** Runs every integrity check over the tenant's figures up to a year; flags are upserted (a rerun never duplicates). */
export async function runIntegrity(
  deps: AppDeps,
  actor: Actor,
  input: RunIntegrityInput,
): Promise<Omit<IntegritySummary, 'refused'> & { refused: Explained[] }> {
  requireAct(actor.principal, 'run_integrity');
  const { year } = input;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const summary = await runIntegrityChecks(tx, actor.principal.tenantId, year, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'integrity.run', { type: 'integrity', id: null }, { year, flags: summary.flags, newFlags: summary.newFlags }),
    );
    return { ...summary, refused: summary.refused.map((r) => explain(r, 'zh-CN')) };
  });
}
