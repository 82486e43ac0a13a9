import { describe, expect, it } from 'vitest';
import {
  BENFORD_MAD_LIMITS,
  benfordDigit,
  benfordExpected,
  benfordTest,
  benfordZ,
  binomialUpperTail,
  bunchingTest,
  chiSquarePValue,
  chiSquareQuantile,
  copyFlags,
  divergenceFlags,
  jumpFlags,
  lastDigitTest,
  leadingDigits,
  leadingDigitsOfFloat,
  lnGamma,
  madConformity,
  modifiedZ,
  robustScale,
  roundNumberHeaping,
  sumFlags,
  toSignificand,
  type BenfordDigitTest,
  type BunchingResult,
  type DivergenceRow,
  type HeapingResult,
  type IntegrityFlag,
  type LastDigitResult,
  type OrgId,
  type Refusal,
  type SeriesPoint,
} from './integrity.rules.js';

/** A tiny deterministic LCG (Numerical Recipes constants): test data must be the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Log-uniform figures over `orders` decades: the textbook Benford-conforming sample. */
function logUniform(count: number, seed: number, orders = 5): number[] {
  const u = lcg(seed);
  return Array.from({ length: count }, () => Number((10 ** (1 + orders * u())).toPrecision(8)));
}

function accepted<T extends { refused: false }>(result: T | Refusal): T {
  if (result.refused) throw new Error(`unexpected refusal ${result.reason.key} ${JSON.stringify(result.reason.params)}`);
  return result;
}

function refused(result: { refused: boolean } & object): Refusal {
  if (!('reason' in result) || result.refused !== true) throw new Error('expected a refusal');
  return result as Refusal;
}

/** A flag must be storable and showable as is: JSON round-trip with no loss (no NaN, no Infinity, no undefined). */
function expectExplained(flag: IntegrityFlag | null | undefined): IntegrityFlag {
  expect(flag).toBeTruthy();
  const f = flag as IntegrityFlag;
  expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  expect(f.reason.key).toMatch(/^integrity\./);
  expect(Number.isFinite(f.statistic.value)).toBe(true);
  expect(Number.isFinite(f.threshold.value)).toBe(true);
  return f;
}

const fibonacci = (count: number): bigint[] => {
  const out: bigint[] = [];
  let [a, b] = [1n, 1n];
  for (let i = 0; i < count; i++) {
    out.push(a);
    [a, b] = [b, a + b];
  }
  return out;
};

describe('exact digits', () => {
  const table: [string | number | bigint, number, number, number][] = [
    [0.3, 3, 0, 30],
    [0.1 + 0.2, 3, 0, 30],
    ['1.23e5', 1, 2, 12],
    ['12,345.6', 1, 2, 12],
    ['-0.0042', 4, 2, 42],
    [123456789012345678901234567890n, 1, 2, 12],
    [-987n, 9, 8, 98],
    [1e21, 1, 0, 10],
    [5e-324, 5, 0, 50],
    [1000, 1, 0, 10],
    [0.000999, 9, 9, 99],
    ['  7 ', 7, 0, 70],
    ['.5', 5, 0, 50],
    ['+6.02E23', 6, 0, 60],
    [-987, 9, 8, 98],
  ];
  it.each(table)('%s → first %i, second %i, first-two %i', (value, first, second, firstTwo) => {
    expect(benfordDigit(value, 'first')).toBe(first);
    expect(benfordDigit(value, 'second')).toBe(second);
    expect(benfordDigit(value, 'first-two')).toBe(firstTwo);
  });
  it.each([
    0,
    -0,
    '0.000',
    '-0',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    'abc',
    '',
    '1.2.3',
    '12%',
    '0x1F',
    '.',
    'e5',
    0n,
  ])('%s has no significant digit', (value) => {
    expect(toSignificand(value)).toBeNull();
    expect(benfordDigit(value, 'first')).toBeNull();
  });
  it('keeps digits and exponent as text', () => {
    expect(toSignificand('12,345.6')).toEqual({ digits: '123456', exponent: 4, isNegative: false });
    expect(toSignificand('-0.0042')).toEqual({ digits: '42', exponent: -3, isNegative: true });
    expect(toSignificand(1200)).toEqual({ digits: '12', exponent: 3, isNegative: false });
  });
  it('agrees with toExponential on 20 000 figures from 1e-300 to 1e300', () => {
    const u = lcg(7);
    for (let i = 0; i < 20_000; i++) {
      const x = (u() < 0.5 ? -1 : 1) * 10 ** (600 * u() - 300);
      const text = Math.abs(x).toExponential();
      const mantissa = text.split('e')[0]?.replace('.', '') ?? '';
      expect(benfordDigit(x, 'first')).toBe(Number(mantissa[0]));
      expect(benfordDigit(x, 'first-two')).toBe(Number(mantissa.padEnd(2, '0').slice(0, 2)));
    }
  });
});

