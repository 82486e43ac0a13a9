/**
 * Scoring rules of 实绩考核 (real-results assessment of units): pure functions, no I/O, no clock, no randomness.
 *
 * Conventions (every screen and report relies on them):
 * - Money-like arithmetic: weights, sub-scores, contributions and deductions are carried as integer
 *   hundredths of a point, so a breakdown always adds up exactly to its total. Rounding is half away
 *   from zero at two decimals (a 1e-7 tolerance absorbs binary float error: 1.005 → 1.01).
 * - Shares (grade quotas, bottom share) become unit counts by `floor(n × share)`: a share never covers
 *   more units than it says. With 3 units and a 20% excellent quota, floor(0.6) = 0 units are excellent.
 * - Ranks are competition ranks (1, 2, 2, 4) on totals compared in hundredths.
 * - A tie that would overflow a grade's quota drops the whole tie to the next grade that can hold it:
 *   equal totals always get equal grades, and a quota is never exceeded (it may be under-filled).
 */

/** 正向 / 逆向: whether more of the figure is better, so scoring knows which way attainment runs. */
export type Direction = 'higher_better' | 'lower_better';
/** 显绩 / 潜绩: quick, showy results vs. foundational ones, reported apart so latent work is seen. */
export type Visibility = 'visible' | 'latent';
/** How a scheme turns a raw figure into a 0..100 sub-score (target attainment, peer min–max, improvement). */
export type ScoringMethod = 'target' | 'peer_minmax' | 'improvement';
/** 等次, best first; the order is the order quotas are filled in. */
export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
/** One 等次. */
export type Grade = (typeof GRADES)[number];
/** A ledger-derived deduction kind; the named ones are those the schemes use today, others stay open. */
export type DeductionKind = 'fake_achievement' | 'statistical_fraud' | 'red_at_year_end' | 'rebound' | (string & Record<never, never>);

/** 指标: what is measured; shared by every scheme that weighs it. */
export interface Indicator {
  id: number;
  code: string;
  name: string;
  direction: Direction;
  visibility: Visibility;
  /** Latent only: years a latent result takes to show; its improvement is judged against that many years back (0 = the year before). */
  lagYears?: number;
}

/** An indicator as one scheme weighs and scores it. */
export interface SchemeIndicator {
  indicatorId: number;
  /** Points out of 100. */
  weight: number;
  method: ScoringMethod;
  /** Method `target`: the figure that earns the full weight; must be > 0 (attainment is a ratio). */
  target?: number;
  /** Method `target`: attainment cap, ≥ 1 (default 1); 1.2 lets over-achievement earn up to 120% of the weight. */
  cap?: number;
  /** Method `improvement`: the relative change that earns full marks (default 0.10 = 10%). */
  fullMarkChange?: number;
}

/** A deduction the scheme takes for ledger facts (虚假政绩, 统计造假, 年底红灯, 反弹…), capped per rule. */
export interface DeductionRule {
  kind: DeductionKind;
  /** Points taken per counted ledger item. */
  pointsEach: number;
  /** Most points this rule can take from one unit. */
  cap: number;
}

/** Shares of units per grade, best first; `poor` takes the rest. Cumulated from the top before counting. */
export interface GradeQuotas {
  excellent: number;
  good: number;
  fair: number;
}

/** 考核方案: one year's scheme for one 功能区 (差异化考核); weights sum to 100. */
export interface Scheme {
  year: number;
  zone: string;
  indicators: readonly SchemeIndicator[];
  /** 第三方评估 weight, points out of 100. */
  thirdPartyWeight: number;
  /** 群众满意度 weight, points out of 100. */
  satisfactionWeight: number;
  deductions: readonly DeductionRule[];
  /** Most points all deductions together can take from one unit; absent = no overall cap. */
  maxDeduction?: number;
  gradeQuotas: GradeQuotas;
}

/** Message key and parameters, so the UI can say in zh-CN or en why a number is what it is. */
export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

/** A scheme problem naming the field path at fault (e.g. `indicators.3.target`), in the AppError style. */
export interface SchemeError {
  field: string;
  reason: string;
  params: Record<string, string | number>;
}

