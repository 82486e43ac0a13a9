/**
 * Results with their breakdown: every unit's lines, third party, satisfaction and deductions, each explained, adding
 * up exactly to its total; then ranks and grades for the zone.
 */
import { clamp, fromHundredths, lookup, round2, round4, roundDiv, toHundredths } from './scoring.arithmetic.js';
import { assignGrades, competitionRanks } from './scoring.grades.js';
import { baselineYear, peerRangeOf, scoreImprovement, scoreInRange, scoreTarget, type PeerRange } from './scoring.methods.js';
import type {
  AssessedOrg,
  AssessmentInput,
  AssessmentRun,
  DeductionLine,
  Explanation,
  Indicator,
  IndicatorLine,
  IndicatorValue,
  InputLine,
  MissingIndicator,
  OrgResult,
  SchemeIndicator,
} from './scoring.rules.js';
import { weightSumOf } from './scoring.validation.js';

interface ScoredUnit extends Omit<OrgResult, 'rank' | 'grade'> {
  totalH: number;
}

function scoreLine(
  line: SchemeIndicator,
  indicator: Indicator | undefined,
  figure: IndicatorValue | undefined,
  range: PeerRange | undefined,
  year: number,
): { subScore: number | null; explanation: Explanation; missing: MissingIndicator['reason'] | null } {
  if (indicator === undefined)
    return {
      subScore: null,
      explanation: { key: 'assessment.explain.unknown_indicator', params: { indicatorId: line.indicatorId } },
      missing: 'unknown_indicator',
    };
  if (figure === undefined || !Number.isFinite(figure.value))
    return { subScore: null, explanation: { key: 'assessment.explain.no_value', params: { code: indicator.code } }, missing: 'no_value' };
  const value = figure.value;
  if (line.method === 'target') {
    if (line.target === undefined || !(line.target > 0))
      return {
        subScore: null,
        explanation: { key: 'assessment.explain.no_target', params: { code: indicator.code } },
        missing: 'no_target',
      };
    return { ...scoreTarget(value, line.target, indicator.direction, line.cap ?? 1), missing: null };
  }
  if (line.method === 'peer_minmax')
    return { ...scoreInRange(value, range ?? { min: value, max: value, n: 1 }, indicator.direction), missing: null };
  const scored = scoreImprovement(value, figure.baseline, indicator.direction, line.fullMarkChange ?? 0.1);
  const explanation = {
    key: scored.explanation.key,
    params: { ...scored.explanation.params, baselineYear: baselineYear(year, indicator) },
  };
  return { subScore: scored.subScore, explanation, missing: scored.subScore === null ? 'no_baseline' : null };
}

function contributionH(subScore: number | null, weight: number): number {
  if (subScore === null) return 0;
  return roundDiv(toHundredths(subScore) * toHundredths(Math.max(0, weight)), 10_000);
}

function inputLine(score: number | undefined, weight: number, what: 'third_party' | 'satisfaction'): { line: InputLine; h: number } {
  if (score === undefined || !Number.isFinite(score)) {
    return { line: { score: null, weight, contribution: 0, explanation: { key: `assessment.explain.no_${what}`, params: {} } }, h: 0 };
  }
  const clamped = round2(clamp(score, 0, 100));
  const h = contributionH(clamped, weight);
  return {
    line: {
      score: clamped,
      weight,
      contribution: fromHundredths(h),
      explanation: { key: `assessment.explain.${what}`, params: { score: clamped, given: score } },
    },
    h,
  };
}

