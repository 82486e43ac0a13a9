/** Benford's law on reported figures (Nigrini's first, second and first-two digits tests). */
import { chiSquarePValue, mean, sum } from '../../../platform/stats.js';
import { compareAbs, leadingDigits, leadingDigitsOfFloat, log10Abs, toSignificand } from './significand.js';
import { refuse, type IntegrityCheck, type IntegrityFlag, type NumericInput, type Refusal } from './types.js';

/** Which digits Benford's law is tested on (Nigrini's first, second and first-two digits tests). */
export type BenfordDigitTest = 'first' | 'second' | 'first-two';

/** Digit ranges of each test, so counts are indexed from the first digit tested. */
export const BENFORD_DIGITS: Readonly<Record<BenfordDigitTest, { from: number; to: number }>> = {
  first: { from: 1, to: 9 },
  second: { from: 0, to: 9 },
  'first-two': { from: 10, to: 99 },
};

/** Exact Benford probabilities: log10(1 + 1/d) for first and first-two digits, Σₖ log10(1 + 1/(10k + d)) for second. */
export function benfordExpected(test: BenfordDigitTest): number[] {
  const { from, to } = BENFORD_DIGITS[test];
  const probabilities: number[] = [];
  for (let d = from; d <= to; d++) {
    if (test === 'second') {
      let p = 0;
      for (let k = 1; k <= 9; k++) p += Math.log10(1 + 1 / (10 * k + d));
      probabilities.push(p);
    } else probabilities.push(Math.log10(1 + 1 / d));
  }
  return probabilities;
}

/** The tested digit(s) of a figure (first: 1–9, second: 0–9, first-two: 10–99), or null for zero or non-numbers. */
export function benfordDigit(value: NumericInput, test: BenfordDigitTest): number | null {
  const sig = toSignificand(value);
  if (!sig) return null;
  if (test === 'first') return leadingDigits(sig, 1);
  const two = leadingDigits(sig, 2);
  return test === 'second' ? two % 10 : two;
}

/** Nigrini's MAD bands (close / acceptable / marginal upper limits), so the conformity verdict can be quoted. */
export const BENFORD_MAD_LIMITS: Readonly<Record<BenfordDigitTest, { close: number; acceptable: number; marginal: number }>> = {
  first: { close: 0.006, acceptable: 0.012, marginal: 0.015 },
  second: { close: 0.008, acceptable: 0.01, marginal: 0.012 },
  'first-two': { close: 0.0012, acceptable: 0.0018, marginal: 0.0022 },
};

/** Nigrini's conformity bands for the mean absolute deviation. */
export type BenfordConformity = 'close' | 'acceptable' | 'marginal' | 'nonconformity';

/**
 * The conformity band of a MAD. Nigrini's ranges share their end points ("0.006 to 0.012"); each limit belongs
 * to the lower, more lenient band (MAD ≤ 0.006 is close, > 0.015 is nonconformity for first digits), since a flag
 * should need the data to be strictly past the line.
 */
export function madConformity(mad: number, test: BenfordDigitTest): BenfordConformity {
  const limits = BENFORD_MAD_LIMITS[test];
  if (mad <= limits.close) return 'close';
  if (mad <= limits.acceptable) return 'acceptable';
  if (mad <= limits.marginal) return 'marginal';
  return 'nonconformity';
}

/** Minimum sample sizes per test (first-two has 90 cells and needs more data), overridable in the options. */
export const BENFORD_MIN_COUNT: Readonly<Record<BenfordDigitTest, number>> = { first: 100, second: 100, 'first-two': 300 };

/** Knobs of the Benford test; defaults follow Nigrini. */
export interface BenfordOptions {
  /** Refuse below this many usable values (default BENFORD_MIN_COUNT[test]). */
  minCount?: number;
  /** Refuse when log10(max/min) of the usable values is below this (default 2): Benford needs data spanning orders of magnitude. */
  minOrdersOfMagnitude?: number;
  /**
   * Skip values with |v| below this. Default 10 for 'second' and 'first-two' (Nigrini: those tests use values ≥ 10,
   * because in reported data a single-digit figure's "second digit" is a padding zero, not a measured digit), 0 for 'first'.
   */
  minAbsValue?: number;
}

/** The full Benford result, with every number a reviewer needs to redo the test. */
export interface BenfordResult {
  refused: false;
  test: BenfordDigitTest;
  /** Number of values tested. */
  n: number;
  /** Counts per digit; index 0 is digit 1 (first), 0 (second) or 10 (first-two). */
  counts: number[];
  /** Expected counts n·p₀. */
  expected: number[];
  proportions: number[];
  expectedProportions: number[];
  /** Mean absolute deviation of proportions, Nigrini's main conformity measure (chi-square is over-powered at large n). */
  mad: number;
  conformity: BenfordConformity;
  chiSquare: number;
  df: number;
  pValue: number;
  /** Signed z per digit: + over-represented, − under-represented (see `benfordZ`). */
  z: number[];
  /** Values not tested: zero, non-finite, non-numeric, or below `minAbsValue`. */
  skipped: number;
  /** Raised on nonconformity only. */
  flag: IntegrityFlag | null;
}

