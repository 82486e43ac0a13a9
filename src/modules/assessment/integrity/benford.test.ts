import { describe, expect, it } from 'vitest';
import { BENFORD_MAD_LIMITS, type BenfordDigitTest, benfordExpected, benfordTest, benfordZ, madConformity } from './benford.js';
import { accepted, expectExplained, fibonacci, lcg, logUniform, refused } from './checks.fixtures.js';

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
