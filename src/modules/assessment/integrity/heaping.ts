/** Round-number heaping: estimated or invented figures cluster on round values. */
import { binomialUpperTail } from '../../../platform/stats.js';
import { compareAbs, toSignificand } from './significand.js';
import { refuse, type IntegrityFlag, type NumericInput, type Refusal } from './types.js';

/** Knobs of the round-number heaping test. */
export interface HeapingOptions {
  /** Round means a multiple of this many units of the last reported place: 10, 100, 1000, or 5 for "ends in 0 or 5". */
  multiple: number;
  /** Decimals the figures are reported with (default 0); a value with more decimals is counted as not round. */
  decimals?: number;
  /**
   * Values below this (in units of the last place) are skipped; default 10^(⌈log10 multiple⌉ + 1): 100 for 5 and 10,
   * 1000 for 100, 10000 for 1000, so the trailing digits tested lie at the third significant digit or beyond.
   */
  minAbsValue?: number;
  /** Flag when the one-sided binomial z exceeds this (default 3). */
  zThreshold?: number;
  /** Refuse below this many usable values (default 50). */
  minCount?: number;
  /** Refuse when fewer round values than this are expected (default 5, the usual floor for the normal approximation). */
  minExpected?: number;
}

/** Result of the round-number heaping test. */
export interface HeapingResult {
  refused: false;
  n: number;
  roundCount: number;
  share: number;
  expectedShare: number;
  /** One-sided binomial z (normal approximation) for an excess of round values. */
  z: number;
  /** The exact one-sided binomial p-value, for reference. */
  pValue: number;
  skipped: number;
  flag: IntegrityFlag | null;
}

/**
 * Round-number heaping: estimated or invented figures cluster on round values. Compares the share of multiples of
 * `multiple` with 1/multiple (uniform trailing digits) by a one-sided binomial z-test. Refuses when fewer than
 * `minExpected` (5) round values are expected, where the normal approximation is not trustworthy.
 */
export function roundNumberHeaping(values: Iterable<NumericInput>, opts: HeapingOptions): HeapingResult | Refusal {
  const { multiple } = opts;
  if (!Number.isInteger(multiple) || multiple < 2) throw new RangeError(`multiple must be an integer ≥ 2 (got ${multiple})`);
  const decimals = opts.decimals ?? 0;
  const minAbs = opts.minAbsValue ?? 10 ** (Math.ceil(Math.log10(multiple)) + 1);
  const floor = toSignificand(minAbs);
  const zThreshold = opts.zThreshold ?? 3;
  const minCount = opts.minCount ?? 50;
  const minExpected = opts.minExpected ?? 5;
  const bigMultiple = BigInt(multiple);
  let n = 0;
  let roundCount = 0;
  let skipped = 0;
  for (const value of values) {
    const sig = toSignificand(value);
    const scaled = sig && { ...sig, exponent: sig.exponent + decimals };
    if (!scaled || (floor && compareAbs(scaled, floor) < 0)) {
      skipped++;
      continue;
    }
    n++;
    const shift = scaled.exponent - (scaled.digits.length - 1);
    if (shift >= 0 && (BigInt(scaled.digits) * 10n ** BigInt(shift)) % bigMultiple === 0n) roundCount++;
  }
  const expectedShare = 1 / multiple;
  if (n < minCount) return refuse('integrity.refused.too_few', { check: 'heaping', n, min: minCount });
  if (n * expectedShare < minExpected)
    return refuse('integrity.refused.too_few_expected', { check: 'heaping', n, expected: n * expectedShare, min: minExpected });
  const share = roundCount / n;
  const z = (roundCount - n * expectedShare) / Math.sqrt(n * expectedShare * (1 - expectedShare));
  const pValue = binomialUpperTail(roundCount, n, expectedShare);
  const flag: IntegrityFlag | null =
    z > zThreshold
      ? {
          check: 'heaping',
          inputs: { n, multiple, decimals, roundCount, share, expectedShare, pValue },
          statistic: { name: 'z', value: z },
          threshold: { op: '>', value: zThreshold },
          alsoHeld: [],
          reason: { key: 'integrity.heaping.excess', params: { multiple, n, roundCount, share, expectedShare, z, threshold: zThreshold } },
        }
      : null;
  return { refused: false, n, roundCount, share, expectedShare, z, pValue, skipped, flag };
}