/** Outcome of validating a scheme: fine, or every problem found (not only the first), so a form can mark them all. */
export type SchemeValidation = { ok: true } | { ok: false; errors: SchemeError[] };

/** A sub-score and why; null when it cannot be computed (e.g. no baseline), with the reason in the explanation. */
export interface SubScore<S extends number | null = number> {
  subScore: S;
  explanation: Explanation;
}

/** Lookup by id given either as a Map or as a plain record, so callers pass what their query returns. */
export type Keyed<V> = ReadonlyMap<number, V> | Readonly<Partial<Record<number, V>>>;

/** A unit's reported figure for one indicator, with the baseline (see `baselineYear`) when it has one. */
export interface IndicatorValue {
  value: number;
  baseline?: number | null;
}

/** Ledger items counted for one deduction kind, kept by id so each deduction can be traced to its items. */
export interface LedgerCount {
  count: number;
  itemIds: readonly number[];
}

/** A unit taking part in the assessment. */
export interface AssessedOrg {
  orgId: number;
  name: string;
  zone: string;
}

/** Everything one year's assessment of a zone needs; gathered by the service, scored here. */
export interface AssessmentInput {
  scheme: Scheme;
  indicators: readonly Indicator[];
  orgs: readonly AssessedOrg[];
  /** orgId → indicatorId → figure. */
  values: Keyed<Keyed<IndicatorValue>>;
  /** orgId → 第三方评估 score 0..100. */
  thirdParty: Keyed<number>;
  /** orgId → 群众满意度 score 0..100. */
  satisfaction: Keyed<number>;
  /** orgId → deduction kind → counted ledger items. */
  ledgerCounts: Keyed<Readonly<Partial<Record<string, LedgerCount>>>>;
  /** orgId → year → grade of earlier assessments. */
  history?: Keyed<Keyed<Grade>>;
}

/** One indicator's line of a unit's breakdown. */
export interface IndicatorLine {
  indicatorId: number;
  code: string;
  name: string;
  rawValue: number | null;
  method: ScoringMethod;
  subScore: number | null;
  weight: number;
  contribution: number;
  visibility: Visibility;
  explanation: Explanation;
}

/** The 第三方评估 or 群众满意度 line of a breakdown. */
export interface InputLine {
  score: number | null;
  weight: number;
  contribution: number;
  explanation: Explanation;
}

/** One deduction rule's line: points after the rule's own cap, and the ledger items behind them. */
export interface DeductionLine {
  kind: DeductionKind;
  count: number;
  pointsEach: number;
  points: number;
  capped: boolean;
  itemIds: readonly number[];
}

/** An indicator line that scored 0 because a figure was missing, so the unit can supply it. */
export interface MissingIndicator {
  indicatorId: number;
  code: string;
  reason: 'no_value' | 'no_baseline' | 'no_target' | 'unknown_indicator';
}

/** A unit's result with a breakdown that adds up exactly to `total`. */
export interface OrgResult {
  orgId: number;
  name: string;
  zone: string;
  year: number;
  /** Sum of the rounded indicator, third-party and satisfaction contributions minus `deductionTotal`. */
  total: number;
  rank: number;
  grade: Grade;
  previousGrade: Grade | null;
  indicatorScore: number;
  visibleScore: number;
  latentScore: number;
  /** Latent contribution / all positive contributions (4 decimals); 0 when nothing is positive. */
  latentShare: number;
  lines: IndicatorLine[];
  thirdParty: InputLine;
  satisfaction: InputLine;
  deductions: DeductionLine[];
  /** Sum of the deduction lines (each already capped by its rule). */
  deductionsBeforeMax: number;
  /** What is actually taken off: `deductionsBeforeMax` limited by `maxDeduction`. */
  deductionTotal: number;
  deductionsCappedByMax: boolean;
  missing: MissingIndicator[];
}

/** One zone's results for a year, best first, with the weight sum the results were computed under. */
export interface AssessmentRun {
  year: number;
  zone: string;
  weightSum: number;
  results: OrgResult[];
  /** Units passed in but outside the scheme's zone: not assessed under this scheme. */
  outOfZone: number[];
}

// ---------------------------------------------------------------- arithmetic

const TOLERANCE = 1e-7;

