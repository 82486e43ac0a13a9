/** Last-digit uniformity: invented figures favour some final digits. */
import { chiSquarePValue, chiSquareQuantile, sum } from '../../../platform/stats.js';
import { digitAtPlace, placeDigitOfFloat, toSignificand } from './significand.js';
import { refuse, type IntegrityFlag, type NumericInput, type Refusal } from './types.js';

/** Knobs of the last-digit test. */
export interface LastDigitOptions {
  /** Decimals the figures are reported with: the tested digit is the one in the 10^−decimals place (default 0: units). */
  decimals?: number;
  /** Refuse below this many usable values (default 100, i.e. 10 expected per digit). */
  minCount?: number;
  /** Significance level of the chi-square (default 0.01). */
  alpha?: number;
}

/** Result of the last-digit uniformity test. */
export interface LastDigitResult {
  refused: false;
  n: number;
  /** Counts of digits 0–9. */
  counts: number[];
  /** Expected count per digit, n/10. */
  expected: number;
  chiSquare: number;
  df: 9;
  pValue: number;
  /** The chi-square critical value at `alpha`. */
  critical: number;
  skipped: number;
  flag: IntegrityFlag | null;
}

/**
 * Last-digit uniformity: invented figures favour some final digits (0, 5, "nice" digits). Only values with at least
 * two significant digits above the tested place are used (|v| ≥ 100 for units): by Benford's law the third digit is
 * uniform to within 0.2 percentage points, while a second digit is not (0.120 for 0 down to 0.085 for 9), and a
 * first digit is far from uniform. Negative values use |v|. Flags when the chi-square exceeds the critical value.
 */
export function lastDigitTest(values: Iterable<NumericInput>, opts: LastDigitOptions = {}): LastDigitResult | Refusal {
  const place = -(opts.decimals ?? 0);
  const minCount = opts.minCount ?? 100;
  const alpha = opts.alpha ?? 0.01;
  const counts = new Array<number>(10).fill(0);
  let skipped = 0;
  for (const value of values) {
    if (typeof value === 'number' && value !== 0 && Number.isFinite(value)) {
      const fast = placeDigitOfFloat(Math.abs(value), place);
      if (fast) {
        if (fast.enough) counts[fast.digit] = (counts[fast.digit] ?? 0) + 1;
        else skipped++;
        continue;
      }
    }
    const sig = toSignificand(value);
    if (!sig || sig.exponent - place < 2) {
      skipped++;
      continue;
    }
    const digit = digitAtPlace(sig, place);
    counts[digit] = (counts[digit] ?? 0) + 1;
  }
  const n = sum(counts);
  if (n < minCount) return refuse('integrity.refused.too_few', { check: 'last_digit', n, min: minCount });
  const expected = n / 10;
  const chiSquare = sum(counts.map((c) => (c - expected) ** 2 / expected));
  const pValue = chiSquarePValue(chiSquare, 9);
  const critical = chiSquareQuantile(1 - alpha, 9);
  let flag: IntegrityFlag | null = null;
  if (chiSquare > critical) {
    const top = counts.reduce((best, c, d) => (c > (counts[best] ?? 0) ? d : best), 0);
    flag = {
      check: 'last_digit',
      inputs: { n, counts, expectedPerDigit: expected, decimals: opts.decimals ?? 0, mostFrequentDigit: top, pValue },
      statistic: { name: 'chi_square', value: chiSquare },
      threshold: { op: '>', value: critical },
      alsoHeld: [],
      reason: {
        key: 'integrity.last_digit.not_uniform',
        params: { n, chiSquare, threshold: critical, pValue, alpha, digit: top, share: (counts[top] ?? 0) / n },
      },
    };
  }
  return { refused: false, n, counts, expected, chiSquare, df: 9, pValue, critical, skipped, flag };
}
