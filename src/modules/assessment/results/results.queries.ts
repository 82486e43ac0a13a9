import type { AppDeps } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import type { Locale } from '../../../platform/i18n.js';
import { median } from '../../../platform/stats.js';
import { itemBriefs, ledgerCountsForAssessment } from '../../ledger/index.js';
import { assessedUnits, isOrgInScope } from '../../org/index.js';
import type { TOrgResult, TScheme, TValueCell } from '../assessment.contract.js';
import { requireAct } from '../assessment.policy.js';
import { explain, presentResult, type Explained } from '../assessment.presenter.js';
import { getScheme, requireScheme } from '../schemes/schemes.queries.js';
import { findSchemes } from '../schemes/schemes.repository.js';
import { resultUse as pickResultUse, whatIf as tryWeights, type Grade, type OrgResult, type WeightChanges } from '../scoring.rules.js';
import { findValues } from '../values/values.repository.js';
import * as repo from './results.repository.js';
import { scoringInput } from './scoring-input.js';

/** A scheme's stored results, as the caller may see them. */
export interface SchemeResults {
  scheme: TScheme;
  computedAt: string | null;
  results: TOrgResult[];
}

/** Stored results of a scheme, for the orgs in the caller's scope. */
export async function getResults(deps: AppDeps, principal: Principal, schemeId: number, locale: Locale): Promise<SchemeResults> {
  requireAct(principal, 'read');
  const db = deps.database.db;
  const scheme = await getScheme(deps, principal, schemeId);
  const scoped = (await assessedUnits(db, principal.tenantId, { zone: scheme.zone, level: scheme.orgLevel, principal })).map((o) => o.id);
  const rows = await repo.findResults(db, schemeId, scoped);
  return {
    scheme,
    computedAt: scheme.computedAt,
    results: rows.map((row) => {
      const r = row.breakdown as unknown as OrgResult & { of: number };
      return presentResult(r, r.of, locale);
    }),
  };
}

/** One org's result with its breakdown. */
export async function getOrgResult(
  deps: AppDeps,
  principal: Principal,
  key: { schemeId: number; orgId: number },
  locale: Locale,
): Promise<TOrgResult> {
  requireAct(principal, 'read');
  const { schemeId, orgId } = key;
  const db = deps.database.db;
  await requireScheme(db, principal, schemeId);
  if (!(await isOrgInScope(db, principal, orgId))) throw notFound('entity.result');
  const [row] = await repo.findResults(db, schemeId, [orgId]);
  if (!row) throw notFound('entity.result');
  const r = row.breakdown as unknown as OrgResult & { of: number };
  const presented = presentResult(r, r.of, locale);
  // Beside each figure: whether it has been verified against its source and has evidence, as of now.
  const figures = new Map(
    (await findValues(db, { orgIds: [orgId], years: [row.year], indicatorIds: presented.lines.map((l) => l.indicatorId) })).map((v) => [
      v.indicatorId,
      v,
    ]),
  );
  // Each deduction names its ledger items by code and title.
  const briefs = new Map(
    (
      await itemBriefs(
        db,
        principal,
        presented.deductions.flatMap((d) => d.itemIds),
      )
    ).map((b) => [b.id, b]),
  );
  return {
    ...presented,
    deductions: presented.deductions.map((d) => ({
      ...d,
      items: d.itemIds.map((id) => briefs.get(id)).filter((b): b is { id: number; code: string; title: string } => !!b),
    })),
    lines: presented.lines.map((l) => {
      const f = figures.get(l.indicatorId);
      return { ...l, verification: f ? (f.verification as TValueCell['verification']) : null, hasEvidence: !!f?.evidence };
    }),
  };
}

/** Weights to try in a what-if: per indicator (by id, as text keys) and the third-party and satisfaction weights. */
export interface WhatIfQuery {
  indicatorWeights?: Record<string, number> | undefined;
  thirdPartyWeight?: number | undefined;
  satisfactionWeight?: number | undefined;
}

