import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http.js';
import { isOrgInScope, orgAtOrAboveCondition, orgPathOf, orgScopeCondition } from '../org/index.js';
import { isInPoolOf, mayBeInPool, mayOpenItem, mayReadItem, maySupervise } from './ledger.policy.js';
import * as repo from './ledger.repository.js';
import { ledgerItems } from './ledger.table.js';

/**
 * The items the caller may see: the responsible org in their scope. The tenant is repeated on the item
 * itself so the (tenant, responsible org, status) index is entered by its leading column.
 */
export function itemScope(principal: Principal): SQL {
  const t = ledgerItems;
  const inOrgScope = sql`${t.tenantId} = ${principal.tenantId} and ${orgScopeCondition(principal, t.responsibleOrgId)}`;
  if (maySupervise(principal.role)) return inOrgScope;
  // 机密 items: supervisors, and the people working on the item; nobody else, whatever their scope.
  const u = principal.userId;
  return sql`${inOrgScope} and (${t.confidentiality} <> 'confidential' or ${t.handlerUserId} = ${u} or ${t.createdBy} = ${u} or ${t.assignerUserId} = ${u})`;
}

/**
 * The 领题池 open to the caller: items published to the pool, waiting, not confidential, concerning an
 * org at or above the caller's own (an org publishes to the units beneath it).
 */
export function poolScope(principal: Principal): SQL {
  const t = ledgerItems;
  return sql`(${t.tenantId} = ${principal.tenantId} and ${t.isInPool} and ${t.status} = 'submitted' and ${t.confidentiality} <> 'confidential'
    and ${orgAtOrAboveCondition(t.orgId, principal.orgPath)})`;
}

/** Items whose responsible org lies in the subtree at `orgPath` (an org the caller chose, already checked in scope). */
export function subtreeScope(principal: Principal, orgPath: string): SQL {
  return orgScopeCondition({ ...principal, scope: 'subtree', orgPath }, ledgerItems.responsibleOrgId);
}

/** Is the item in the pool open to the caller (see poolScope)? */
async function isInCallersPool(db: Db, principal: Principal, item: repo.ItemRow): Promise<boolean> {
  if (!mayBeInPool(principal, item)) return false;
  return isInPoolOf(principal, item, await orgPathOf(db, item.orgId));
}

/** An item the caller may see, or 404 (never another scope's data). */
export async function getScopedItem(db: Db, principal: Principal, id: number): Promise<repo.ItemRow> {
  const item = await repo.findItem(db, id);
  if (!item || !mayOpenItem(principal, item)) throw notFound('entity.item');
  const inScope = await isOrgInScope(db, principal, item.responsibleOrgId);
  const inPool = !inScope && (await isInCallersPool(db, principal, item));
  if (!mayReadItem(principal, item, { inScope, inPool })) throw notFound('entity.item');
  return item;
}
