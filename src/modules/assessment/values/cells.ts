import type { Db } from '../../../platform/db.js';
import { AppError } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import { assessedUnits } from '../../org/index.js';
import { findIndicatorsByIds } from '../indicators/indicators.repository.js';

/** Checks that every org is an assessed unit in the caller's scope and every indicator in the tenant; names the first row at fault. */
export async function checkCells(
  db: Db,
  principal: Principal,
  rows: { orgId: number; indicatorId?: number }[],
  field: string,
): Promise<void> {
  const scoped = new Set((await assessedUnits(db, principal.tenantId, { principal })).map((o) => o.id));
  const badOrg = rows.findIndex((r) => !scoped.has(r.orgId));
  if (badOrg >= 0) throw new AppError('validation', { field: `${field}.${badOrg}.orgId`, reason: 'reason.invalid' });
  const ids = rows.map((r) => r.indicatorId).filter((i): i is number => i !== undefined);
  if (ids.length === 0) return;
  const known = new Set((await findIndicatorsByIds(db, ids)).filter((i) => i.tenantId === principal.tenantId).map((i) => i.id));
  const badInd = rows.findIndex((r) => r.indicatorId !== undefined && !known.has(r.indicatorId));
  if (badInd >= 0) throw new AppError('validation', { field: `${field}.${badInd}.indicatorId`, reason: 'reason.invalid' });
}
