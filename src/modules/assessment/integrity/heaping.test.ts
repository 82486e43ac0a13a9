import { describe, expect, it } from 'vitest';
import { accepted, expectExplained, lcg, refused } from './checks.fixtures.js';
import { type HeapingResult, roundNumberHeaping } from './heaping.js';

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
