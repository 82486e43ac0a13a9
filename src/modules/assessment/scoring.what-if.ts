/** What-if: a scheme re-scored with other weights, and how every unit's rank moves. */
import { entriesOf, toHundredths } from './scoring.arithmetic.js';
import { computeResults } from './scoring.results.js';
import type { AssessmentInput, AssessmentRun, Grade, Keyed, Scheme } from './scoring.rules.js';

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
