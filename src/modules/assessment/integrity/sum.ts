/** Parts that do not add up to their reported total, beyond rounding. */
import { toSignificand } from './significand.js';
import type { IntegrityFlag, OrgId } from './types.js';

/** A figure reported by one org (a total or one of its parts). */
export interface ReportedFigure {
  orgId: OrgId;
  value: number;
}

/** Knobs of the sum check. */
export interface SumOptions {
  /** Relative tolerance |Σparts − total| / |total| (default 0.005); a difference exactly at it passes. */
  tolerance?: number;
}

/** A decimal figure as coefficient × 10^scale, read from its shortest text so 0.1 is exactly one tenth. */
interface ExactDecimal {
  coefficient: bigint;
  scale: number;
}

function toExactDecimal(value: number): ExactDecimal {
  const sig = toSignificand(value);
  if (!sig) return { coefficient: 0n, scale: 0 };
  const coefficient = BigInt(sig.digits);
  return { coefficient: sig.isNegative ? -coefficient : coefficient, scale: sig.exponent - (sig.digits.length - 1) };
}

/** Aligns decimals to their smallest scale, so they can be added and compared as BigInts. */
function alignDecimals(xs: readonly ExactDecimal[]): { coefficients: bigint[]; scale: number } {
  const scale = Math.min(0, ...xs.map((x) => x.scale));
  return { coefficients: xs.map((x) => x.coefficient * 10n ** BigInt(x.scale - scale)), scale };
}

function decimalToNumber(coefficient: bigint, scale: number): number {
  return Number(`${coefficient}e${scale}`);
}

/**
 * Parts that do not add up to the reported total (e.g. counties against their city), beyond rounding. The figures
 * are added as exact decimals of their shortest text, so 0.1 + 0.2 equals a reported 0.3 and a difference of exactly
 * the tolerance passes. The difference is relative to |total|; when the total is 0 it is relative to |Σparts|
 * (so any non-zero sum gives 1).
 */
export function sumFlags(total: ReportedFigure, parts: readonly ReportedFigure[], opts: SumOptions = {}): IntegrityFlag[] {
  const tolerance = opts.tolerance ?? 0.005;
  if (parts.length === 0 || !Number.isFinite(total.value) || parts.some((p) => !Number.isFinite(p.value))) return [];
  const { coefficients, scale } = alignDecimals([total.value, ...parts.map((p) => p.value)].map(toExactDecimal));
  const [totalCoefficient = 0n, ...partCoefficients] = coefficients;
  const sumCoefficient = partCoefficients.reduce((a, b) => a + b, 0n);
  const differenceCoefficient = sumCoefficient - totalCoefficient;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const denominator = totalCoefficient !== 0n ? abs(totalCoefficient) : abs(sumCoefficient);
  // Both sides share one scale, so the ratio of coefficients is the relative difference.
  const relDiff = denominator === 0n ? 0 : ratioOf(abs(differenceCoefficient), denominator);
  if (!(relDiff > tolerance)) return [];
  const partsSum = decimalToNumber(sumCoefficient, scale);
  const difference = decimalToNumber(differenceCoefficient, scale);
  return [
    {
      check: 'sum',
      orgId: total.orgId,
      inputs: { total: total.value, partsSum, difference, parts: parts.map((p) => ({ orgId: p.orgId, value: p.value })) },
      statistic: { name: 'relative_difference', value: relDiff },
      threshold: { op: '>', value: tolerance },
      alsoHeld: [],
      reason: {
        key: 'integrity.sum.mismatch',
        params: { total: total.value, partsSum, difference, relativeDifference: relDiff, threshold: tolerance, parts: parts.length },
      },
    },
  ];
}

/** a / b for non-negative BigInts as a float, safe when both exceed the float range. */
function ratioOf(a: bigint, b: bigint): number {
  const shift = Math.max(0, b.toString().length - 300);
  const divisor = 10n ** BigInt(shift);
  return Number(a / divisor) / Number(b / divisor);
}
