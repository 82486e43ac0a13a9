/** Bunching just past a target line: figures nudged across the threshold that earns the points. */
import { binomialUpperTail } from '../../../platform/stats.js';
import { refuse, type IntegrityFlag, type Refusal } from './types.js';

/** Knobs of the bunching test. */
export interface BunchingOptions {
  /** Half-width h of each window; keep it small against the density's curvature. It is narrowed to fit `range`. */
  bandwidth: number;
  /**
   * Which side meets the target: 'above' (value ≥ cutoff, e.g. growth ≥ 6.5%; default) tests [c, c+h) against
   * [c−h, c); 'below' (value ≤ cutoff, e.g. an energy-intensity cap) tests (c−h, c] against (c, c+h].
   */
  side?: 'above' | 'below';
  /**
   * The values' possible range (a share cannot pass 100): the four windows [c−2h, c+2h] must fit inside it, or a
   * density cut off by the bound would look like a pile-up. The bandwidth is narrowed until they do.
   */
  range?: { min?: number; max?: number };
  /** Significance level of the exact binomial test (default 0.01). */
  alpha?: number;
  /** Minimum excess of the near-window ratio over the ratio the density's slope explains (default 1.5). */
  minRatio?: number;
  /** Refuse with fewer values than this in the two near windows (default 20). */
  minWindowCount?: number;
  /**
   * Refuse with fewer values than this on the side that falls short, near and far windows together (default 5):
   * where almost nobody falls short of the line there is nothing to push across it, and the slope is unknowable.
   */
  minShortCount?: number;
}

/** Result of the bunching test. */
export interface BunchingResult {
  refused: false;
  /** The bandwidth used (narrowed to fit the range). */
  bandwidth: number;
  /** Count in the near window below the cutoff. */
  below: number;
  /** Count in the near window above the cutoff. */
  above: number;
  /** Counts in the far windows [c−2h, c−h) and [c+h, c+2h) (ends as for the near windows). */
  farBelow: number;
  farAbove: number;
  /** Target side over the other side (above/below by default); null when the other side is empty. */
  ratio: number | null;
  /** The near-window ratio the density's own slope predicts, from the far windows (1 on a flat density). */
  slopeRatio: number;
  /** Share of the near windows expected on the target side under that slope: slopeRatio / (1 + slopeRatio). */
  expectedShare: number;
  /** Exact one-sided binomial p-value of so many on the target side, P(X ≥ target | n, expectedShare). */
  pValue: number;
  flag: IntegrityFlag | null;
}

/**
 * Bunching just past a target line. Four windows of width h: far and near below the cutoff, near and far above.
 * A smooth density is taken as log-linear across them (a geometric progression of counts), so its slope is read
 * off the far windows, which nudged figures do not touch: the near-window ratio it predicts is
 * r = ((farTarget + ½) / (farOther + ½))^(1/3). Under no manipulation the target-side share of the near windows is
 * r / (1 + r); an excess is tested exactly (binomial) and must also be `minRatio` times what the slope explains.
 * On a flat density r = 1 and this is the plain half-and-half comparison.
 */
export function bunchingTest(values: readonly number[], cutoff: number, opts: BunchingOptions): BunchingResult | Refusal {
  if (!(opts.bandwidth > 0) || !Number.isFinite(cutoff))
    throw new RangeError(`bunching needs a finite cutoff and bandwidth > 0 (got ${cutoff}, ${opts.bandwidth})`);
  const side = opts.side ?? 'above';
  const alpha = opts.alpha ?? 0.01;
  const minRatio = opts.minRatio ?? 1.5;
  const minWindowCount = opts.minWindowCount ?? 20;
  const minShortCount = opts.minShortCount ?? 5;
  const room = Math.min(
    opts.range?.max !== undefined ? (opts.range.max - cutoff) / 2 : Infinity,
    opts.range?.min !== undefined ? (cutoff - opts.range.min) / 2 : Infinity,
  );
  const h = Math.min(opts.bandwidth, room);
  if (!(h > 0)) return refuse('integrity.refused.at_bound', { check: 'bunching', cutoff });
  // Window index from −2 (far below) to 1 (far above); the cutoff belongs to the side that meets the target.
  const counts = [0, 0, 0, 0];
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const w = side === 'above' ? Math.floor((v - cutoff) / h) : Math.ceil((v - cutoff) / h) - 1;
    if (w >= -2 && w <= 1) counts[w + 2] = (counts[w + 2] ?? 0) + 1;
  }
  const [farBelow = 0, below = 0, above = 0, farAbove = 0] = counts;
  const n = below + above;
  if (n < minWindowCount) return refuse('integrity.refused.too_few', { check: 'bunching', n, min: minWindowCount });
  const [target, other, farTarget, farOther] = side === 'above' ? [above, below, farAbove, farBelow] : [below, above, farBelow, farAbove];
  if (other + farOther < minShortCount)
    return refuse('integrity.refused.one_sided', { check: 'bunching', cutoff, n: other + farOther, min: minShortCount });
  const slopeRatio = ((farTarget + 0.5) / (farOther + 0.5)) ** (1 / 3);
  const expectedShare = slopeRatio / (1 + slopeRatio);
  const ratio = other === 0 ? null : target / other;
  const pValue = binomialUpperTail(target, n, expectedShare);
  const excess = ratio === null ? null : ratio / slopeRatio;
  const ratioHolds = excess === null ? target > 0 : excess > minRatio;
  let flag: IntegrityFlag | null = null;
  if (pValue < alpha && ratioHolds) {
    flag = {
      check: 'bunching',
      inputs: { cutoff, bandwidth: h, side, farBelow, below, above, farAbove, ratio, slopeRatio, expectedShare },
      statistic: { name: 'p_value', value: pValue },
      threshold: { op: '<', value: alpha },
      alsoHeld: excess === null ? [] : [{ name: 'excess_ratio', value: excess, op: '>', threshold: minRatio }],
      reason: {
        key: `integrity.bunching.${side}`,
        params: { cutoff, bandwidth: h, below, above, expected: expectedShare * n, pValue, threshold: alpha, ratio: ratio ?? '∞' },
      },
    };
  }
  return { refused: false, bandwidth: h, below, above, farBelow, farAbove, ratio, slopeRatio, expectedShare, pValue, flag };
}
