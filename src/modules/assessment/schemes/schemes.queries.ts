import type { AppDeps } from '../../../platform/context.js';
import type { Db } from '../../../platform/db.js';
import { notFound } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import type { TScheme } from '../assessment.contract.js';
import { requireAct } from '../assessment.policy.js';
import { presentScheme } from '../assessment.presenter.js';
import { findIndicatorsByIds } from '../indicators/indicators.repository.js';
import * as repo from './schemes.repository.js';

/** What the list of schemes is filtered by. */
export interface SchemeQuery {
  year?: number | undefined;
  zone?: string | undefined;
  includeSuperseded?: boolean | undefined;
}

/** Schemes as the API shows them: their lines, indicators and result counts read in three queries for all of them. */
export async function presentSchemes(db: Db, rows: repo.SchemeRow[]): Promise<TScheme[]> {
  const lines = await repo.findSchemeLines(
    db,
    rows.map((r) => r.id),
  );
  const inds = new Map(
    (
      await findIndicatorsByIds(
        db,
        lines.map((l) => l.indicatorId),
      )
    ).map((i) => [i.id, i]),
  );
  const stats = await repo.resultStats(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    presentScheme(
      r,
      lines.filter((l) => l.schemeId === r.id),
      inds,
      stats.get(r.id),
    ),
  );
}

/** Schemes of the tenant. */
export async function listSchemes(deps: AppDeps, principal: Principal, query: SchemeQuery): Promise<TScheme[]> {
  requireAct(principal, 'read');
  return presentSchemes(deps.database.db, await repo.findSchemes(deps.database.db, principal.tenantId, query));
}

/** A scheme of the caller's tenant, or 404. */
export async function requireScheme(db: Db, principal: Principal, id: number): Promise<repo.SchemeRow> {
  const row = await repo.findScheme(db, id);
  if (!row || row.tenantId !== principal.tenantId) throw notFound('entity.scheme');
  return row;
}

/** One scheme. */
export async function getScheme(deps: AppDeps, principal: Principal, id: number): Promise<TScheme> {
  requireAct(principal, 'read');
  const [scheme] = await presentSchemes(deps.database.db, [await requireScheme(deps.database.db, principal, id)]);
  if (!scheme) throw notFound('entity.scheme');
  return scheme;
}
