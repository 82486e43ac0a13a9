import type { AppDeps } from '../../../platform/context.js';
import type { Principal } from '../../../platform/http.js';
import { assessedUnits } from '../../org/index.js';
import { requireAct } from '../assessment.policy.js';
import { findLeaderChanges } from './leader-changes.repository.js';

/** A year in which an org's principal changed. */
export interface LeaderChange {
  orgId: number;
  orgName: string;
  year: number;
}

/** Leader-change years of the orgs in the caller's scope, newest first. */
export async function listLeaderChanges(deps: AppDeps, principal: Principal): Promise<LeaderChange[]> {
  requireAct(principal, 'read_leader_changes');
  const db = deps.database.db;
  const scoped = new Map((await assessedUnits(db, principal.tenantId, { principal })).map((o) => [o.id, o.name]));
  return (await findLeaderChanges(db, principal.tenantId))
    .filter((c) => scoped.has(c.orgId))
    .map((c) => ({ orgId: c.orgId, orgName: scoped.get(c.orgId) ?? '', year: c.year }))
    .sort((a, b) => b.year - a.year || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}