function scoreUnit(
  input: AssessmentInput,
  org: AssessedOrg,
  rangeByIndicator: ReadonlyMap<number, PeerRange | undefined>,
  indicatorsById: ReadonlyMap<number, Indicator>,
): ScoredUnit {
  const { scheme } = input;
  const figures = lookup(input.values, org.orgId);
  const lines: IndicatorLine[] = [];
  const missing: MissingIndicator[] = [];
  let visibleH = 0;
  let latentH = 0;
  let positiveH = 0;
  for (const line of scheme.indicators) {
    const indicator = indicatorsById.get(line.indicatorId);
    const figure = lookup(figures, line.indicatorId);
    const scored = scoreLine(line, indicator, figure, rangeByIndicator.get(line.indicatorId), scheme.year);
    const h = contributionH(scored.subScore, line.weight);
    const visibility = indicator?.visibility ?? 'visible';
    if (visibility === 'latent') latentH += h;
    else visibleH += h;
    if (h > 0) positiveH += h;
    if (scored.missing !== null) missing.push({ indicatorId: line.indicatorId, code: indicator?.code ?? '', reason: scored.missing });
    lines.push({
      indicatorId: line.indicatorId,
      code: indicator?.code ?? '',
      name: indicator?.name ?? '',
      rawValue: figure !== undefined && Number.isFinite(figure.value) ? figure.value : null,
      method: line.method,
      subScore: scored.subScore,
      weight: line.weight,
      contribution: fromHundredths(h),
      visibility,
      explanation: scored.explanation,
    });
  }
  const thirdParty = inputLine(lookup(input.thirdParty, org.orgId), scheme.thirdPartyWeight, 'third_party');
  const satisfaction = inputLine(lookup(input.satisfaction, org.orgId), scheme.satisfactionWeight, 'satisfaction');
  for (const h of [thirdParty.h, satisfaction.h]) if (h > 0) positiveH += h;

  const counts = lookup(input.ledgerCounts, org.orgId) ?? {};
  const deductions: DeductionLine[] = [];
  let deductionsH = 0;
  for (const rule of scheme.deductions) {
    const counted = counts[rule.kind];
    if (counted === undefined || counted.count <= 0) continue;
    const rawH = toHundredths(rule.pointsEach) * counted.count;
    const capH = toHundredths(rule.cap);
    const pointsH = Math.min(rawH, capH);
    deductionsH += pointsH;
    deductions.push({
      kind: rule.kind,
      count: counted.count,
      pointsEach: rule.pointsEach,
      points: fromHundredths(pointsH),
      capped: rawH > capH,
      itemIds: counted.itemIds,
    });
  }
  const maxH = scheme.maxDeduction === undefined ? Number.POSITIVE_INFINITY : toHundredths(scheme.maxDeduction);
  const deductionH = Math.min(deductionsH, maxH);

  const indicatorH = visibleH + latentH;
  const totalH = indicatorH + thirdParty.h + satisfaction.h - deductionH;
  const previous = lookup(lookup(input.history, org.orgId), scheme.year - 1);
  return {
    orgId: org.orgId,
    name: org.name,
    zone: org.zone,
    year: scheme.year,
    total: fromHundredths(totalH),
    totalH,
    previousGrade: previous ?? null,
    indicatorScore: fromHundredths(indicatorH),
    visibleScore: fromHundredths(visibleH),
    latentScore: fromHundredths(latentH),
    latentShare: positiveH === 0 ? 0 : round4(Math.max(0, latentH) / positiveH),
    lines,
    thirdParty: thirdParty.line,
    satisfaction: satisfaction.line,
    deductions,
    deductionsBeforeMax: fromHundredths(deductionsH),
    deductionTotal: fromHundredths(deductionH),
    deductionsCappedByMax: deductionsH > maxH,
    missing,
  };
}

/**
 * Scores every unit of the scheme's zone: per-indicator lines, third party, satisfaction, deductions
 * (per-rule cap, then `maxDeduction` on their sum), total, competition rank and grade by quota.
 * Does not require the weights to sum to 100 (the what-if relies on that); `weightSum` says what they sum to.
 * A missing figure scores 0 on its line and is listed in `missing`. The total may go below 0 through deductions.
 */
export function computeResults(input: AssessmentInput): AssessmentRun {
  const { scheme } = input;
  const inZone = input.orgs.filter((org) => org.zone === scheme.zone);
  // Each indicator's spread over the zone, once: every unit's figure, its own included.
  const rangeByIndicator = new Map<number, PeerRange | undefined>();
  for (const line of scheme.indicators) {
    rangeByIndicator.set(
      line.indicatorId,
      peerRangeOf(inZone.map((org) => lookup(lookup(input.values, org.orgId), line.indicatorId)?.value ?? Number.NaN)),
    );
  }
  const indicatorsById = new Map(input.indicators.map((indicator) => [indicator.id, indicator]));
  const scored = inZone.map((org) => scoreUnit(input, org, rangeByIndicator, indicatorsById));
  const entries = scored.map((unit) => ({ orgId: unit.orgId, total: unit.total }));
  const ranks = competitionRanks(entries);
  const grades = assignGrades(entries, scheme.gradeQuotas);
  const results: OrgResult[] = scored
    .map(({ totalH: _totalH, ...unit }) => ({ ...unit, rank: ranks.get(unit.orgId) ?? 1, grade: grades.get(unit.orgId) ?? 'poor' }))
    .sort((a, b) => a.rank - b.rank || a.orgId - b.orgId);
  return {
    year: scheme.year,
    zone: scheme.zone,
    weightSum: weightSumOf(scheme),
    results,
    outOfZone: input.orgs.filter((org) => org.zone !== scheme.zone).map((org) => org.orgId),
  };
}
