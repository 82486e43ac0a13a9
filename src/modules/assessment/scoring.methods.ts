/** The scoring methods: how a scheme turns one raw figure into a 0..100 sub-score, and why. */
import { clamp, round2, round4 } from './scoring.arithmetic.js';
import type { Direction, Indicator, SubScore } from './scoring.rules.js';

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
