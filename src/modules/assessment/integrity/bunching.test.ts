import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../../../platform/stats.js';
import { type BunchingResult, bunchingTest } from './bunching.js';
import { accepted, expectExplained, lcg, refused } from './checks.fixtures.js';

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
