import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import type { Locale } from '../../../../platform/i18n.js';
import type { TFlag } from '../../assessment.contract.js';
import { enforce, flagSettleRefusal, requireAct } from '../../assessment.policy.js';
import { presentFlag } from '../../assessment.presenter.js';
import { refreshVerification } from '../../values/values.repository.js';
import { flagNames, requireFlag } from '../integrity.queries.js';
import { closeFlag, findFlag } from '../integrity.repository.js';

/** The flag to dismiss, the note that explains why, and the language the flag is answered in. */
export interface DismissFlagInput {
  id: number;
  note: string;
  locale: Locale;
}

/** Dismisses a flag with a note (checked and explained); its figure's verification is recomputed. */
export async function dismissFlag(deps: AppDeps, actor: Actor, input: DismissFlagInput): Promise<TFlag> {
  requireAct(actor.principal, 'review_flags');
  const { id, note, locale } = input;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const flag = await requireFlag(tx, actor.principal, id);
    enforce(flagSettleRefusal(flag));
    // Closed only while still open, in the same statement: a flag settled meanwhile is refused as closed too.
    if (!(await closeFlag(tx, id, { status: 'dismissed', note }, now)))
      throw new AppError('unprocessable', { field: 'status', reason: 'reason.assessment.flag_closed' });
    if (flag.orgId && flag.indicatorId && flag.year)
      await refreshVerification(tx, flag.tenantId, { orgId: flag.orgId, indicatorId: flag.indicatorId, year: flag.year });
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'integrity.dismiss', { type: 'integrity_flag', id }, {}));
    const after = await findFlag(tx, id);
    if (!after) throw notFound('entity.flag');
    return presentFlag(after, await flagNames(tx, [after]), locale);
  });
}