/** Integer hundredths, half away from zero. */
function toHundredths(x: number): number {
  const h = Math.round(Math.abs(x) * 100 + TOLERANCE);
  return x < 0 ? -h : h;
}

/** Integer a / b rounded half away from zero (b > 0). */
function roundDiv(a: number, b: number): number {
  const q = Math.floor((2 * Math.abs(a) + b) / (2 * b));
  return a < 0 ? -q : q;
}

const fromHundredths = (h: number): number => h / 100;
const round2 = (x: number): number => fromHundredths(toHundredths(x));
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function isMap<V>(keyed: Keyed<V>): keyed is ReadonlyMap<number, V> {
  return keyed instanceof Map;
}

function lookup<V>(keyed: Keyed<V> | undefined, key: number): V | undefined {
  if (keyed === undefined) return undefined;
  return isMap(keyed) ? keyed.get(key) : keyed[key];
}

function entriesOf<V>(keyed: Keyed<V>): [number, V][] {
  if (isMap(keyed)) return [...keyed.entries()];
  const out: [number, V][] = [];
  for (const [key, value] of Object.entries(keyed) as [string, V | undefined][]) if (value !== undefined) out.push([Number(key), value]);
  return out;
}

// ---------------------------------------------------------------- validation

/** Sum of the scheme's weights in points (hundredths-exact), shown live by the what-if UI. */
export function weightSumOf(scheme: Pick<Scheme, 'indicators' | 'thirdPartyWeight' | 'satisfactionWeight'>): number {
  const h =
    scheme.indicators.reduce((sum, line) => sum + toHundredths(line.weight), 0) +
    toHundredths(scheme.thirdPartyWeight) +
    toHundredths(scheme.satisfactionWeight);
  return fromHundredths(h);
}

function hasMoreThanTwoDecimals(x: number): boolean {
  return Math.abs(x * 100 - Math.round(x * 100)) > 1e-6;
}

/**
 * Checks a scheme before it is used: weights (indicators + third party + satisfaction) sum to exactly 100
 * in hundredths, each indicator weight > 0 with at most 2 decimals, no indicator twice, targets present
 * and > 0 (attainment is a ratio, for both directions), caps ≥ 1, sane deductions and quotas.
 */
