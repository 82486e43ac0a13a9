import { describe, expect, it } from 'vitest';
import { accepted, expectExplained, lcg, refused } from './checks.fixtures.js';
import { type LastDigitResult, lastDigitTest } from './last-digit.js';

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
