import type { AppDeps } from '../../../platform/context.js';
import type { Db } from '../../../platform/db.js';
import { notFound } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import type { Locale } from '../../../platform/i18n.js';
import { isOrgInScope, orgNames } from '../../org/index.js';
import type { TFlag } from '../assessment.contract.js';
import { requireAct } from '../assessment.policy.js';
import { presentFlag } from '../assessment.presenter.js';
import { findIndicatorsByIds } from '../indicators/indicators.repository.js';
import * as repo from './integrity.repository.js';

/** Which flags to list: by status, check, year or org, one page at a time. */
export interface FlagQuery {
  status?: string | undefined;
  check?: string | undefined;
  year?: number | undefined;
  orgId?: number | undefined;
  page: number;
  pageSize: number;
}

/** The names of the orgs and indicators the flags concern (two queries for all of them). */
export async function flagNames(db: Db, rows: repo.FlagRow[]) {
  const orgMap = await orgNames(
    db,
    rows.map((r) => r.orgId).filter((x): x is number => x !== null),
  );
  const inds = await findIndicatorsByIds(
    db,
    rows.map((r) => r.indicatorId).filter((x): x is number => x !== null),
  );
  return { orgs: orgMap, indicators: new Map(inds.map((i) => [i.id, i.name])) };
}

/** Flags in the caller's scope (flags on the whole tenant, without an org, too). */
export async function listFlags(
  deps: AppDeps,
  principal: Principal,
  query: FlagQuery,
  locale: Locale,
): Promise<{ total: number; items: TFlag[] }> {
  requireAct(principal, 'review_flags');
  const db = deps.database.db;
  const page = await repo.findFlags(db, principal.tenantId, principal, query);
  const names = await flagNames(db, page.items);
  return { total: page.total, items: page.items.map((r) => presentFlag(r, names, locale)) };
}

/** A flag of the caller's tenant on an org in scope (or on no org), or 404. */
export async function requireFlag(db: Db, principal: Principal, id: number): Promise<repo.FlagRow> {
  const flag = await repo.findFlag(db, id);
  if (!flag || flag.tenantId !== principal.tenantId || (flag.orgId !== null && !(await isOrgInScope(db, principal, flag.orgId))))
    throw notFound('entity.flag');
  return flag;
}