export function validateWeights(scheme: Scheme, indicators: readonly Indicator[]): SchemeValidation {
  const errors: SchemeError[] = [];
  const known = new Set(indicators.map((indicator) => indicator.id));
  const firstIndex = new Map<number, number>();
  const checkWeight = (field: string, weight: number, mustBePositive: boolean): void => {
    if (!Number.isFinite(weight)) errors.push({ field, reason: 'reason.assessment.weight_invalid', params: {} });
    else if (mustBePositive ? weight <= 0 : weight < 0)
      errors.push({
        field,
        reason: mustBePositive ? 'reason.assessment.weight_not_positive' : 'reason.assessment.weight_negative',
        params: { weight },
      });
    else if (hasMoreThanTwoDecimals(weight))
      errors.push({ field, reason: 'reason.assessment.weight_precision', params: { weight, maxDecimals: 2 } });
  };

  scheme.indicators.forEach((line, i) => {
    const at = `indicators.${i}`;
    if (!known.has(line.indicatorId))
      errors.push({ field: `${at}.indicatorId`, reason: 'reason.assessment.unknown_indicator', params: { indicatorId: line.indicatorId } });
    const first = firstIndex.get(line.indicatorId);
    if (first !== undefined)
      errors.push({
        field: `${at}.indicatorId`,
        reason: 'reason.assessment.duplicate_indicator',
        params: { indicatorId: line.indicatorId, firstIndex: first },
      });
    else firstIndex.set(line.indicatorId, i);
    checkWeight(`${at}.weight`, line.weight, true);
    if (line.method === 'target') {
      if (line.target === undefined || !Number.isFinite(line.target))
        errors.push({ field: `${at}.target`, reason: 'reason.assessment.target_missing', params: {} });
      else if (line.target <= 0)
        errors.push({ field: `${at}.target`, reason: 'reason.assessment.target_not_positive', params: { target: line.target } });
      if (line.cap !== undefined && !(line.cap >= 1))
        errors.push({ field: `${at}.cap`, reason: 'reason.assessment.cap_below_one', params: { cap: line.cap } });
    }
    if (line.method === 'improvement' && line.fullMarkChange !== undefined && !(line.fullMarkChange > 0)) {
      errors.push({
        field: `${at}.fullMarkChange`,
        reason: 'reason.assessment.full_mark_change_not_positive',
        params: { fullMarkChange: line.fullMarkChange },
      });
    }
  });
  checkWeight('thirdPartyWeight', scheme.thirdPartyWeight, false);
  checkWeight('satisfactionWeight', scheme.satisfactionWeight, false);

  const sumH =
    scheme.indicators.reduce((sum, line) => sum + (Number.isFinite(line.weight) ? toHundredths(line.weight) : 0), 0) +
    (Number.isFinite(scheme.thirdPartyWeight) ? toHundredths(scheme.thirdPartyWeight) : 0) +
    (Number.isFinite(scheme.satisfactionWeight) ? toHundredths(scheme.satisfactionWeight) : 0);
  if (sumH !== 10_000)
    errors.push({
      field: 'weights',
      reason: 'reason.assessment.weights_sum',
      params: { sum: fromHundredths(sumH), gap: fromHundredths(10_000 - sumH) },
    });

  const kinds = new Set<string>();
  scheme.deductions.forEach((rule, i) => {
    const at = `deductions.${i}`;
    if (kinds.has(rule.kind))
      errors.push({ field: `${at}.kind`, reason: 'reason.assessment.duplicate_deduction', params: { kind: rule.kind } });
    kinds.add(rule.kind);
    if (!(rule.pointsEach > 0))
      errors.push({ field: `${at}.pointsEach`, reason: 'reason.assessment.points_not_positive', params: { pointsEach: rule.pointsEach } });
    if (!(rule.cap >= 0)) errors.push({ field: `${at}.cap`, reason: 'reason.assessment.cap_negative', params: { cap: rule.cap } });
  });
  if (scheme.maxDeduction !== undefined && !(scheme.maxDeduction >= 0))
    errors.push({ field: 'maxDeduction', reason: 'reason.assessment.cap_negative', params: { cap: scheme.maxDeduction } });

  let quotaBp = 0;
  for (const grade of ['excellent', 'good', 'fair'] as const) {
    const share = scheme.gradeQuotas[grade];
    if (!(share >= 0 && share <= 1))
      errors.push({ field: `gradeQuotas.${grade}`, reason: 'reason.assessment.quota_range', params: { share } });
    else quotaBp += Math.round(share * 10_000);
  }
  if (quotaBp > 10_000) errors.push({ field: 'gradeQuotas', reason: 'reason.assessment.quota_sum', params: { sum: quotaBp / 10_000 } });

  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

// ---------------------------------------------------------------- sub-scores

/**
 * Target attainment: r = value/target (higher_better) or target/value (lower_better; value ≤ 0 earns the
 * full cap — nothing left to reduce); sub-score = 100 × clamp(r, 0, cap), 2 decimals. Target must be > 0.
 */
export function scoreTarget(value: number, target: number, direction: Direction, cap = 1): SubScore {
  const limit = Math.max(1, cap);
  if (direction === 'lower_better' && value <= 0) {
    return {
      subScore: round2(100 * limit),
      explanation: { key: 'assessment.explain.target_nonpositive_value', params: { value, target, cap: limit } },
    };
  }
  const attainment = direction === 'higher_better' ? value / target : target / value;
  const isCapped = attainment > limit;
  return {
    subScore: round2(100 * clamp(attainment, 0, limit)),
    explanation: {
      key: isCapped ? 'assessment.explain.target_capped' : 'assessment.explain.target',
      params: { value, target, attainment: round4(attainment), cap: limit },
    },
  };
}

/** The spread of a zone's figures on one indicator: lowest, highest and how many units have one. */
export interface PeerRange {
  min: number;
  max: number;
  n: number;
}

/** The range of the finite values among `values`, or undefined when there is none. */
export function peerRangeOf(values: Iterable<number>): PeerRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
  }
  return n === 0 ? undefined : { min, max, n };
}