/** What-if: the scheme's results with other weights, nothing saved; ranks before and after for the orgs in scope. */
export async function whatIf(deps: AppDeps, principal: Principal, schemeId: number, changes: WhatIfQuery) {
  requireAct(principal, 'read');
  const db = deps.database.db;
  const scheme = await requireScheme(db, principal, schemeId);
  const { input } = await scoringInput(db, scheme);
  const ruleChanges: WeightChanges = {
    ...(changes.indicatorWeights
      ? { indicatorWeights: new Map(Object.entries(changes.indicatorWeights).map(([k, v]) => [Number(k), v])) }
      : {}),
    ...(changes.thirdPartyWeight !== undefined ? { thirdPartyWeight: changes.thirdPartyWeight } : {}),
    ...(changes.satisfactionWeight !== undefined ? { satisfactionWeight: changes.satisfactionWeight } : {}),
  };
  const tried = tryWeights(input, ruleChanges);
  const scoped = new Set(
    (await assessedUnits(db, principal.tenantId, { zone: scheme.zone, level: scheme.orgLevel, principal })).map((o) => o.id),
  );
  const names = new Map(input.orgs.map((o) => [o.orgId, o.name]));
  return {
    weightSum: tried.weightSum,
    isWeightSumValid: tried.isWeightSumValid,
    moves: tried.moves.filter((m) => scoped.has(m.orgId)).map((m) => ({ ...m, name: names.get(m.orgId) ?? '' })),
  };
}

/** A unit picked by 结果运用, with why. */
interface UsePick {
  orgId: number;
  name: string;
  zone: TOrgResult['zone'];
  reason: Explained;
}

/** 结果运用 of a year across its current schemes: 优先使用 and 约谈 lists. */
export async function resultUseOf(
  deps: AppDeps,
  principal: Principal,
  year: number,
  locale: Locale,
): Promise<{ year: number; priorityUse: UsePick[]; admonition: UsePick[] }> {
  requireAct(principal, 'read');
  const db = deps.database.db;
  const current = await findSchemes(db, principal.tenantId, { year });
  const scoped = new Set((await assessedUnits(db, principal.tenantId, { principal })).map((o) => o.id));
  const out = { year, priorityUse: [] as UsePick[], admonition: [] as UsePick[] };
  for (const scheme of current) {
    const rows = await repo.findResults(db, scheme.id);
    if (rows.length === 0) continue;
    const results = rows.map((r) => r.breakdown as unknown as OrgResult);
    const orgIds = results.map((r) => r.orgId);
    const history = await repo.findGradeHistory(db, orgIds, [year - 1, year - 2, year]);
    const gradesByYear = new Map<number, Map<number, Grade>>();
    for (const h of history)
      gradesByYear.set(h.orgId, (gradesByYear.get(h.orgId) ?? new Map<number, Grade>()).set(h.year, h.grade as Grade));
    const counts = await ledgerCountsForAssessment(
      db,
      scheme.tenantId,
      await assessedUnits(db, scheme.tenantId, { zone: scheme.zone, level: scheme.orgLevel }),
      year,
    );
    const serious = new Map(counts.filter((c) => c.kind === 'serious_open').map((c) => [c.orgId, c.itemIds.length]));
    const picked = pickResultUse(gradesByYear, year, results, serious);
    const byId = new Map(results.map((r) => [r.orgId, r]));
    for (const [list, target] of [
      [picked.priorityUse, out.priorityUse],
      [picked.admonition, out.admonition],
    ] as const) {
      for (const p of list) {
        const r = byId.get(p.orgId);
        if (!r || !scoped.has(p.orgId)) continue;
        target.push({ orgId: p.orgId, name: r.name, zone: r.zone as TOrgResult['zone'], reason: explain(p.reason, locale) });
      }
    }
  }
  return out;
}

/** One org's sub-scores against the median of its zone in a scheme's results (radar chart). */
export async function radar(deps: AppDeps, principal: Principal, key: { schemeId: number; orgId: number }, locale: Locale) {
  const mine = await getOrgResult(deps, principal, key, locale);
  const all = (await repo.findResults(deps.database.db, key.schemeId)).map((r) => r.breakdown as unknown as OrgResult);
  return {
    orgId: key.orgId,
    name: mine.name,
    axes: mine.lines.map((line) => {
      const subScores = all
        .map((r) => r.lines.find((l) => l.indicatorId === line.indicatorId)?.subScore)
        .filter((v): v is number => typeof v === 'number');
      return {
        indicatorId: line.indicatorId,
        name: line.name,
        subScore: line.subScore,
        zoneMedian: subScores.length === 0 ? null : median(subScores),
      };
    }),
  };
}