describe('the fast float path reads the same digits as the text', () => {
  // Figures as offices type them (0–4 decimals), values whose scaled float falls a hair short of the digit
  // (0.57 × 100 = 56.999…), integers, powers of ten and their neighbours, and floats from 1e-300 to 1e300.
  const u = lcg(17);
  const figures: number[] = [0.57, 0.29, 0.7, 1.005, 1000, 999.9999999999999, 1e15, 1e21, 123456789012, 4.35, 8.2e-7, 0.1 + 0.2];
  for (let i = 0; i < 20_000; i++) figures.push(Math.round(10 ** (7 * u()) * 10 ** (i % 5)) / 10 ** (i % 5));
  for (let e = -20; e <= 25; e++) figures.push(10 ** e, 10 ** e * (1 - 1e-16), 10 ** e * (1 + 2e-16), 5.7 * 10 ** e, 9.9 * 10 ** e);
  for (let i = 0; i < 5_000; i++) figures.push(10 ** (600 * u() - 300));
  it('leading digits: wherever the float answers, it answers as the text does', () => {
    let answered = 0;
    for (const x of figures) {
      const sig = toSignificand(x);
      if (!sig) continue;
      for (const count of [1, 2]) {
        const fast = leadingDigitsOfFloat(x, count);
        if (fast === undefined) continue;
        answered++;
        expect(fast, `${x} (${count})`).toBe(leadingDigits(sig, count));
      }
    }
    // …and it answers nearly always, or it would not be a fast path.
    expect(answered).toBeGreaterThan(figures.length * 2 * 0.9);
  });
  it('Benford and last-digit results on floats equal those on the same figures as text', () => {
    const texts = figures.map(String);
    for (const test of ['first', 'second', 'first-two'] as const) expect(benfordTest(figures, test)).toEqual(benfordTest(texts, test));
    for (const decimals of [0, 1, 2]) expect(lastDigitTest(figures, { decimals })).toEqual(lastDigitTest(texts, { decimals }));
  });
});

describe('Benford expected probabilities', () => {
  it('first and first-two digits are exactly log10(1 + 1/d)', () => {
    benfordExpected('first').forEach((p, i) => expect(p).toBe(Math.log10(1 + 1 / (i + 1))));
    const firstTwo = benfordExpected('first-two');
    expect(firstTwo).toHaveLength(90);
    firstTwo.forEach((p, i) => expect(p).toBe(Math.log10(1 + 1 / (i + 10))));
  });
  it('each distribution sums to 1', () => {
    for (const test of ['first', 'second', 'first-two'] as const)
      expect(benfordExpected(test).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 13);
  });
  it('second digits: Σ_k log10(1 + 1/(10k + d)), 0.11968 for 0 down to 0.08500 for 9', () => {
    const second = benfordExpected('second');
    expect(second).toHaveLength(10);
    expect(second[0]).toBeCloseTo(0.11968, 5);
    expect(second[9]).toBeCloseTo(0.085, 5);
  });
  it('first-two digits add up to the first-digit law', () => {
    const firstTwo = benfordExpected('first-two');
    benfordExpected('first').forEach((p, i) => {
      const block = firstTwo.slice(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0);
      expect(block).toBeCloseTo(p, 14);
    });
  });
});

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

describe('Benford reference data', () => {
  it('first digits of F1…F1000 (BigInt): counts [301,177,125,96,80,67,56,53,45], MAD 0.000820', () => {
    const result = accepted(benfordTest(fibonacci(1000), 'first'));
    expect(result.counts).toEqual([301, 177, 125, 96, 80, 67, 56, 53, 45]);
    expect(result.n).toBe(1000);
    expect(result.skipped).toBe(0);
    expect(Math.abs(result.mad - 0.00082)).toBeLessThan(1e-6);
    expect(result.conformity).toBe('close');
    expect(result.flag).toBeNull();
    expect(result.df).toBe(8);
    expect(result.expected[0]).toBeCloseTo(1000 * Math.log10(2), 10);
  });
  it('first digits of 2^0…2^999: counts [301,176,125,97,79,69,56,52,45]', () => {
    const powers = Array.from({ length: 1000 }, (_, k) => 2n ** BigInt(k));
    expect(accepted(benfordTest(powers, 'first')).counts).toEqual([301, 176, 125, 97, 79, 69, 56, 52, 45]);
  });
  it('z applies the 1/(2n) continuity correction only when it is smaller than |p − p₀|', () => {
    const result = accepted(benfordTest(fibonacci(1000), 'first'));
    const [p1, p9] = [Math.log10(2), Math.log10(10 / 9)];
    // digit 1: |0.301 − 0.30103| < 1/2000, no correction
    expect(result.z[0]).toBeCloseTo((0.301 - p1) / Math.sqrt((p1 * (1 - p1)) / 1000), 12);
    // digit 9: |0.045 − 0.04576| > 1/2000, corrected and still negative
    expect(result.z[8]).toBeCloseTo(-(p9 - 0.045 - 1 / 2000) / Math.sqrt((p9 * (1 - p9)) / 1000), 12);
    expect(benfordZ(0.5, 0.5, 10)).toBe(0);
  });
  it('counts are indexed from the first digit tested', () => {
    const values = [...Array(200).fill(1234), ...Array(100).fill(98_765)];
    const first = accepted(benfordTest(values, 'first', { minOrdersOfMagnitude: 0 }));
    expect(first.counts).toHaveLength(9);
    expect(first.counts[0]).toBe(200);
    expect(first.counts[8]).toBe(100);
    const second = accepted(benfordTest(values, 'second', { minOrdersOfMagnitude: 0 }));
    expect(second.counts).toHaveLength(10);
    expect(second.counts[2]).toBe(200);
    expect(second.counts[8]).toBe(100);
    const firstTwo = accepted(benfordTest(values, 'first-two', { minOrdersOfMagnitude: 0 }));
    expect(firstTwo.counts).toHaveLength(90);
    expect(firstTwo.counts[12 - 10]).toBe(200);
    expect(firstTwo.counts[98 - 10]).toBe(100);
  });
});