/**
 * Position between the zone's worst and best: (v − min)/(max − min) × 100, reversed for lower_better; `range`
 * covers every unit of the zone with a figure, the scored one included. When all are equal every unit gets 100.
 */
export function scoreInRange(value: number, range: PeerRange, direction: Direction): SubScore {
  const { min, max, n } = range;
  if (max === min) return { subScore: 100, explanation: { key: 'assessment.explain.peer_all_equal', params: { value, peers: n } } };
  const position = direction === 'higher_better' ? (value - min) / (max - min) : (max - value) / (max - min);
  return { subScore: round2(100 * position), explanation: { key: 'assessment.explain.peer', params: { value, min, max, peers: n } } };
}

/** scoreInRange over the unit's own value and its peers' (the other units'). */
export function scorePeerMinMax(value: number, peerValues: readonly number[], direction: Direction): SubScore {
  return scoreInRange(value, peerRangeOf([value, ...peerValues]) ?? { min: value, max: value, n: 1 }, direction);
}

/**
 * Improvement on the baseline: rel = (v − b)/|b| (reversed for lower_better); sub-score =
 * clamp(50 + 50·rel/fullMarkChange, 0, 100): no change earns 50, `fullMarkChange` better earns 100.
 * No baseline → null. A zero baseline: any gain earns 100, any loss 0, no change 50.
 */
export function scoreImprovement(
  value: number,
  baseline: number | null | undefined,
  direction: Direction,
  fullMarkChange = 0.1,
): SubScore<number | null> {
  if (baseline === null || baseline === undefined || !Number.isFinite(baseline)) {
    return { subScore: null, explanation: { key: 'assessment.explain.no_baseline', params: { value } } };
  }
  const gain = direction === 'higher_better' ? value - baseline : baseline - value;
  if (baseline === 0) {
    const subScore = gain > 0 ? 100 : gain < 0 ? 0 : 50;
    return { subScore, explanation: { key: 'assessment.explain.improvement_zero_baseline', params: { value, baseline } } };
  }
  const change = gain / Math.abs(baseline);
  return {
    subScore: round2(clamp(50 + (50 * change) / fullMarkChange, 0, 100)),
    explanation: { key: 'assessment.explain.improvement', params: { value, baseline, change: round4(change), fullMarkChange } },
  };
}

/**
 * The year whose figure is the improvement baseline: the year before, or for a latent indicator with
 * lagYears L ≥ 1, L years before (潜绩 is judged over the years its work takes to show).
 */
export function baselineYear(year: number, indicator: Pick<Indicator, 'visibility' | 'lagYears'>): number {
  const lag =
    indicator.visibility === 'latent' && indicator.lagYears !== undefined && indicator.lagYears >= 1 ? Math.floor(indicator.lagYears) : 1;
  return year - lag;
}

// ---------------------------------------------------------------- ranks and grades

/** A unit's total as ranks and grades see it. */
export interface RankEntry {
  orgId: number;
  total: number;
}

/** Competition ranks (1, 2, 2, 4) by total, highest first; totals compared in hundredths so equal-looking totals tie. */
export function competitionRanks(entries: readonly RankEntry[]): Map<number, number> {
  const sorted = [...entries].sort((a, b) => toHundredths(b.total) - toHundredths(a.total));
  const ranks = new Map<number, number>();
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1];
    const rank =
      previous !== undefined && toHundredths(previous.total) === toHundredths(entry.total) ? (ranks.get(previous.orgId) ?? i + 1) : i + 1;
    ranks.set(entry.orgId, rank);
  });
  return ranks;
}

/**
 * Cumulative unit counts per grade for n units: floor(n × cumulative share), shares taken in basis
 * points so 0.2 + 0.5 + 0.2 is exactly 0.9. `poor` holds everyone (n).
 */
export function quotaCounts(n: number, quotas: GradeQuotas): Record<Grade, number> {
  const bp = (share: number): number => Math.round(clamp(share, 0, 1) * 10_000);
  const excellent = bp(quotas.excellent);
  const good = excellent + bp(quotas.good);
  const fair = good + bp(quotas.fair);
  const count = (cumulativeBp: number): number => Math.floor((n * Math.min(cumulativeBp, 10_000)) / 10_000);
  // Poor is counted from the bottom: its share is what the three grades above leave (10 % by default).
  return { excellent: count(excellent), good: count(good), fair: count(fair), poor: count(Math.max(0, 10_000 - fair)) };
}

