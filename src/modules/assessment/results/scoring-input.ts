/** What the scoring rules read for a scheme, gathered in a few queries, and the stored results they give. */
import type { Db } from '../../../platform/db.js';
import { notFound } from '../../../platform/errors.js';
import { ledgerCountsForAssessment } from '../../ledger/index.js';
import { assessedUnits } from '../../org/index.js';
import type { TSchemeRequest } from '../assessment.contract.js';
import { findIndicatorsByIds } from '../indicators/indicators.repository.js';
import { toRuleIndicator, toRuleScheme } from '../schemes/scheme-content.js';
import { presentSchemes } from '../schemes/schemes.queries.js';
import { findSchemeLines, type SchemeRow } from '../schemes/schemes.repository.js';
import { baselineYear, computeResults, type AssessmentInput, type Grade } from '../scoring.rules.js';
import { findInputs, findValues } from '../values/values.repository.js';
import * as repo from './results.repository.js';

/** Everything the scoring rules need for a scheme, read in a few queries. */
export async function scoringInput(db: Db, scheme: SchemeRow): Promise<{ input: AssessmentInput; orgIds: number[] }> {
  const [presented] = await presentSchemes(db, [scheme]);
  if (!presented) throw notFound('entity.scheme');
  const lines = await findSchemeLines(db, [scheme.id]);
  const indicatorRows = await findIndicatorsByIds(
    db,
    lines.map((l) => l.indicatorId),
  );
  const ruleIndicators = indicatorRows.map(toRuleIndicator);
  // The whole zone is scored together (ranks and peers need every unit), whatever the caller's scope.
  const zoneOrgs = await assessedUnits(db, scheme.tenantId, { zone: scheme.zone, level: scheme.orgLevel });
  const orgIds = zoneOrgs.map((o) => o.id);
  const years = new Set<number>([scheme.year, scheme.year - 1]);
  for (const ind of ruleIndicators) years.add(baselineYear(scheme.year, ind));
  const figures = await findValues(db, { orgIds, years: [...years], indicatorIds: ruleIndicators.map((i) => i.id) });
  const byKey = new Map(figures.map((f) => [`${f.orgId}:${f.indicatorId}:${f.year}`, f.value]));
  const values = new Map<number, Map<number, { value: number; baseline?: number }>>();
  for (const org of zoneOrgs) {
    const row = new Map<number, { value: number; baseline?: number }>();
    for (const ind of ruleIndicators) {
      const value = byKey.get(`${org.id}:${ind.id}:${scheme.year}`);
      if (value === undefined) continue;
      const baseline = byKey.get(`${org.id}:${ind.id}:${baselineYear(scheme.year, ind)}`);
      row.set(ind.id, baseline === undefined ? { value } : { value, baseline });
    }
    values.set(org.id, row);
  }
  const inputs = await findInputs(db, orgIds, [scheme.year]);
  const thirdParty = new Map(inputs.filter((i) => i.kind === 'third_party').map((i) => [i.orgId, i.score]));
  const satisfaction = new Map(inputs.filter((i) => i.kind === 'satisfaction').map((i) => [i.orgId, i.score]));
  const counts = await ledgerCountsForAssessment(db, scheme.tenantId, zoneOrgs, scheme.year);
  const ledgerCounts = new Map<number, Record<string, { count: number; itemIds: number[] }>>();
  for (const c of counts) {
    const row = ledgerCounts.get(c.orgId) ?? {};
    row[c.kind] = { count: c.itemIds.length, itemIds: c.itemIds.slice(0, 50) };
    ledgerCounts.set(c.orgId, row);
  }
  const history = await repo.findGradeHistory(db, orgIds, [scheme.year - 1, scheme.year - 2]);
  const grades = new Map<number, Map<number, Grade>>();
  for (const h of history) grades.set(h.orgId, (grades.get(h.orgId) ?? new Map<number, Grade>()).set(h.year, h.grade as Grade));
  const ruleScheme = toRuleScheme({
    year: presented.year,
    zone: presented.zone,
    indicators: presented.indicators.map((l) => ({
      indicatorId: l.indicatorId,
      weight: l.weight,
      method: l.method,
      ...(l.target !== null ? { target: l.target } : {}),
      ...(l.cap !== null ? { cap: l.cap } : {}),
      ...(l.fullMarkChange !== null ? { fullMarkChange: l.fullMarkChange } : {}),
    })),
    thirdPartyWeight: presented.thirdPartyWeight,
    satisfactionWeight: presented.satisfactionWeight,
    deductions: presented.deductions as TSchemeRequest['deductions'],
    ...(presented.maxDeduction !== null ? { maxDeduction: presented.maxDeduction } : {}),
    gradeQuotas: presented.gradeQuotas,
  });
  return {
    input: {
      scheme: ruleScheme,
      indicators: ruleIndicators,
      orgs: zoneOrgs.map((o) => ({ orgId: o.id, name: o.name, zone: o.zone })),
      values,
      thirdParty,
      satisfaction,
      ledgerCounts,
      history: grades,
    },
    orgIds,
  };
}

/** Computes a scheme's results for its whole zone and stores them in place of the earlier ones; answers how many. */
export async function storeResults(tx: Db, scheme: SchemeRow, now: Date, userId: number | null): Promise<number> {
  const { input } = await scoringInput(tx, scheme);
  const run = computeResults(input);
  await repo.replaceResults(
    tx,
    scheme.id,
    run.results.map((r) => ({
      tenantId: scheme.tenantId,
      schemeId: scheme.id,
      orgId: r.orgId,
      year: scheme.year,
      zone: scheme.zone,
      total: r.total,
      rank: r.rank,
      grade: r.grade,
      visibleScore: r.visibleScore,
      latentScore: r.latentScore,
      breakdown: { ...r, of: run.results.length } as unknown as Record<string, unknown>,
      computedAt: now,
      computedBy: userId,
    })),
  );
  return run.results.length;
}
