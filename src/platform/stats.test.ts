import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  chiSquarePValue,
  chiSquareQuantile,
  lnFactorial,
  lnGamma,
  mean,
  median,
  modifiedZ,
  regularizedGammaP,
  regularizedGammaQ,
  robustScale,
  sum,
} from './stats.js';

describe('chi-square and friends', () => {
  const critical: [number, number, number][] = [
    [8, 0.05, 15.507],
    [8, 0.01, 20.09],
    [89, 0.05, 112.022],
    [89, 0.01, 122.942],
  ];
  it.each(critical)('df %i, α %f → %f', (df, alpha, value) => {
    const q = chiSquareQuantile(1 - alpha, df);
    expect(Math.abs(q - value)).toBeLessThan(0.001);
    expect(chiSquarePValue(q, df)).toBeCloseTo(alpha, 9);
    expect(Math.abs(chiSquarePValue(value, df) - alpha)).toBeLessThan(1e-4);
  });
  it('matches closed forms (df 2: e^(−x/2); df 1: 3.841459 ↔ 0.05)', () => {
    for (const x of [0.1, 1, 5, 20, 80]) expect(chiSquarePValue(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquarePValue(0, 8)).toBe(1);
    expect(chiSquareQuantile(0, 8)).toBe(0);
    expect(() => chiSquarePValue(1, 0)).toThrow(RangeError);
  });
  it('lnGamma matches factorials and Γ(½) = √π', () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });
  it('binomial upper tail is exact: P(X ≥ 15 | 20, ½) = 21700 / 2^20, and agrees with BigInt arithmetic at n = 300', () => {
    expect(binomialUpperTail(15, 20, 0.5)).toBeCloseTo(21_700 / 1_048_576, 15);
    expect(binomialUpperTail(0, 20, 0.5)).toBe(1);
    expect(binomialUpperTail(21, 20, 0.5)).toBe(0);
    const n = 300;
    const choose: bigint[] = [1n];
    for (let k = 1; k <= n; k++) choose.push(((choose[k - 1] ?? 0n) * BigInt(n - k + 1)) / BigInt(k));
    for (const k of [150, 170, 190, 230]) {
      const numerator = choose.slice(k).reduce((a, b) => a + b, 0n);
      const scaled = Number((numerator * 10n ** 40n) / 2n ** BigInt(n)) / 1e40;
      expect(Math.abs(binomialUpperTail(k, n, 0.5) / scaled - 1)).toBeLessThan(1e-9);
    }
  });
  it('modified z uses MAD, falls back to 1.253314·meanAD when MAD is 0, and is 0 when all values agree', () => {
    const normal = robustScale([1, 2, 3, 4, 100]);
    expect(normal).toMatchObject({ median: 3, mad: 1, method: 'mad' });
    expect(modifiedZ(100, normal)).toBeCloseTo(0.6745 * 97, 12);
    const flat = robustScale([1, 1, 1, 1, 5]);
    expect(flat).toMatchObject({ median: 1, mad: 0, meanAbsDev: 0.8, method: 'mean_abs_dev' });
    expect(modifiedZ(5, flat)).toBeCloseTo(4 / (1.253314 * 0.8), 12);
    const same = robustScale([2, 2, 2]);
    expect(same.method).toBe('none');
    expect(modifiedZ(2, same)).toBe(0);
  });
});

describe('sums, means and medians', () => {
  it.each([
    [[], 0],
    [[1, 2, 3], 6],
    [[0.1, 0.2, 0.3], 0.6],
    [[1e100, 1, -1e100], 1],
    [Array.from({ length: 10 }, () => 0.1), 1],
    [[-2.5, 2.5], 0],
  ] as const)('sum of %j is %d (compensated)', (xs, expected) => {
    expect(sum(xs)).toBe(expected);
  });

  it.each([
    [[4], 4],
    [[1, 2, 3, 4], 2.5],
    [[0.1, 0.2, 0.3], 0.2],
  ] as const)('mean of %j is %d', (xs, expected) => {
    expect(mean(xs)).toBeCloseTo(expected, 15);
  });

  it('the mean of nothing is NaN', () => {
    expect(mean([])).toBeNaN();
  });

  it.each([
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[-5, 5], 0],
    [[2, 2, 2, 9], 2],
    [[10, 1, 100, 1000, 10000], 100],
  ] as const)('median of %j is %d', (xs, expected) => {
    expect(median(xs)).toBe(expected);
  });

  it('the median of nothing is NaN, and the sample is left unsorted', () => {
    expect(median([])).toBeNaN();
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it.each([
    [[1, 2, 3, 4, 100], { median: 3, mad: 1, meanAbsDev: 20.2, method: 'mad' }],
    [[5, 5, 5, 5, 9], { median: 5, mad: 0, meanAbsDev: 0.8, method: 'mean_abs_dev' }],
    [[2, 2], { median: 2, mad: 0, meanAbsDev: 0, method: 'none' }],
  ] as const)('robust scale of %j is %o', (xs, expected) => {
    const scale = robustScale(xs);
    expect(scale.median).toBe(expected.median);
    expect(scale.mad).toBe(expected.mad);
    expect(scale.meanAbsDev).toBeCloseTo(expected.meanAbsDev, 12);
    expect(scale.method).toBe(expected.method);
  });

  it('modified z is ±Infinity outside a sample with no spread', () => {
    const same = robustScale([2, 2, 2]);
    expect(modifiedZ(3, same)).toBe(Number.POSITIVE_INFINITY);
    expect(modifiedZ(1, same)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('gamma functions', () => {
  it.each([
    [0, 0],
    [1, 0],
    [5, Math.log(120)],
    [10, Math.log(3_628_800)],
    [300, 1414.905849945068], // math.lgamma(301) of CPython
  ] as const)('ln %i! = %d (to 1e-11 relative)', (n, expected) => {
    expect(Math.abs(lnFactorial(n) - expected)).toBeLessThanOrEqual(1e-11 * Math.max(1, expected));
  });

  it.each([
    [1, 1],
    [1, 3],
    [2.5, 0.7],
    [10, 12],
    [50, 40],
  ] as const)('P(%d, %d) + Q(%d, %d) = 1', (a, x) => {
    expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
  });

  it.each([0.5, 1, 2, 7])('Q(1, x) = e^(−x) for x = %d', (x) => {
    expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 14);
  });

  it('Q(a, 0) = 1, P(a, 0) = 0, and a ≤ 0 or x < 0 is a RangeError', () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, -1)).toThrow(RangeError);
  });

  it('binomial tails refuse what is not a binomial', () => {
    expect(() => binomialUpperTail(1.5, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, -1, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, 10, 1.5)).toThrow(RangeError);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
  });
});
