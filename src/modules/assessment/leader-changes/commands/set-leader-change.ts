import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import { isOrgInScope } from '../../../org/index.js';
import { requireAct } from '../../assessment.policy.js';
import { listLeaderChanges, type LeaderChange } from '../leader-changes.queries.js';
import * as repo from '../leader-changes.repository.js';

/** The org and the year its principal changed; with `remove`, the record is deleted instead. */
export interface SetLeaderChangeInput {
  orgId: number;
  year: number;
  remove?: boolean | undefined;
}

/** Records (or removes) the year an org's principal changed; audited. The organisation department keeps these. */
export async function setLeaderChange(deps: AppDeps, actor: Actor, input: SetLeaderChangeInput): Promise<LeaderChange[]> {
  requireAct(actor.principal, 'keep_leader_changes');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (!(await isOrgInScope(tx, actor.principal, input.orgId)))
      throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
    if (input.remove) {
      if (!(await repo.deleteLeaderChange(tx, input.orgId, input.year))) throw notFound('entity.record');
    } else await repo.addLeaderChanges(tx, [{ tenantId: actor.principal.tenantId, orgId: input.orgId, year: input.year }]);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        input.remove ? 'assessment.leader_change.remove' : 'assessment.leader_change.add',
        { type: 'org', id: input.orgId },
        { year: input.year },
      ),
    );
  });
  return listLeaderChanges(deps, actor.principal);
}