/**
 * Grades by quota. From the top: a unit gets the best of excellent/good/fair with (units strictly above + units
 * tied with it) ≤ that grade's cumulative count, so a tie that would overflow a grade drops whole to the next.
 * From the bottom: poor only while (units strictly below + units tied with it) ≤ the poor count, so a unit is
 * never poor merely because its zone is small or all tied; a unit that fits neither is fair.
 */
export function assignGrades(entries: readonly RankEntry[], quotas: GradeQuotas): Map<number, Grade> {
  const n = entries.length;
  const counts = quotaCounts(n, quotas);
  const tied = new Map<number, number>();
  for (const entry of entries) tied.set(toHundredths(entry.total), (tied.get(toHundredths(entry.total)) ?? 0) + 1);
  const ranks = competitionRanks(entries);
  const grades = new Map<number, Grade>();
  for (const entry of entries) {
    const above = (ranks.get(entry.orgId) ?? 1) - 1;
    const withTies = tied.get(toHundredths(entry.total)) ?? 1;
    const below = n - above - withTies;
    const top = (['excellent', 'good', 'fair'] as const).find((grade) => above + withTies <= counts[grade]);
    grades.set(entry.orgId, top ?? (below + withTies <= counts.poor ? 'poor' : 'fair'));
  }
  return grades;
}

// ---------------------------------------------------------------- results

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

// ---------------------------------------------------------------- what-if

/** Weights to try: per indicator (by id) and/or the third-party and satisfaction weights. */
export interface WeightChanges {
  indicatorWeights?: Keyed<number>;
  thirdPartyWeight?: number;
  satisfactionWeight?: number;
}

/** How one unit moves under the tried weights; `rankChange` > 0 means it moved up. */
export interface RankMove {
  orgId: number;
  rankBefore: number;
  rankAfter: number;
  rankChange: number;
  totalBefore: number;
  totalAfter: number;
  gradeBefore: Grade;
  gradeAfter: Grade;
}

/** What-if outcome: results under the tried weights and how every unit moved. */
export interface WhatIfResult {
  /** Sum of the tried weights; the UI shows it live and it need not be 100. */
  weightSum: number;
  isWeightSumValid: boolean;
  run: AssessmentRun;
  moves: RankMove[];
  /** Indicator ids in the changes that the scheme does not weigh: ignored, reported so the UI can say so. */
  ignoredIndicatorIds: number[];
}

/**
 * Re-scores with other weights so a scheme can be tuned before it is adopted: weights need not sum to
 * 100 (`weightSum` says what they sum to); negative weights count as 0. Ranks move against the original run.
 */
export function whatIf(input: AssessmentInput, changes: WeightChanges): WhatIfResult {
  const tried = new Map(changes.indicatorWeights === undefined ? [] : entriesOf(changes.indicatorWeights));
  const weighed = new Set(input.scheme.indicators.map((line) => line.indicatorId));
  const scheme: Scheme = {
    ...input.scheme,
    indicators: input.scheme.indicators.map((line) => {
      const weight = tried.get(line.indicatorId);
      return weight === undefined ? line : { ...line, weight: Math.max(0, weight) };
    }),
    thirdPartyWeight: Math.max(0, changes.thirdPartyWeight ?? input.scheme.thirdPartyWeight),
    satisfactionWeight: Math.max(0, changes.satisfactionWeight ?? input.scheme.satisfactionWeight),
  };
  const before = computeResults(input);
  const run = computeResults({ ...input, scheme });
  const beforeById = new Map(before.results.map((result) => [result.orgId, result]));
  const moves: RankMove[] = run.results.map((after) => {
    const was = beforeById.get(after.orgId) ?? after;
    return {
      orgId: after.orgId,
      rankBefore: was.rank,
      rankAfter: after.rank,
      rankChange: was.rank - after.rank,
      totalBefore: was.total,
      totalAfter: after.total,
      gradeBefore: was.grade,
      gradeAfter: after.grade,
    };
  });
  return {
    weightSum: run.weightSum,
    isWeightSumValid: toHundredths(run.weightSum) === 10_000,
    run,
    moves,
    ignoredIndicatorIds: [...tried.keys()].filter((id) => !weighed.has(id)).sort((a, b) => a - b),
  };
}

