/**
 * Exact decimal digits of reported figures, read from their text (never through Math.log10, whose floors misplace
 * 0.3 or 1000 by one ulp), with fast float paths that answer only when they agree with the text.
 */
import type { NumericInput } from './types.js';

/**
 * A non-zero figure as |value| = d₁.d₂d₃… × 10^exponent with its digits kept as text, so 0.3 has digits '3'
 * (not 2.999…); `digits` has no leading or trailing zeros.
 */
export interface Significand {
  digits: string;
  exponent: number;
  isNegative: boolean;
}

const NUMERIC_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Reads a figure's significant digits from its decimal text, never through Math.log10 (whose floors misplace
 * 0.3 or 1000 by one ulp). Numbers use JavaScript's shortest round-trip text (so 0.1 + 0.2 reads 0.30000000000000004).
 * Text may carry thousands separators (',', '_', spaces). Zero, NaN, ±Infinity and non-numeric text give null.
 */
export function toSignificand(value: NumericInput): Significand | null {
  let text: string;
  if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else text = value.trim().replace(/[,_\s]/g, '');
  const match = NUMERIC_TEXT.exec(text);
  if (!match) return null;
  const integerPart = match[2] ?? '';
  const fractionPart = match[3] ?? '';
  const all = integerPart + fractionPart;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return null;
  const exponent = integerPart.length - 1 - lead + (match[4] === undefined ? 0 : Number(match[4]));
  return { digits: all.slice(lead).replace(/0+$/, ''), exponent, isNegative: match[1] === '-' };
}

/** The first `count` significant digits as an integer, zero-padded (5 → 50 for two digits), as Benford's law reads 5.0. */
export function leadingDigits(sig: Significand, count: number): number {
  return Number(sig.digits.padEnd(count, '0').slice(0, count));
}

/** The digit in the 10^place position (0 for units, −1 for tenths), read exactly from the text. */
export function digitAtPlace(sig: Significand, place: number): number {
  const index = sig.exponent - place;
  if (index < 0 || index >= sig.digits.length) return 0;
  return Number(sig.digits[index]);
}

/**
 * A float's value scaled by 10^−shift, whole part only, fast; undefined when the scaled float is so near a whole
 * number (within 1e-9, or 1e-13 of itself when larger) that its decimal text must decide (0.57 × 100 = 56.999…).
 * Floats carry about 1e-16 relative error, so outside that margin the whole part is exactly what the text gives.
 */
function scaledWhole(a: number, shift: number): number | undefined {
  const m = shift >= 0 ? a / 10 ** shift : a * 10 ** -shift;
  const whole = Math.floor(m);
  const fraction = m - whole;
  if (fraction === 0 && Number.isInteger(a) && shift >= 0 && shift <= 22 && whole * 10 ** shift === a) return whole;
  // The margin grows with m: a product like 554263.7 × 100 = 55426369.99999999 is off by m × ~1e-16.
  const margin = Math.max(1e-9, m * 1e-13);
  if (!(m < 2 ** 52) || fraction < margin || fraction > 1 - margin) return undefined;
  return whole;
}

/** The first `count` significant digits of a float, as `leadingDigits` reads them from the text; undefined when unsure. */
export function leadingDigitsOfFloat(a: number, count: number): number | undefined {
  if (!(a >= 1e-290 && a < 1e290)) return undefined;
  const d = scaledWhole(a, Math.floor(Math.log10(a)) - count + 1);
  return d !== undefined && d >= 10 ** (count - 1) && d < 10 ** count ? d : undefined;
}

/** The digit in the 10^place position of a float, and whether two more digits stand before it (as the text check `exponent − place ≥ 2`); undefined when unsure. */
export function placeDigitOfFloat(a: number, place: number): { digit: number; enough: boolean } | undefined {
  if (!(a >= 1e-290 && a < 1e15)) return undefined;
  const whole = scaledWhole(a, place);
  return whole === undefined ? undefined : { digit: whole % 10, enough: whole >= 100 };
}

/** log10 |value|, from the text so that huge BigInts stay in range; used for the order-of-magnitude span. */
export function log10Abs(sig: Significand): number {
  return sig.exponent + Math.log10(Number(`${sig.digits[0] ?? '0'}.${sig.digits.slice(1, 17)}`));
}

/** Compares |a| and |b| exactly (−1, 0, 1), so "≥ 10" filters do not depend on float rounding. */
export function compareAbs(a: Significand, b: Significand): number {
  if (a.exponent !== b.exponent) return a.exponent < b.exponent ? -1 : 1;
  const width = Math.max(a.digits.length, b.digits.length);
  const x = a.digits.padEnd(width, '0');
  const y = b.digits.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}
