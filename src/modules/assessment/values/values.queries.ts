import type { AppDeps } from '../../../platform/context.js';
import type { Db } from '../../../platform/db.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { readFile } from '../../../platform/files.js';
import type { Principal } from '../../../platform/http.js';
import { median } from '../../../platform/stats.js';
import { localYear } from '../../../platform/time.js';
import { assessedUnits, isOrgInScope, orgsByIds, userNames } from '../../org/index.js';
import type { TIndicator, TValueCell, TValueGrid } from '../assessment.contract.js';
import { requireAct } from '../assessment.policy.js';
import { presentCell, presentIndicator } from '../assessment.presenter.js';
import { findIndicators, findIndicatorsByIds, type IndicatorRow } from '../indicators/indicators.repository.js';
import { findSchemeLines } from '../schemes/schemes.repository.js';
import { requireScheme } from '../schemes/schemes.queries.js';
import * as repo from './values.repository.js';

/** A figure's key: the org, the year and the indicator. */
export interface FigureKey {
  year: number;
  orgId: number;
  indicatorId: number;
}

/** Which part of the data-entry grid to show: a year, by scheme or zone, optionally one indicator or org. */
export interface ValueGridQuery {
  year: number;
  schemeId?: number | undefined;
  zone?: string | undefined;
  indicatorId?: number | undefined;
  orgId?: number | undefined;
}

/** Display names of who entered and verified the figures (one query for all of them). */
function figurePeople(db: Db, rows: readonly repo.ValueRow[]): Promise<Map<number, string>> {
  return userNames(
    db,
    rows.flatMap((r) => [r.enteredBy, r.verifiedBy]),
  );
}

/** The data-entry grid (一表同享): orgs × indicators of a year, with third-party and satisfaction scores. */
export async function valueGrid(deps: AppDeps, principal: Principal, query: ValueGridQuery): Promise<TValueGrid> {
  requireAct(principal, 'read');
  const db = deps.database.db;
  let zone = query.zone;
  let level: string | undefined;
  let indicatorRows: IndicatorRow[];
  if (query.schemeId) {
    const scheme = await requireScheme(db, principal, query.schemeId);
    zone = scheme.zone;
    level = scheme.orgLevel;
    const lines = await findSchemeLines(db, [scheme.id]);
    const byId = new Map(
      (
        await findIndicatorsByIds(
          db,
          lines.map((l) => l.indicatorId),
        )
      ).map((i) => [i.id, i]),
    );
    indicatorRows = lines.map((l) => byId.get(l.indicatorId)).filter((i): i is IndicatorRow => !!i);
  } else {
    indicatorRows = await findIndicators(db, principal.tenantId, {});
  }
  if (query.indicatorId) indicatorRows = indicatorRows.filter((i) => i.id === query.indicatorId);
  let orgRows = await assessedUnits(db, principal.tenantId, { zone, level: level ?? (query.orgId ? undefined : 'county'), principal });
  if (query.orgId) orgRows = orgRows.filter((o) => o.id === query.orgId);
  const orgIds = orgRows.map((o) => o.id);
  const cells = await repo.findValues(db, { orgIds, years: [query.year], indicatorIds: indicatorRows.map((i) => i.id) });
  const inputs = await repo.findInputs(db, orgIds, [query.year]);
  const people = await figurePeople(db, cells);
  return {
    year: query.year,
    orgs: orgRows.map((o) => ({ id: o.id, name: o.name, zone: o.zone as TValueGrid['orgs'][number]['zone'] })),
    indicators: indicatorRows.map(presentIndicator),
    cells: cells.map((c) => presentCell(c, people)),
    inputs: inputs.map((i) => ({ orgId: i.orgId, kind: i.kind as 'third_party' | 'satisfaction', score: i.score })),
  };
}

/** A figure of an org in the caller's scope; 404 otherwise (ids from the client are not trusted). */
export async function requireFigure(db: Db, principal: Principal, key: FigureKey): Promise<repo.ValueRow> {
  const row = (await isOrgInScope(db, principal, key.orgId)) ? await repo.findValue(db, key) : undefined;
  if (!row || row.tenantId !== principal.tenantId) throw notFound('entity.figure');
  return row;
}

/** One figure with its source, evidence and verification. */
export async function getFigure(deps: AppDeps, principal: Principal, key: FigureKey): Promise<TValueCell> {
  requireAct(principal, 'read');
  const db = deps.database.db;
  const row = await requireFigure(db, principal, key);
  return presentCell(row, await figurePeople(db, [row]));
}

/** The evidence file of a figure the caller may see. */
export async function evidenceFile(
  deps: AppDeps,
  principal: Principal,
  key: FigureKey,
): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  requireAct(principal, 'read');
  const db = deps.database.db;
  const figure = await requireFigure(db, principal, key);
  const file = figure.evidenceFileId ? await readFile(db, figure.tenantId, figure.evidenceFileId) : undefined;
  if (!file) throw notFound('entity.evidence');
  return { fileName: file.fileName, mimeType: file.mimeType, content: file.content };
}

/** The median of the figures, or null when there are none. */
function medianOrNull(xs: number[]): number | null {
  return xs.length === 0 ? null : median(xs);
}

/** An org's figures of one indicator over the last ten years beside the median of its zone (same level). */
export async function trend(
  deps: AppDeps,
  principal: Principal,
  query: { orgId: number; indicatorId: number },
): Promise<{ indicator: TIndicator; points: { year: number; value: number | null; zoneMedian: number | null }[] }> {
  requireAct(principal, 'read');
  const { orgId, indicatorId } = query;
  const db = deps.database.db;
  if (!(await isOrgInScope(db, principal, orgId))) throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
  const [ind] = await findIndicatorsByIds(db, [indicatorId]);
  if (!ind || ind.tenantId !== principal.tenantId) throw new AppError('validation', { field: 'indicatorId', reason: 'reason.invalid' });
  const [org] = await orgsByIds(db, [orgId]);
  const peers = await assessedUnits(db, principal.tenantId, { zone: org?.zone, level: org?.level });
  const years = Array.from({ length: 10 }, (_, i) => localYear(deps.now()) - 9 + i);
  const figures = await repo.findValues(db, { orgIds: peers.map((p) => p.id), years, indicatorIds: [indicatorId] });
  const points = years
    .map((year) => ({
      year,
      value: figures.find((f) => f.orgId === orgId && f.year === year)?.value ?? null,
      zoneMedian: medianOrNull(figures.filter((f) => f.year === year).map((f) => f.value)),
    }))
    .filter((p) => p.value !== null || p.zoneMedian !== null);
  return { indicator: presentIndicator(ind), points };
}