// ---------------------------------------------------------------- result use

/** How 结果运用 picks units; defaults: bottom = last rank, 1 serious open problem, 3 excellent years. */
export interface ResultUseOptions {
  /** `last_rank`: the last rank of the zone (a tie for last is all last); `bottom_share`: the bottom `bottomShare` of the zone. */
  bottom?: 'last_rank' | 'bottom_share';
  /** Share for `bottom_share` (default 0.1), counted as floor(n × share) units; a tie straddling the line stays out. */
  bottomShare?: number;
  /** Serious open problems needed for 约谈 (default 1). */
  minSeriousOpen?: number;
  /** Consecutive excellent years needed for 优先使用, ending with the current year (default 3). */
  priorityYears?: number;
}

/** A unit picked for a use, with why. */
export interface ResultUsePick {
  orgId: number;
  reason: Explanation;
}

/** 结果运用: who is 优先使用 and who is 约谈. */
export interface ResultUse {
  priorityUse: ResultUsePick[];
  admonition: ResultUsePick[];
}

/**
 * 结果运用: 连续三年优秀优先使用 (excellent in the current year and the years before) and
 * 排名靠后且问题突出约谈 (bottom of its zone AND at least N serious open problems).
 * The current year's grade comes from `results` when the unit is there, else from the history.
 */
export function resultUse(
  orgGradesByYear: Keyed<Keyed<Grade>>,
  currentYear: number,
  results: readonly Pick<OrgResult, 'orgId' | 'zone' | 'rank' | 'grade'>[],
  openSerious: Keyed<number>,
  opts: ResultUseOptions = {},
): ResultUse {
  const years = Math.max(1, opts.priorityYears ?? 3);
  const minSerious = opts.minSeriousOpen ?? 1;
  const bottom = opts.bottom ?? 'last_rank';
  const bottomShareBp = Math.round(clamp(opts.bottomShare ?? 0.1, 0, 1) * 10_000);
  const resultById = new Map(results.map((result) => [result.orgId, result]));
  const candidates = new Set([...results.map((result) => result.orgId), ...entriesOf(orgGradesByYear).map(([orgId]) => orgId)]);

  const priorityUse: ResultUsePick[] = [];
  const spanned = Array.from({ length: years }, (_, i) => currentYear - years + 1 + i);
  for (const orgId of [...candidates].sort((a, b) => a - b)) {
    const history = lookup(orgGradesByYear, orgId);
    const gradeIn = (year: number): Grade | undefined =>
      year === currentYear ? (resultById.get(orgId)?.grade ?? lookup(history, year)) : lookup(history, year);
    if (spanned.every((year) => gradeIn(year) === 'excellent')) {
      priorityUse.push({ orgId, reason: { key: 'assessment.use.priority', params: { years: spanned.join(','), count: years } } });
    }
  }

  const zoneSize = new Map<string, number>();
  const lastRank = new Map<string, number>();
  for (const result of results) {
    zoneSize.set(result.zone, (zoneSize.get(result.zone) ?? 0) + 1);
    lastRank.set(result.zone, Math.max(lastRank.get(result.zone) ?? 0, result.rank));
  }
  const admonition: ResultUsePick[] = [];
  for (const result of [...results].sort((a, b) => a.orgId - b.orgId)) {
    const n = zoneSize.get(result.zone) ?? 0;
    const isBottom =
      bottom === 'last_rank'
        ? result.rank === lastRank.get(result.zone)
        : (() => {
            const k = Math.floor((n * bottomShareBp) / 10_000);
            return k > 0 && result.rank - 1 >= n - k;
          })();
    const serious = lookup(openSerious, result.orgId) ?? 0;
    if (isBottom && serious >= minSerious) {
      admonition.push({
        orgId: result.orgId,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: bottom, rank: result.rank, zoneSize: n, openSerious: serious, minSeriousOpen: minSerious },
        },
      });
    }
  }
  return { priorityUse, admonition };
}