/**
 * Nigrini's per-digit z = (|p − p₀| − 1/(2n)) / √(p₀(1 − p₀)/n), signed by p − p₀. The continuity correction
 * 1/(2n) is applied only when it is smaller than |p − p₀|, so it never flips the sign.
 */
export function benfordZ(p: number, p0: number, n: number): number {
  const diff = Math.abs(p - p0);
  const correction = 1 / (2 * n);
  const corrected = correction < diff ? diff - correction : diff;
  return (Math.sign(p - p0) * corrected) / Math.sqrt((p0 * (1 - p0)) / n);
}

const BENFORD_CHECK: Record<BenfordDigitTest, IntegrityCheck> = {
  first: 'benford.first',
  second: 'benford.second',
  'first-two': 'benford.first_two',
};

/** Benford's law on a set of reported figures: MAD conformity (flagged on nonconformity), chi-square and per-digit z. */
export function benfordTest(values: Iterable<NumericInput>, test: BenfordDigitTest, opts: BenfordOptions = {}): BenfordResult | Refusal {
  const { from, to } = BENFORD_DIGITS[test];
  const minCount = opts.minCount ?? BENFORD_MIN_COUNT[test];
  const minOrders = opts.minOrdersOfMagnitude ?? 2;
  const minAbs = opts.minAbsValue ?? (test === 'first' ? 0 : 10);
  const floor = minAbs > 0 ? toSignificand(minAbs) : null;
  const counts = new Array<number>(to - from + 1).fill(0);
  let skipped = 0;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  const count = test === 'first' ? 1 : 2;
  for (const value of values) {
    // Fast path: a float's digits straight from its value (the same digits its text gives; see leadingDigitsOfFloat).
    if (typeof value === 'number' && value !== 0 && Number.isFinite(value)) {
      const a = Math.abs(value);
      const lead = leadingDigitsOfFloat(a, count);
      if (lead !== undefined) {
        // Comparing floats orders them as their shortest texts do, so this is the text's `< minAbs`.
        if (a < minAbs) {
          skipped++;
          continue;
        }
        const digit = test === 'second' ? lead % 10 : lead;
        counts[digit - from] = (counts[digit - from] ?? 0) + 1;
        const magnitude = Math.log10(a);
        if (magnitude < lowest) lowest = magnitude;
        if (magnitude > highest) highest = magnitude;
        continue;
      }
    }
    const sig = toSignificand(value);
    if (!sig || (floor && compareAbs(sig, floor) < 0)) {
      skipped++;
      continue;
    }
    const digit = test === 'first' ? leadingDigits(sig, 1) : test === 'second' ? leadingDigits(sig, 2) % 10 : leadingDigits(sig, 2);
    counts[digit - from] = (counts[digit - from] ?? 0) + 1;
    const magnitude = log10Abs(sig);
    lowest = Math.min(lowest, magnitude);
    highest = Math.max(highest, magnitude);
  }
  const n = sum(counts);
  const check = BENFORD_CHECK[test];
  if (n < minCount) return refuse('integrity.refused.too_few', { check, n, min: minCount });
  const orders = highest - lowest;
  if (orders < minOrders) return refuse('integrity.refused.narrow_range', { check, n, orders, min: minOrders });

  const expectedProportions = benfordExpected(test);
  const proportions = counts.map((c) => c / n);
  const expected = expectedProportions.map((p) => p * n);
  const mad = mean(proportions.map((p, i) => Math.abs(p - (expectedProportions[i] ?? 0))));
  const chiSquare = sum(counts.map((c, i) => (c - (expected[i] ?? 0)) ** 2 / (expected[i] ?? 1)));
  const df = counts.length - 1;
  const pValue = chiSquarePValue(chiSquare, df);
  const z = proportions.map((p, i) => benfordZ(p, expectedProportions[i] ?? 0, n));
  const conformity = madConformity(mad, test);
  let flag: IntegrityFlag | null = null;
  if (conformity === 'nonconformity') {
    // The digits most in excess (z > 1.96), strongest first: what a reviewer should pull the records of.
    const excess = z
      .map((zi, i) => ({ digit: i + from, count: counts[i] ?? 0, expected: expected[i] ?? 0, z: zi }))
      .filter((d) => d.z > 1.96)
      .sort((a, b) => b.z - a.z)
      .slice(0, 5);
    const limit = BENFORD_MAD_LIMITS[test].marginal;
    flag = {
      check,
      inputs: { test, n, counts, expected, excessDigits: excess, chiSquare, pValue },
      statistic: { name: 'mad', value: mad },
      threshold: { op: '>', value: limit },
      alsoHeld: [],
      reason: {
        key: 'integrity.benford.nonconformity',
        params: { test, n, mad, threshold: limit, digits: excess.map((d) => d.digit).join(', ') },
      },
    };
  }
  return {
    refused: false,
    test,
    n,
    counts,
    expected,
    proportions,
    expectedProportions,
    mad,
    conformity,
    chiSquare,
    df,
    pValue,
    z,
    skipped,
    flag,
  };
}