describe('MAD conformity boundaries (each limit belongs to the lower band)', () => {
  const above = (x: number) => x * (1 + 2 * Number.EPSILON);
  it.each(['first', 'second', 'first-two'] as BenfordDigitTest[])('%s', (test) => {
    const { close, acceptable, marginal } = BENFORD_MAD_LIMITS[test];
    expect(madConformity(0, test)).toBe('close');
    expect(madConformity(close, test)).toBe('close');
    expect(madConformity(above(close), test)).toBe('acceptable');
    expect(madConformity(acceptable, test)).toBe('acceptable');
    expect(madConformity(above(acceptable), test)).toBe('marginal');
    expect(madConformity(marginal, test)).toBe('marginal');
    expect(madConformity(above(marginal), test)).toBe('nonconformity');
  });
  it('uses Nigrini’s limits', () => {
    expect(BENFORD_MAD_LIMITS.first).toEqual({ close: 0.006, acceptable: 0.012, marginal: 0.015 });
    expect(BENFORD_MAD_LIMITS.second).toEqual({ close: 0.008, acceptable: 0.01, marginal: 0.012 });
    expect(BENFORD_MAD_LIMITS['first-two']).toEqual({ close: 0.0012, acceptable: 0.0018, marginal: 0.0022 });
  });
});

describe('Benford on clean and planted data', () => {
  const clean = logUniform(20_000, 11);
  it.each(['first', 'second', 'first-two'] as BenfordDigitTest[])('%s digits: quiet on log-uniform data', (test) => {
    const result = accepted(benfordTest(clean, test));
    expect(result.conformity).toBe('close');
    expect(result.flag).toBeNull();
  });
  it('first digits: fires on figures invented to start with 5', () => {
    const u = lcg(12);
    const planted = logUniform(2000, 13).map((v) => (u() < 0.15 ? Number(`5${String(Math.floor(u() * 1000)).padStart(3, '0')}`) : v));
    const result = accepted(benfordTest(planted, 'first'));
    expect(result.conformity).toBe('nonconformity');
    const flag = expectExplained(result.flag);
    expect(flag.check).toBe('benford.first');
    expect(flag.statistic).toEqual({ name: 'mad', value: result.mad });
    expect(flag.threshold).toEqual({ op: '>', value: 0.015 });
    expect(flag.reason.key).toBe('integrity.benford.nonconformity');
    expect(flag.reason.params.digits).toBe('5');
  });
  it('first-two digits: fires on figures invented to start with 48, and not with a spike too small to move the MAD', () => {
    const plant = (share: number) => {
      const u = lcg(14);
      return clean.map((v) => (u() < share ? 48 * 10 ** Math.floor(1 + 4 * u()) + Math.floor(u() * 10) : v));
    };
    const flag = expectExplained(accepted(benfordTest(plant(0.12), 'first-two')).flag);
    expect(flag.check).toBe('benford.first_two');
    expect(flag.reason.params.digits).toBe('48');
    // MAD averages over 90 cells: a 3% spike on one pair is 'acceptable' (the per-digit z still shows it).
    const small = accepted(benfordTest(plant(0.03), 'first-two'));
    expect(small.flag).toBeNull();
    expect(small.z[48 - 10]).toBeGreaterThan(10);
  });
  it('refuses too few values, with the numbers', () => {
    const result = refused(benfordTest(logUniform(99, 15), 'first'));
    expect(result.reason).toEqual({ key: 'integrity.refused.too_few', params: { check: 'benford.first', n: 99, min: 100 } });
    expect(refused(benfordTest(logUniform(299, 15), 'first-two')).reason.params.min).toBe(300);
    expect(accepted(benfordTest(logUniform(50, 15), 'first', { minCount: 50 })).n).toBe(50);
  });
  it('refuses data spanning fewer than two orders of magnitude', () => {
    const u = lcg(16);
    const narrow = Array.from({ length: 500 }, () => 100 + Math.floor(u() * 900));
    const result = refused(benfordTest(narrow, 'first'));
    expect(result.reason.key).toBe('integrity.refused.narrow_range');
    expect(result.reason.params.orders).toBeLessThan(2);
    expect(accepted(benfordTest([...narrow, 10_000, 99_999], 'first')).n).toBe(502);
    expect(accepted(benfordTest(narrow, 'first', { minOrdersOfMagnitude: 0.5 })).n).toBe(500);
  });
  it('skips zero, non-numbers and, for second digits, values below 10 (Nigrini)', () => {
    const values = [...logUniform(200, 17), 0, 'n/a', Number.NaN, 5, 7.5, '-3'];
    const first = accepted(benfordTest(values, 'first'));
    expect(first.skipped).toBe(3);
    const second = accepted(benfordTest(values, 'second'));
    expect(second.skipped).toBe(6);
    expect(accepted(benfordTest(values, 'second', { minAbsValue: 0 })).skipped).toBe(3);
  });
});

