/**
 * Pure statistics: compensated sums, medians and robust spreads, the gamma and chi-square functions and the
 * binomial tail. No I/O, no clock, no randomness, no library: every number can be recomputed by hand.
 */

/** Neumaier-compensated sum, so totals of many decimals do not drift at tolerance boundaries. */
export function sum(xs: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** The arithmetic mean (compensated sum over the count); NaN for an empty sample. */
export function mean(xs: readonly number[]): number {
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

/** ln n!, from a table up to 256 and by lnGamma beyond. */
export function lnFactorial(n: number): number {
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
