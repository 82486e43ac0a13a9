/**
 * 数据核查: pure statistics that point at reported figures worth a second look. No I/O, no clock, no randomness.
 * Every check returns a flag that explains itself (test, inputs, statistic, threshold, i18n reason) or a refusal when
 * the data are too thin; a flag is a prompt to ask for the evidence, never a verdict of 统计造假.
 */

// ─── Shared shapes ──────────────────────────────────────────────────────────────────────────────────────────────

/** Org ids are numbers in the org table; strings are allowed for figures imported with external codes. */
export type OrgId = number | string;

/** A figure as it arrives: a number, a BigInt, or numeric text such as '12,345.6' or '1.23e5'. */
export type NumericInput = number | bigint | string;

/** An i18n message (key + interpolation params), so the UI can explain a flag in zh-CN or en. */
export interface Reason {
  key: string;
  params: Readonly<Record<string, number | string>>;
}

/** "Too few data to say anything": returned instead of a result, so silence is never mistaken for a clean bill. */
export interface Refusal {
  refused: true;
  reason: Reason;
}

/** The checks that can raise a flag, so a flag says which test fired. */
export type IntegrityCheck =
  | 'benford.first'
  | 'benford.second'
  | 'benford.first_two'
  | 'last_digit'
  | 'heaping'
  | 'bunching'
  | 'jump.own_history'
  | 'jump.zone_peers'
  | 'divergence'
  | 'copy.level'
  | 'copy.growth'
  | 'sum';

/** JSON-safe values a flag may quote as its inputs, so a flag can be stored and shown as is. */
export type FlagValue = number | string | boolean | null | readonly FlagValue[] | { readonly [key: string]: FlagValue };

/** How a statistic is compared with its threshold (`abs>` means |statistic| > threshold). */
export type Comparison = '>' | '<' | '≤' | '≥' | 'abs>';

/** One condition that had to hold for a flag to fire, so the reader sees how far past the line the figure was. */
export interface Condition {
  name: string;
  value: number;
  op: Comparison;
  threshold: number;
}

/** A check that fired: which test, on which numbers, the statistic against its threshold, and why — never a verdict. */
export interface IntegrityFlag {
  check: IntegrityCheck;
  orgId?: OrgId;
  /** The second org of a pair (copies). */
  otherOrgId?: OrgId;
  year?: number;
  /** The inputs that mattered for this flag. */
  inputs: Readonly<Record<string, FlagValue>>;
  /** The main statistic … */
  statistic: { name: string; value: number };
  /** … and the line it crossed. */
  threshold: { op: Comparison; value: number };
  /** Further conditions that also had to hold (e.g. a minimum gap), empty when none. */
  alsoHeld: readonly Condition[];
  reason: Reason;
}

function refuse(key: string, params: Record<string, number | string>): Refusal {
  return { refused: true, reason: { key, params } };
}

// ─── Small numerics ─────────────────────────────────────────────────────────────────────────────────────────────

/** Neumaier-compensated sum, so totals of many decimals do not drift at tolerance boundaries. */
function sum(xs: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}

/** The median of a sample (mean of the two middle values for an even count); NaN for an empty sample. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}

/** Centre and spread used by the modified z-score, returned so a flag can quote them. */
export interface RobustScale {
  median: number;
  /** Median absolute deviation from the median. */
  mad: number;
  /** Mean absolute deviation from the median (the fallback when `mad` is 0). */
  meanAbsDev: number;
  /** Which spread was used: MAD, the mean-absolute-deviation fallback, or none (all values equal). */
  method: 'mad' | 'mean_abs_dev' | 'none';
}

/** Median and spreads of a sample, computed once for all its members' modified z-scores. */
export function robustScale(xs: readonly number[]): RobustScale {
  const m = median(xs);
  const deviations = xs.map((x) => Math.abs(x - m));
  const mad = median(deviations);
  const meanAbsDev = xs.length === 0 ? Number.NaN : mean(deviations);
  const method = mad > 0 ? 'mad' : meanAbsDev > 0 ? 'mean_abs_dev' : 'none';
  return { median: m, mad, meanAbsDev, method };
}