describe('last digits', () => {
  const uniformIntegers = (count: number, seed: number) => {
    const u = lcg(seed);
    return Array.from({ length: count }, () => 100 + Math.floor(u() * 999_900));
  };
  it('quiet on uniform integers', () => {
    const result = accepted<LastDigitResult>(lastDigitTest(uniformIntegers(2000, 21)));
    expect(result.n).toBe(2000);
    expect(result.flag).toBeNull();
    expect(result.critical).toBeCloseTo(21.666, 3);
  });
  it('fires when a fifth of the figures are made to end in 0', () => {
    const u = lcg(22);
    const planted = uniformIntegers(2000, 21).map((v) => (u() < 0.2 ? v - (v % 10) : v));
    const result = accepted<LastDigitResult>(lastDigitTest(planted));
    const flag = expectExplained(result.flag);
    expect(flag.check).toBe('last_digit');
    expect(flag.inputs.mostFrequentDigit).toBe(0);
    expect(flag.statistic.value).toBe(result.chiSquare);
    expect(flag.threshold).toEqual({ op: '>', value: result.critical });
  });
  it('reads the last reported decimal and skips values with fewer than three digits down to it', () => {
    // 99 reported with one decimal is 99.0: three digits down to the tenths, last digit 0.
    const result = accepted<LastDigitResult>(lastDigitTest(['123.4', '45.6', '4.5', 7, 99], { decimals: 1, minCount: 1 }));
    expect(result.n).toBe(3);
    expect(result.counts[4]).toBe(1);
    expect(result.counts[6]).toBe(1);
    expect(result.counts[0]).toBe(1);
    expect(result.skipped).toBe(2);
  });
  it('refuses when too few values have three digits', () => {
    const result = refused(lastDigitTest(Array.from({ length: 500 }, (_, i) => 10 + (i % 90))));
    expect(result.reason).toEqual({ key: 'integrity.refused.too_few', params: { check: 'last_digit', n: 0, min: 100 } });
  });
});

describe('round-number heaping', () => {
  const u = lcg(31);
  const clean = Array.from({ length: 3000 }, () => 1000 + Math.floor(u() * 999_000));
  const v = lcg(32);
  const planted = clean.map((x) => (v() < 0.2 ? Math.round(x / 100) * 100 : x));
  it.each([5, 10, 100])('quiet on uniform integers for multiples of %i', (multiple) => {
    const result = accepted<HeapingResult>(roundNumberHeaping(clean, { multiple }));
    expect(result.flag).toBeNull();
    expect(Math.abs(result.share - 1 / multiple)).toBeLessThan(0.02);
  });
  it.each([10, 100])('fires for multiples of %i when a fifth are rounded to hundreds', (multiple) => {
    const result = accepted<HeapingResult>(roundNumberHeaping(planted, { multiple }));
    const flag = expectExplained(result.flag);
    expect(flag.check).toBe('heaping');
    expect(flag.statistic.value).toBe(result.z);
    expect(result.z).toBeGreaterThan(3);
    expect(result.pValue).toBeLessThan(1e-6);
    expect(flag.reason.params).toMatchObject({ multiple, expectedShare: 1 / multiple });
  });
  it('counts a figure with more decimals than reported as not round, and whole numbers as round at decimals 1', () => {
    const result = accepted<HeapingResult>(
      roundNumberHeaping(['123.0', '124.5', 125, '126.25', 12], {
        multiple: 10,
        decimals: 1,
        minCount: 1,
        minExpected: 0,
        minAbsValue: 1000,
      }),
    );
    expect(result.n).toBe(4);
    expect(result.roundCount).toBe(2);
    expect(result.skipped).toBe(1);
  });
  it('refuses when fewer than five round values are expected', () => {
    const result = refused(roundNumberHeaping(clean, { multiple: 1000 }));
    expect(result.reason.key).toBe('integrity.refused.too_few_expected');
    expect(() => roundNumberHeaping(clean, { multiple: 2.5 })).toThrow(RangeError);
  });
});

