import { GRADES } from './assessment.values.js';

export { GRADES };
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
 *
 * This file holds the vocabulary (the types and GRADES) and re-exports the rules, which live one part a file:
 * scoring.validation (schemes), .methods (sub-scores), .grades (ranks and quotas), .results (the explained breakdown),
 * .what-if and .result-use.
 */

/** 正向 / 逆向: whether more of the figure is better, so scoring knows which way attainment runs. */
export type Direction = 'higher_better' | 'lower_better';
/** 显绩 / 潜绩: quick, showy results vs. foundational ones, reported apart so latent work is seen. */
export type Visibility = 'visible' | 'latent';
/** How a scheme turns a raw figure into a 0..100 sub-score (target attainment, peer min–max, improvement). */
export type ScoringMethod = 'target' | 'peer_minmax' | 'improvement';
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

// The rules themselves, one file per part; import them from here.
export { validateWeights, weightSumOf } from './scoring.validation.js';
export {
  baselineYear,
  peerRangeOf,
  scoreImprovement,
  scoreInRange,
  scorePeerMinMax,
  scoreTarget,
  type PeerRange,
} from './scoring.methods.js';
export { assignGrades, competitionRanks, quotaCounts, type RankEntry } from './scoring.grades.js';
export { computeResults } from './scoring.results.js';
export { whatIf, type RankMove, type WeightChanges, type WhatIfResult } from './scoring.what-if.js';
export { resultUse, type ResultUse, type ResultUseOptions, type ResultUsePick } from './scoring.result-use.js';