/**
 * Iglewicz–Hoaglin modified z-score 0.6745·(x − median)/MAD, robust to the very outliers it looks for.
 * When MAD is 0 (more than half the sample identical) it falls back to (x − median)/(1.253314·meanAD), as IBM SPSS
 * does: 1.253314 = √(π/2) makes the mean absolute deviation estimate σ for normal data, as MAD/0.6745 does.
 * When every value equals the median the score is 0 for them, ±Infinity for an x outside the sample.
 */
export function modifiedZ(x: number, scale: RobustScale): number {
  const d = x - scale.median;
  if (scale.method === 'mad') return (0.6745 * d) / scale.mad;
  if (scale.method === 'mean_abs_dev') return d / (1.253314 * scale.meanAbsDev);
  return d === 0 ? 0 : d > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) by the Lanczos approximation (g = 7, about 15 significant digits), for p-values and binomial terms. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const FPMIN = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Series for P(a, x), converging fast for x < a + 1 (Numerical Recipes `gser`). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let total = del;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1;
    del *= x / ap;
    total += del;
    if (Math.abs(del) < Math.abs(total) * EPS) break;
  }
  return total * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Continued fraction for Q(a, x) by modified Lentz, converging fast for x ≥ a + 1 (Numerical Recipes `gcf`). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): the chi-square tail, computed without a library. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ needs a > 0 and x ≥ 0 (got a=${a}, x=${x})`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** Regularized lower incomplete gamma P(a, x) = 1 − Q(a, x), computed on the side that keeps precision. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaP needs a > 0 and x ≥ 0 (got a=${a}, x=${x})`);
  if (x === 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** P(χ²_df ≥ x): the p-value of a chi-square statistic. */
export function chiSquarePValue(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square needs df > 0 (got ${df})`);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/** The x with P(χ²_df ≤ x) = p (bisection on the CDF), so thresholds can be quoted as critical values. */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square needs df > 0 (got ${df})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability is needed (got ${p})`);
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const cdf = (x: number) => regularizedGammaP(df / 2, x / 2);
  let lo = 0;
  let hi = Math.max(1, df);
  while (cdf(hi) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const LN_FACTORIALS: number[] = [0];
for (let i = 1; i <= 256; i++) LN_FACTORIALS.push((LN_FACTORIALS[i - 1] ?? 0) + Math.log(i));

function lnFactorial(n: number): number {
  return LN_FACTORIALS[n] ?? lnGamma(n + 1);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly term by term in log space (log-gamma coefficients). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError(`binomial needs integer k and n ≥ 0 (got k=${k}, n=${n})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability is needed (got ${p})`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  const logs: number[] = [];
  for (let i = k; i <= n; i++) logs.push(lnFactorial(n) - lnFactorial(i) - lnFactorial(n - i) + i * lnP + (n - i) * lnQ);
  const top = Math.max(...logs);
  return Math.min(1, Math.exp(top) * sum(logs.map((l) => Math.exp(l - top))));
}

// ─── Exact decimal digits ───────────────────────────────────────────────────────────────────────────────────────

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
function placeDigitOfFloat(a: number, place: number): { digit: number; enough: boolean } | undefined {
  if (!(a >= 1e-290 && a < 1e15)) return undefined;
  const whole = scaledWhole(a, place);
  return whole === undefined ? undefined : { digit: whole % 10, enough: whole >= 100 };
}

/** log10 |value|, from the text so that huge BigInts stay in range; used for the order-of-magnitude span. */
function log10Abs(sig: Significand): number {
  return sig.exponent + Math.log10(Number(`${sig.digits[0] ?? '0'}.${sig.digits.slice(1, 17)}`));
}

/** Compares |a| and |b| exactly (−1, 0, 1), so "≥ 10" filters do not depend on float rounding. */
function compareAbs(a: Significand, b: Significand): number {
  if (a.exponent !== b.exponent) return a.exponent < b.exponent ? -1 : 1;
  const width = Math.max(a.digits.length, b.digits.length);
  const x = a.digits.padEnd(width, '0');
  const y = b.digits.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

// ─── Benford ────────────────────────────────────────────────────────────────────────────────────────────────────

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

// ─── Last digits and round numbers ──────────────────────────────────────────────────────────────────────────────

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

// ─── Bunching at a threshold ────────────────────────────────────────────────────────────────────────────────────

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

// ─── Jumps ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** One reported figure of one indicator. */
export interface SeriesPoint {
  orgId: OrgId;
  year: number;
  value: number;
}

/** Knobs of the jump check. */
export interface JumpOptions {
  /** 功能区类型 of each org: peers are the orgs of the same zone (all orgs are one group when absent). */
  zoneOf?: ReadonlyMap<OrgId, string>;
  /** Years in which an org's 一把手 changed: a jump then is flagged with its own reason and a lower threshold. */
  leaderChangeYears?: ReadonlyMap<OrgId, readonly number[]>;
  /** |modified z| above this fires (default 3.5, Iglewicz–Hoaglin). */
  threshold?: number;
  /** Threshold in a leader-change year (default 2.5). */
  leaderChangeThreshold?: number;
  /**
   * |g − median| must also exceed this many log points (default 0.03 ≈ 3%): with a short history the sample MAD
   * can be tiny by chance, and a 1-point wobble would otherwise score |z| > 3.5.
   */
  minGrowthDeviation?: number;
  /** Minimum growths in an org's own history, the tested one included (default 5). */
  minHistory?: number;
  /** Minimum orgs with a growth in the same zone and year, the tested one included (default 5). */
  minPeers?: number;
}

interface Growth {
  orgId: OrgId;
  year: number;
  previous: number;
  value: number;
  growth: number;
}

/**
 * Sudden jumps in one indicator: log growth g = ln(v_t / v_{t−1}) of each org-year, scored by modified z against
 * (a) the org's own growths and (b) its zone peers' growths in that year; |z| > threshold fires, both ways (a drop
 * can be a squeeze of earlier padding). A growth needs the previous year reported and both values positive; a gap
 * year breaks the chain. |g − median| must also exceed `minGrowthDeviation`. A jump in a leader-change year is
 * flagged with the leader-change reason and lower threshold.
 * The scoring sample includes the tested growth (Iglewicz–Hoaglin), which MAD is robust to.
 */
export function jumpFlags(series: readonly SeriesPoint[], opts: JumpOptions = {}): IntegrityFlag[] {
  const threshold = opts.threshold ?? 3.5;
  const leaderThreshold = opts.leaderChangeThreshold ?? 2.5;
  const minDeviation = opts.minGrowthDeviation ?? 0.03;
  const minHistory = opts.minHistory ?? 5;
  const minPeers = opts.minPeers ?? 5;
  const byOrg = new Map<OrgId, Map<number, number>>();
  for (const p of series) {
    const years = byOrg.get(p.orgId) ?? new Map<number, number>();
    if (years.has(p.year)) throw new RangeError(`duplicate figure for org ${String(p.orgId)} in ${p.year}`);
    years.set(p.year, p.value);
    byOrg.set(p.orgId, years);
  }
  const growths: Growth[] = [];
  for (const [orgId, years] of byOrg) {
    for (const [year, value] of [...years].sort((a, b) => a[0] - b[0])) {
      const previous = years.get(year - 1);
      if (previous === undefined || !(previous > 0) || !(value > 0) || !Number.isFinite(previous) || !Number.isFinite(value)) continue;
      growths.push({ orgId, year, previous, value, growth: Math.log(value / previous) });
    }
  }
  const zoneOf = (orgId: OrgId) => opts.zoneOf?.get(orgId) ?? '';
  const groupBy = (key: (g: Growth) => string) => {
    const groups = new Map<string, Growth[]>();
    for (const g of growths) {
      const members = groups.get(key(g));
      if (members) members.push(g);
      else groups.set(key(g), [g]);
    }
    return groups;
  };
  const flags: IntegrityFlag[] = [];
  const score = (groups: Map<string, Growth[]>, minSize: number, basis: 'own_history' | 'zone_peers') => {
    for (const members of groups.values()) {
      if (members.length < minSize) continue;
      const scale = robustScale(members.map((m) => m.growth));
      for (const m of members) {
        const z = modifiedZ(m.growth, scale);
        const isLeaderChange = opts.leaderChangeYears?.get(m.orgId)?.includes(m.year) ?? false;
        const limit = isLeaderChange ? leaderThreshold : threshold;
        const deviation = Math.abs(m.growth - scale.median);
        if (!(Math.abs(z) > limit && deviation > minDeviation)) continue;
        const zone = zoneOf(m.orgId);
        flags.push({
          check: `jump.${basis}`,
          orgId: m.orgId,
          year: m.year,
          inputs: {
            previousYear: m.year - 1,
            previousValue: m.previous,
            value: m.value,
            growth: m.growth,
            sampleMedian: scale.median,
            sampleMad: scale.mad,
            spread: scale.method,
            sampleSize: members.length,
            zone: basis === 'zone_peers' ? zone : null,
            leaderChanged: isLeaderChange,
          },
          statistic: { name: 'modified_z', value: clampInfinite(z) },
          threshold: { op: 'abs>', value: limit },
          alsoHeld: [{ name: 'growth_deviation', value: deviation, op: '>', threshold: minDeviation }],
          reason: {
            key: isLeaderChange ? `integrity.jump.leader_change.${basis}` : `integrity.jump.${basis}`,
            params: { year: m.year, growth: m.growth, z: clampInfinite(z), threshold: limit, ...(basis === 'zone_peers' ? { zone } : {}) },
          },
        });
      }
    }
  };
  score(
    groupBy((g) => `org:${typeof g.orgId}:${String(g.orgId)}`),
    minHistory,
    'own_history',
  );
  score(
    groupBy((g) => `zone:${zoneOf(g.orgId)}:${g.year}`),
    minPeers,
    'zone_peers',
  );
  return flags.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || compareOrgIds(a.orgId, b.orgId) || a.check.localeCompare(b.check));
}

/** Numeric ids in numeric order, then text ids, so flag lists come out in a stable, natural order. */
function compareOrgIds(a: OrgId | undefined, b: OrgId | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Keeps flags JSON-safe: an infinite z (a sample with no spread) is quoted as ±Number.MAX_VALUE. */
function clampInfinite(x: number): number {
  return Number.isFinite(x) ? x : Math.sign(x) * Number.MAX_VALUE;
}

// ─── Divergence from hard indicators ────────────────────────────────────────────────────────────────────────────

/** Growth of the indicators that are hard to fake (the "Li Keqiang index"), as fractions (0.065 = 6.5%). */
export interface HardGrowths {
  electricity?: number;
  tax?: number;
  freight?: number;
  loans?: number;
}

/** One org-year of a reported growth with the hard growths it should move with. */
export interface DivergenceRow {
  orgId: OrgId;
  zone: string;
  year: number;
  /** Reported growth as a fraction (0.065 = 6.5%). */
  reportedGrowth: number;
  hardGrowths: HardGrowths;
}

/** Knobs of the divergence check. */
export interface DivergenceOptions {
  /** Modified z of the gap above this fires (default 3.5; one-sided: only over-reporting). */
  threshold?: number;
  /** The gap must also exceed this absolute amount (default 0.03, three percentage points). */
  minGap?: number;
  /** The gap must also exceed the peers' median gap by this much (default 0.02), so a tight peer group cannot turn a 0.5-point difference into a flag. */
  minExcessOverPeers?: number;
  /** Hard indicators an org-year needs to be scored (default 2, so one noisy series cannot accuse). */
  minHardIndicators?: number;
  /** Minimum scored orgs in the same zone and year (default 5). */
  minPeers?: number;
}

/**
 * Reported growth running ahead of the hard indicators: gap = reported − mean(available hard growths), scored by
 * modified z against the gaps of the same zone and year (peers share the structural gap of their economy); fires
 * when z > threshold, gap > minGap and gap − peers' median gap > minExcessOverPeers. Non-finite hard growths are ignored.
 */
export function divergenceFlags(rows: readonly DivergenceRow[], opts: DivergenceOptions = {}): IntegrityFlag[] {
  const threshold = opts.threshold ?? 3.5;
  const minGap = opts.minGap ?? 0.03;
  const minExcess = opts.minExcessOverPeers ?? 0.02;
  const minHard = opts.minHardIndicators ?? 2;
  const minPeers = opts.minPeers ?? 5;
  const groups = new Map<string, { row: DivergenceRow; hard: Record<string, number>; hardMean: number; gap: number }[]>();
  for (const row of rows) {
    if (!Number.isFinite(row.reportedGrowth)) continue;
    const hard = Object.fromEntries(
      Object.entries(row.hardGrowths).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
    );
    const used = Object.values(hard);
    if (used.length < minHard || used.length === 0) continue;
    const hardMean = mean(used);
    const key = `${row.zone}:${row.year}`;
    const scored = { row, hard, hardMean, gap: row.reportedGrowth - hardMean };
    const members = groups.get(key);
    if (members) members.push(scored);
    else groups.set(key, [scored]);
  }
  const flags: IntegrityFlag[] = [];
  for (const members of groups.values()) {
    if (members.length < minPeers) continue;
    const scale = robustScale(members.map((m) => m.gap));
    for (const m of members) {
      const z = modifiedZ(m.gap, scale);
      const excess = m.gap - scale.median;
      if (!(z > threshold && m.gap > minGap && excess > minExcess)) continue;
      flags.push({
        check: 'divergence',
        orgId: m.row.orgId,
        year: m.row.year,
        inputs: {
          zone: m.row.zone,
          reportedGrowth: m.row.reportedGrowth,
          hardGrowths: m.hard,
          hardMean: m.hardMean,
          gap: m.gap,
          peerMedianGap: scale.median,
          peers: members.length,
        },
        statistic: { name: 'modified_z', value: clampInfinite(z) },
        threshold: { op: '>', value: threshold },
        alsoHeld: [
          { name: 'gap', value: m.gap, op: '>', threshold: minGap },
          { name: 'excess_over_peers', value: excess, op: '>', threshold: minExcess },
        ],
        reason: {
          key: 'integrity.divergence.above_hard',
          params: {
            year: m.row.year,
            zone: m.row.zone,
            reportedGrowth: m.row.reportedGrowth,
            hardMean: m.hardMean,
            gap: m.gap,
            z: clampInfinite(z),
            threshold,
          },
        },
      });
    }
  }
  return flags.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || compareOrgIds(a.orgId, b.orgId));
}

// ─── Copies and sums ────────────────────────────────────────────────────────────────────────────────────────────

/** Knobs of the copy check. */
export interface CopyOptions {
  /** Near-identical when every relative difference |a − b| / max(|a|, |b|) is ≤ this (default 0.005). */
  relTolerance?: number;
  /** Common years needed for a level comparison (default 3). */
  minCommonYears?: number;
  /** Growths agree when they differ by less than half a unit in this decimal (default 4: < 0.00005). */
  growthDecimals?: number;
  /** Common year-over-year growths needed for a pattern comparison (default 3). */
  minCommonGrowths?: number;
}

/**
 * Pairs of different orgs whose series look copied: levels identical or near-identical in every common year
 * ('copy.level'), or — when levels differ — the same year-over-year growths (v_t/v_{t−1} − 1) every year, i.e. one
 * series scaled from the other ('copy.growth'). Two flat series (all growths 0) are not a pattern and are ignored.
 * Pairs are reported once, in the map's order.
 */
export function copyFlags(series: ReadonlyMap<OrgId, ReadonlyMap<number, number>>, opts: CopyOptions = {}): IntegrityFlag[] {
  const relTolerance = opts.relTolerance ?? 0.005;
  const minCommonYears = opts.minCommonYears ?? 3;
  const growthDecimals = opts.growthDecimals ?? 4;
  const growthTolerance = 0.5 * 10 ** -growthDecimals;
  const minCommonGrowths = opts.minCommonGrowths ?? 3;
  const orgs = [...series].map(([orgId, years]) => ({
    orgId,
    years: new Map([...years].filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[0] - b[0])),
  }));
  const flags: IntegrityFlag[] = [];
  for (let i = 0; i < orgs.length; i++) {
    for (let j = i + 1; j < orgs.length; j++) {
      const a = orgs[i];
      const b = orgs[j];
      if (!a || !b || a.orgId === b.orgId) continue;
      const common = [...a.years.keys()].filter((y) => b.years.has(y));
      const pairs = common.map((year) => ({ year, a: a.years.get(year) ?? 0, b: b.years.get(year) ?? 0 }));
      const relDiffs = pairs.map((p) => relativeDifference(p.a, p.b));
      const maxRelDiff = Math.max(0, ...relDiffs);
      if (pairs.length >= minCommonYears && maxRelDiff <= relTolerance) {
        const isIdentical = pairs.every((p) => p.a === p.b);
        flags.push({
          check: 'copy.level',
          orgId: a.orgId,
          otherOrgId: b.orgId,
          inputs: { years: common, values: pairs.map((p) => p.a), otherValues: pairs.map((p) => p.b) },
          statistic: { name: 'max_relative_difference', value: maxRelDiff },
          threshold: { op: '≤', value: relTolerance },
          alsoHeld: [{ name: 'common_years', value: pairs.length, op: '≥', threshold: minCommonYears }],
          reason: {
            key: isIdentical ? 'integrity.copy.identical' : 'integrity.copy.near_identical',
            params: {
              years: pairs.length,
              firstYear: common[0] ?? 0,
              lastYear: common[common.length - 1] ?? 0,
              maxRelativeDifference: maxRelDiff,
              threshold: relTolerance,
            },
          },
        });
        continue;
      }
      const growths = common
        .filter((y) => common.includes(y - 1))
        .map((year) => {
          const pa = a.years.get(year - 1) ?? 0;
          const pb = b.years.get(year - 1) ?? 0;
          return { year, a: (a.years.get(year) ?? 0) / pa - 1, b: (b.years.get(year) ?? 0) / pb - 1, ok: pa !== 0 && pb !== 0 };
        })
        .filter((g) => g.ok);
      if (growths.length < minCommonGrowths || growths.every((g) => g.a === 0 && g.b === 0)) continue;
      const maxGrowthDiff = Math.max(...growths.map((g) => Math.abs(g.a - g.b)));
      if (!(maxGrowthDiff < growthTolerance)) continue;
      flags.push({
        check: 'copy.growth',
        orgId: a.orgId,
        otherOrgId: b.orgId,
        inputs: {
          years: growths.map((g) => g.year),
          growths: growths.map((g) => g.a),
          otherGrowths: growths.map((g) => g.b),
          maxRelativeLevelDifference: maxRelDiff,
        },
        statistic: { name: 'max_growth_difference', value: maxGrowthDiff },
        threshold: { op: '<', value: growthTolerance },
        alsoHeld: [{ name: 'common_growths', value: growths.length, op: '≥', threshold: minCommonGrowths }],
        reason: {
          key: 'integrity.copy.same_growth',
          params: {
            years: growths.length,
            firstYear: growths[0]?.year ?? 0,
            lastYear: growths[growths.length - 1]?.year ?? 0,
            decimals: growthDecimals,
          },
        },
      });
    }
  }
  return flags;
}

/** |a − b| / max(|a|, |b|), 0 when both are 0: symmetric, so the pair's order does not matter. */
function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

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