describe('bunching at a target line', () => {
  const u = lcg(41);
  const clean = Array.from({ length: 3000 }, () => 10 * u());
  const v = lcg(42);
  // Figures just short of 6.5 are nudged across it: the classic "完成目标" bunching.
  const planted = clean.map((x) => (x >= 6.2 && x < 6.5 && v() < 0.6 ? 6.5 + (x - 6.2) / 3 : x));
  it('quiet on a smooth density', () => {
    const result = accepted<BunchingResult>(bunchingTest(clean, 6.5, { bandwidth: 0.3 }));
    expect(result.flag).toBeNull();
    expect(result.below + result.above).toBeGreaterThan(100);
  });
  it('fires on figures nudged over the line, quoting p, the ratio and both counts', () => {
    const result = accepted<BunchingResult>(bunchingTest(planted, 6.5, { bandwidth: 0.3 }));
    const flag = expectExplained(result.flag);
    expect(flag.check).toBe('bunching');
    expect(result.ratio).toBeGreaterThan(1.5);
    expect(flag.statistic).toEqual({ name: 'p_value', value: result.pValue });
    expect(flag.alsoHeld).toEqual([{ name: 'excess_ratio', value: (result.ratio ?? 0) / result.slopeRatio, op: '>', threshold: 1.5 }]);
    // A flat density: the far windows agree, so the slope explains almost nothing.
    expect(result.slopeRatio).toBeGreaterThan(0.8);
    expect(result.slopeRatio).toBeLessThan(1.25);
    expect(flag.inputs).toMatchObject({ below: result.below, above: result.above, cutoff: 6.5 });
  });
  it('p-value is the exact binomial tail; the cutoff itself counts on the target side', () => {
    const values = [...Array(5).fill(0.95), 1, ...Array(14).fill(1.05)];
    const result = accepted<BunchingResult>(bunchingTest(values, 1, { bandwidth: 0.1 }));
    expect([result.below, result.above]).toEqual([5, 15]);
    expect(result.pValue).toBeCloseTo(21_700 / 1_048_576, 15);
    expect(result.ratio).toBe(3);
    expect(result.flag).toBeNull(); // p ≈ 0.021 ≥ 0.01
    expect(expectExplained(accepted<BunchingResult>(bunchingTest(values, 1, { bandwidth: 0.1, alpha: 0.05 })).flag).check).toBe('bunching');
    const capped = accepted<BunchingResult>(bunchingTest(values, 1, { bandwidth: 0.1, side: 'below' }));
    expect([capped.below, capped.above]).toEqual([6, 14]);
  });
  it('side "below" looks for figures pushed under a cap', () => {
    const w = lcg(43);
    const underCap = clean.map((x) => (x > 3.5 && x <= 3.8 && w() < 0.6 ? 3.5 - (x - 3.5) / 3 : x));
    const result = accepted<BunchingResult>(bunchingTest(underCap, 3.5, { bandwidth: 0.3, side: 'below' }));
    expect(expectExplained(result.flag).reason.key).toBe('integrity.bunching.below');
    expect(accepted<BunchingResult>(bunchingTest(underCap, 3.5, { bandwidth: 0.3 })).flag).toBeNull();
  });
  it('refuses fewer than 20 values in the window', () => {
    expect(refused(bunchingTest(clean, 6.5, { bandwidth: 0.003 })).reason.key).toBe('integrity.refused.too_few');
  });

  // A share that most units pass (义务教育巩固率 around 98.5 ± 1.2, target 97): the density climbs steeply through the line.
  const g = lcg(44);
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(g(), 1e-12))) * Math.cos(2 * Math.PI * g());
  const steep = Array.from({ length: 2000 }, () => Math.min(100, Math.round((98.5 + 1.2 * gauss()) * 10) / 10));
  it('a density rising through the line is its shape, not a pile-up: the far windows explain the near ones', () => {
    const result = accepted<BunchingResult>(bunchingTest(steep, 97, { bandwidth: 0.75, range: { max: 100 } }));
    expect(result.flag).toBeNull();
    expect(result.slopeRatio).toBeGreaterThan(1.5);
    // The plain half-and-half comparison would have called it bunching.
    expect(result.ratio).toBeGreaterThan(1.5);
    expect(binomialUpperTail(result.above, result.above + result.below, 0.5)).toBeLessThan(0.01);
  });
  it('on the same steep density, figures nudged over the line still fire', () => {
    const m = lcg(45);
    const nudged = steep.map((x) => (x >= 96.25 && x < 97 && m() < 0.7 ? 97 + Math.round(m() * 5) / 10 : x));
    const result = accepted<BunchingResult>(bunchingTest(nudged, 97, { bandwidth: 0.75, range: { max: 100 } }));
    expect(expectExplained(result.flag).check).toBe('bunching');
    expect(result.flag?.inputs).toMatchObject({
      farBelow: result.farBelow,
      farAbove: result.farAbove,
      expectedShare: result.expectedShare,
    });
  });
  it('narrows the windows to fit the possible values, and refuses a line at the bound or one nobody misses', () => {
    // Target 97 on a share: 5% of 97 would reach past 100, so h = (100 − 97) / 2.
    expect(accepted<BunchingResult>(bunchingTest(steep, 97, { bandwidth: 4.85, range: { max: 100 } })).bandwidth).toBe(1.5);
    expect(refused(bunchingTest(steep, 100, { bandwidth: 5, range: { max: 100 } })).reason.key).toBe('integrity.refused.at_bound');
    const allPass = steep.map((x) => Math.max(x, 97));
    const oneSided = refused(bunchingTest(allPass, 97, { bandwidth: 1.5, range: { max: 100 } }));
    expect(oneSided.reason).toMatchObject({ key: 'integrity.refused.one_sided', params: { n: 0, min: 5 } });
  });
});

