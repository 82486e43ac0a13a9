import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import type { Locale } from '../../../../platform/i18n.js';
import { enforce, requireAct, schemeChangeRefusal } from '../../assessment.policy.js';
import { requireScheme } from '../../schemes/schemes.queries.js';
import { getResults, type SchemeResults } from '../results.queries.js';
import { storeResults } from '../scoring-input.js';

/** The scheme to compute, and the language its results are answered in. */
export interface ComputeSchemeInput {
  schemeId: number;
  locale: Locale;
}

/** Computes and stores a scheme's results for its whole zone (one transaction); answers them as the caller may see them. */
export async function computeScheme(deps: AppDeps, actor: Actor, input: ComputeSchemeInput): Promise<SchemeResults> {
  requireAct(actor.principal, 'compute_results');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const scheme = await requireScheme(tx, actor.principal, input.schemeId);
    enforce(schemeChangeRefusal(scheme));
    const units = await storeResults(tx, scheme, now, actor.principal.userId);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.compute', { type: 'scheme', id: scheme.id }, { year: scheme.year, zone: scheme.zone, units }),
    );
  });
  return getResults(deps, actor.principal, input.schemeId, input.locale);
}