describe('jumps', () => {
  const years = Array.from({ length: 12 }, (_, i) => 2014 + i);
  const zoneOf = new Map<OrgId, string>(Array.from({ length: 20 }, (_, i) => [i + 1, i < 10 ? 'agricultural_county' : 'urban_core']));
  function build(shifts: { orgId: number; from: number; factor: number }[]): SeriesPoint[] {
    const u = lcg(51);
    const points: SeriesPoint[] = [];
    for (let orgId = 1; orgId <= 20; orgId++) {
      let level = 100 + 900 * u();
      const base = orgId <= 10 ? 0.06 : 0.08;
      for (const year of years) {
        level *= Math.exp(base + (u() - 0.5) * 0.02);
        const factor = shifts.filter((s) => s.orgId === orgId && year >= s.from).reduce((f, s) => f * s.factor, 1);
        points.push({ orgId, year, value: level * factor });
      }
    }
    return points;
  }
  const leaderChangeYears = new Map<OrgId, number[]>([
    [2, [2018]],
    [7, [2020]],
    [13, [2023]],
  ]);
  it('quiet on steady growth, even with the lower threshold in leader-change years', () => {
    expect(jumpFlags(build([]), { zoneOf, leaderChangeYears })).toEqual([]);
  });
  it('needs the absolute floor: without it, chance-tight MADs of 10–11 growths turn 1-point wobbles into |z| > 3.5', () => {
    const flags = jumpFlags(build([]), { zoneOf, minGrowthDeviation: 0 });
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(Math.abs(Number(f.inputs.growth) - Number(f.inputs.sampleMedian))).toBeLessThan(0.02);
  });
  it('fires exactly on a planted level shift (org 7, 2022) and a planted drop (org 15, 2019), against both bases', () => {
    const flags = jumpFlags(
      build([
        { orgId: 7, from: 2022, factor: 1.5 },
        { orgId: 15, from: 2019, factor: 0.6 },
      ]),
      { zoneOf, leaderChangeYears },
    );
    expect(flags.map((f) => [f.check, f.orgId, f.year])).toEqual([
      ['jump.own_history', 15, 2019],
      ['jump.zone_peers', 15, 2019],
      ['jump.own_history', 7, 2022],
      ['jump.zone_peers', 7, 2022],
    ]);
    flags.forEach(expectExplained);
    const [drop, , rise, risePeers] = flags as [IntegrityFlag, IntegrityFlag, IntegrityFlag, IntegrityFlag];
    expect(drop.statistic.value).toBeLessThan(-3.5);
    expect(rise.reason.key).toBe('integrity.jump.own_history');
    expect(rise.reason.params).toMatchObject({ year: 2022, threshold: 3.5 });
    expect(rise.reason.params.growth).toBeGreaterThan(Math.log(1.5));
    expect(rise.threshold).toEqual({ op: 'abs>', value: 3.5 });
    expect(rise.inputs).toMatchObject({ previousYear: 2021, sampleSize: 11, leaderChanged: false, zone: null });
    expect(risePeers.reason).toMatchObject({ key: 'integrity.jump.zone_peers', params: { zone: 'agricultural_county' } });
    expect(risePeers.inputs.sampleSize).toBe(10);
  });
  it('a moderate jump fires only when the leader changed that year, with its own reason and the lower threshold', () => {
    const deviations = [0.01, -0.01, 0.005, -0.005, 0, 0.01, -0.01, 0.005, -0.005, 0.036];
    const series: SeriesPoint[] = [{ orgId: 'X', year: 2015, value: 100 }];
    deviations.forEach((d, i) => series.push({ orgId: 'X', year: 2016 + i, value: (series[i]?.value ?? 0) * Math.exp(0.05 + d) }));
    const z = modifiedZ(0.05 + 0.036, robustScale(deviations.map((d) => 0.05 + d)));
    expect(z).toBeGreaterThan(2.5);
    expect(z).toBeLessThan(3.5);
    expect(jumpFlags(series)).toEqual([]);
    expect(jumpFlags(series, { leaderChangeYears: new Map([['X', [2020]]]) })).toEqual([]);
    const flags = jumpFlags(series, { leaderChangeYears: new Map([['X', [2025]]]) });
    expect(flags).toHaveLength(1);
    const flag = expectExplained(flags[0]);
    expect(flag).toMatchObject({ check: 'jump.own_history', orgId: 'X', year: 2025, threshold: { op: 'abs>', value: 2.5 } });
    expect(flag.reason.key).toBe('integrity.jump.leader_change.own_history');
    expect(flag.inputs.leaderChanged).toBe(true);
    expect(flag.statistic.value).toBeCloseTo(z, 6);
    expect(jumpFlags(series, { threshold: 2.9 })).toHaveLength(1);
  });
  it('skips non-positive values and gap years, and refuses duplicate org-years', () => {
    const series: SeriesPoint[] = [100, 105, 0, 120, 126, 132, -5, 140].map((value, i) => ({ orgId: 1, year: 2010 + i, value }));
    series.push({ orgId: 1, year: 2020, value: 10_000 }); // 2019 missing: no growth for 2020
    expect(jumpFlags(series, { minHistory: 3 })).toEqual([]);
    expect(() => jumpFlags([...series, { orgId: 1, year: 2020, value: 1 }])).toThrow(RangeError);
  });
});

describe('divergence from hard indicators', () => {
  function build(
    plants: { orgId: number; year: number; extra: number }[],
    dropHard: { orgId: number; year: number }[] = [],
  ): DivergenceRow[] {
    const u = lcg(61);
    const rows: DivergenceRow[] = [];
    for (let orgId = 1; orgId <= 16; orgId++) {
      // Development zones report ahead of electricity and freight everywhere: a structural gap, not a flag.
      const zone = orgId <= 8 ? 'agricultural_county' : 'development_zone';
      const offset = zone === 'development_zone' ? 0.05 : 0;
      for (let year = 2021; year <= 2024; year++) {
        const base = 0.04 + 0.04 * u();
        const hardGrowths = { electricity: base + (u() - 0.5) * 0.01, tax: base + (u() - 0.5) * 0.01, freight: base + (u() - 0.5) * 0.01 };
        const hardMean = (hardGrowths.electricity + hardGrowths.tax + hardGrowths.freight) / 3;
        const extra = plants.filter((p) => p.orgId === orgId && p.year === year).reduce((s, p) => s + p.extra, 0);
        const thin = dropHard.some((p) => p.orgId === orgId && p.year === year);
        rows.push({
          orgId,
          zone,
          year,
          reportedGrowth: hardMean + offset + (u() - 0.5) * 0.004 + extra,
          hardGrowths: thin ? { electricity: hardGrowths.electricity } : hardGrowths,
        });
      }
    }
    return rows;
  }
  it('quiet when reported growth tracks the hard indicators, including a zone-wide structural gap', () => {
    expect(divergenceFlags(build([]))).toEqual([]);
  });
  it('fires on a unit far above its peers’ gap, and not on a high z below the 3-point minimum gap', () => {
    const rows = build([
      { orgId: 5, year: 2023, extra: 0.08 },
      { orgId: 3, year: 2022, extra: 0.025 },
      { orgId: 12, year: 2021, extra: 0.06 },
    ]);
    const flags = divergenceFlags(rows);
    expect(flags.map((f) => [f.orgId, f.year])).toEqual([
      [12, 2021],
      [5, 2023],
    ]);
    flags.forEach(expectExplained);
    const flag = flags[1] as IntegrityFlag;
    expect(flag.check).toBe('divergence');
    expect(flag.reason.key).toBe('integrity.divergence.above_hard');
    expect(flag.alsoHeld).toMatchObject([
      { name: 'gap', op: '>', threshold: 0.03 },
      { name: 'excess_over_peers', op: '>', threshold: 0.02 },
    ]);
    expect(flag.inputs).toMatchObject({ zone: 'agricultural_county', peers: 8 });
    expect(Object.keys(flag.inputs.hardGrowths as object)).toEqual(['electricity', 'tax', 'freight']);
    // the org-year with a small planted excess has a high z but a gap under 3 points
    const scale = robustScale(
      rows.filter((r) => r.zone === 'agricultural_county' && r.year === 2022).map((r) => r.reportedGrowth - mean3(r)),
    );
    const small = rows.find((r) => r.orgId === 3 && r.year === 2022) as DivergenceRow;
    expect(modifiedZ(small.reportedGrowth - mean3(small), scale)).toBeGreaterThan(3.5);
    expect(small.reportedGrowth - mean3(small)).toBeLessThan(0.03);
    expect(divergenceFlags(rows, { minGap: 0.01 }).map((f) => [f.orgId, f.year])).toEqual([
      [12, 2021],
      [3, 2022],
      [5, 2023],
    ]);
  });
  it('needs two hard indicators by default', () => {
    const rows = build([{ orgId: 5, year: 2023, extra: 0.08 }], [{ orgId: 5, year: 2023 }]);
    expect(divergenceFlags(rows)).toEqual([]);
    expect(divergenceFlags(rows, { minHardIndicators: 1 }).map((f) => [f.orgId, f.year])).toEqual([[5, 2023]]);
  });
  function mean3(row: DivergenceRow): number {
    const { electricity = 0, tax = 0, freight = 0 } = row.hardGrowths;
    return (electricity + tax + freight) / 3;
  }
});

describe('copies', () => {
  function build(seed: number): Map<OrgId, Map<number, number>> {
    const u = lcg(seed);
    const series = new Map<OrgId, Map<number, number>>();
    for (let orgId = 1; orgId <= 10; orgId++) {
      let level = 100 + 900 * u();
      const years = new Map<number, number>();
      for (let year = 2016; year <= 2025; year++) {
        level *= 1.03 + 0.1 * u();
        years.set(year, Number(level.toFixed(2)));
      }
      series.set(orgId, years);
    }
    return series;
  }
  it('quiet on independent series', () => {
    expect(copyFlags(build(71))).toEqual([]);
  });
  it('fires exactly on an identical copy, a near-identical copy and a scaled copy', () => {
    const series = build(71);
    const u = lcg(72);
    const from = (orgId: number) => series.get(orgId) as Map<number, number>;
    series.set(4, new Map(from(1)));
    series.set(8, new Map([...from(3)].map(([y, v]) => [y, v * (1 + (u() - 0.5) * 0.006)])));
    series.set(6, new Map([...from(2)].map(([y, v]) => [y, v * 2.5])));
    const flags = copyFlags(series);
    expect(flags.map((f) => [f.check, f.orgId, f.otherOrgId, f.reason.key])).toEqual([
      ['copy.level', 1, 4, 'integrity.copy.identical'],
      ['copy.growth', 2, 6, 'integrity.copy.same_growth'],
      ['copy.level', 3, 8, 'integrity.copy.near_identical'],
    ]);
    flags.forEach(expectExplained);
    const near = flags[2] as IntegrityFlag;
    expect(near.statistic.value).toBeLessThanOrEqual(0.003);
    expect(near.threshold).toEqual({ op: '≤', value: 0.005 });
    expect(near.inputs.years).toHaveLength(10);
  });
  it('the 0.5% boundary is inclusive, and fewer than 3 common years is not enough', () => {
    const at = new Map<OrgId, Map<number, number>>([
      [
        'a',
        new Map([
          [2020, 200],
          [2021, 300],
          [2022, 400],
        ]),
      ],
      [
        'b',
        new Map([
          [2020, 199],
          [2021, 300],
          [2022, 400],
        ]),
      ],
    ]);
    expect(copyFlags(at)).toHaveLength(1);
    (at.get('b') as Map<number, number>).set(2020, 198.99);
    expect(copyFlags(at)).toEqual([]);
    const short = new Map<OrgId, Map<number, number>>([
      [
        'a',
        new Map([
          [2020, 1],
          [2021, 2],
        ]),
      ],
      [
        'b',
        new Map([
          [2020, 1],
          [2021, 2],
          [2019, 3],
        ]),
      ],
    ]);
    expect(copyFlags(short)).toEqual([]);
  });
  it('two flat series at different levels are not a copy', () => {
    const flat = new Map<OrgId, Map<number, number>>([
      [
        1,
        new Map([
          [2020, 5],
          [2021, 5],
          [2022, 5],
          [2023, 5],
        ]),
      ],
      [
        2,
        new Map([
          [2020, 9],
          [2021, 9],
          [2022, 9],
          [2023, 9],
        ]),
      ],
    ]);
    expect(copyFlags(flat)).toEqual([]);
  });
});

describe('sums', () => {
  it('quiet when the parts add up, even through decimal rounding', () => {
    expect(
      sumFlags({ orgId: 1, value: 1000 }, [
        { orgId: 2, value: 300.1 },
        { orgId: 3, value: 399.9 },
        { orgId: 4, value: 300 },
      ]),
    ).toEqual([]);
    expect(
      sumFlags(
        { orgId: 1, value: 0.3 },
        [
          { orgId: 2, value: 0.1 },
          { orgId: 3, value: 0.2 },
        ],
        { tolerance: 0 },
      ),
    ).toEqual([]);
  });
  it('a difference of exactly 0.5% passes; beyond it fires, quoting total, sum, difference and parts', () => {
    expect(
      sumFlags({ orgId: 1, value: 200 }, [
        { orgId: 2, value: 100 },
        { orgId: 3, value: 101 },
      ]),
    ).toEqual([]);
    const flags = sumFlags({ orgId: 1, value: 200 }, [
      { orgId: 2, value: 100 },
      { orgId: 3, value: 101.5 },
    ]);
    expect(flags).toHaveLength(1);
    const flag = expectExplained(flags[0]);
    expect(flag).toMatchObject({
      check: 'sum',
      orgId: 1,
      statistic: { name: 'relative_difference', value: 0.0075 },
      threshold: { op: '>', value: 0.005 },
    });
    expect(flag.inputs).toMatchObject({ total: 200, partsSum: 201.5, difference: 1.5 });
    expect(flag.reason.key).toBe('integrity.sum.mismatch');
  });
  it('a zero total is compared with the sum of its parts', () => {
    expect(sumFlags({ orgId: 1, value: 0 }, [{ orgId: 2, value: 0 }])).toEqual([]);
    expect(sumFlags({ orgId: 1, value: 0 }, [{ orgId: 2, value: 3 }])[0]?.statistic.value).toBe(1);
  });
});
