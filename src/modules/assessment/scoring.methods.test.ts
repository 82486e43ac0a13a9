import { describe, expect, it } from 'vitest';
import { baselineYear, scoreImprovement, scorePeerMinMax, scoreTarget } from './scoring.methods.js';
import type { Direction } from './scoring.rules.js';

describe('scoreTarget', () => {
  const table: [number, number, Direction, number, number, string][] = [
    [95, 100, 'higher_better', 1, 95, 'assessment.explain.target'],
    [100, 100, 'higher_better', 1, 100, 'assessment.explain.target'],
    [120, 100, 'higher_better', 1, 100, 'assessment.explain.target_capped'],
    [110, 100, 'higher_better', 1.2, 110, 'assessment.explain.target'],
    [120, 100, 'higher_better', 1.2, 120, 'assessment.explain.target'],
    [150, 100, 'higher_better', 1.2, 120, 'assessment.explain.target_capped'],
    [1, 3, 'higher_better', 1, 33.33, 'assessment.explain.target'],
    [2, 3, 'higher_better', 1, 66.67, 'assessment.explain.target'],
    [0, 100, 'higher_better', 1, 0, 'assessment.explain.target'],
    [-5, 100, 'higher_better', 1.2, 0, 'assessment.explain.target'],
    [50, 40, 'lower_better', 1, 80, 'assessment.explain.target'],
    [40, 40, 'lower_better', 1, 100, 'assessment.explain.target'],
    [30, 40, 'lower_better', 1, 100, 'assessment.explain.target_capped'],
    [30, 36, 'lower_better', 1.2, 120, 'assessment.explain.target'],
    [30, 40, 'lower_better', 1.2, 120, 'assessment.explain.target_capped'],
    [0, 40, 'lower_better', 1, 100, 'assessment.explain.target_nonpositive_value'],
    [0, 40, 'lower_better', 1.2, 120, 'assessment.explain.target_nonpositive_value'],
    [-3, 40, 'lower_better', 1.5, 150, 'assessment.explain.target_nonpositive_value'],
    [400, 40, 'lower_better', 1, 10, 'assessment.explain.target'],
  ];
  it.each(table)('value %d target %d %s cap %d → %d', (value, target, direction, cap, expected, key) => {
    const scored = scoreTarget(value, target, direction, cap);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe(key);
  });
  it('defaults the cap to 1 and treats a cap below 1 as 1', () => {
    expect(scoreTarget(130, 100, 'higher_better').subScore).toBe(100);
    expect(scoreTarget(130, 100, 'higher_better', 0.5).subScore).toBe(100);
  });
  it('explains with the attainment ratio', () => {
    expect(scoreTarget(95, 100, 'higher_better', 1.2).explanation.params).toEqual({ value: 95, target: 100, attainment: 0.95, cap: 1.2 });
  });
});

describe('scorePeerMinMax', () => {
  const table: [number, number[], Direction, number, string][] = [
    [5, [0, 5, 10], 'higher_better', 50, 'assessment.explain.peer'],
    [10, [0, 5, 10], 'higher_better', 100, 'assessment.explain.peer'],
    [0, [0, 5, 10], 'higher_better', 0, 'assessment.explain.peer'],
    [5, [0, 5, 10], 'lower_better', 50, 'assessment.explain.peer'],
    [0, [0, 10], 'lower_better', 100, 'assessment.explain.peer'],
    [10, [0, 10], 'lower_better', 0, 'assessment.explain.peer'],
    [2, [1, 4], 'higher_better', 33.33, 'assessment.explain.peer'],
    [-5, [-10, 0], 'higher_better', 50, 'assessment.explain.peer'],
    [-10, [-10, 0], 'lower_better', 100, 'assessment.explain.peer'],
    [7, [7, 7, 7], 'higher_better', 100, 'assessment.explain.peer_all_equal'],
    [7, [7, 7, 7], 'lower_better', 100, 'assessment.explain.peer_all_equal'],
    [3, [], 'higher_better', 100, 'assessment.explain.peer_all_equal'],
    [0, [0], 'lower_better', 100, 'assessment.explain.peer_all_equal'],
  ];
  it.each(table)('value %d among %j %s → %d', (value, peers, direction, expected, key) => {
    const scored = scorePeerMinMax(value, peers, direction);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe(key);
  });
  it('counts the unit itself as a peer and ignores non-finite peers', () => {
    expect(scorePeerMinMax(20, [0, 10, Number.NaN], 'higher_better').subScore).toBe(100);
    expect(scorePeerMinMax(20, [0, 10], 'higher_better').explanation.params).toEqual({ value: 20, min: 0, max: 20, peers: 3 });
  });
});

describe('scoreImprovement', () => {
  const table: [number, number, Direction, number, number][] = [
    [110, 100, 'higher_better', 0.1, 100],
    [105, 100, 'higher_better', 0.1, 75],
    [100, 100, 'higher_better', 0.1, 50],
    [95, 100, 'higher_better', 0.1, 25],
    [90, 100, 'higher_better', 0.1, 0],
    [80, 100, 'higher_better', 0.1, 0],
    [200, 100, 'higher_better', 0.1, 100],
    [110, 100, 'higher_better', 0.2, 75],
    [90, 100, 'lower_better', 0.1, 100],
    [95, 100, 'lower_better', 0.1, 75],
    [105, 100, 'lower_better', 0.1, 25],
    [-45, -50, 'higher_better', 0.1, 100],
    [-55, -50, 'higher_better', 0.1, 0],
    [-55, -50, 'lower_better', 0.1, 100],
    [103, 100, 'higher_better', 0.09, 66.67],
  ];
  it.each(table)('value %d on baseline %d %s full at %d → %d', (value, baseline, direction, fullMarkChange, expected) => {
    const scored = scoreImprovement(value, baseline, direction, fullMarkChange);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe('assessment.explain.improvement');
  });
  it('defaults full marks to a 10% change', () => {
    expect(scoreImprovement(110, 100, 'higher_better').subScore).toBe(100);
  });
  it.each([
    [1, 'higher_better', 100],
    [0, 'higher_better', 50],
    [-1, 'higher_better', 0],
    [1, 'lower_better', 0],
    [-1, 'lower_better', 100],
  ] as const)('a zero baseline: value %d %s → %d', (value, direction, expected) => {
    const scored = scoreImprovement(value, 0, direction);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe('assessment.explain.improvement_zero_baseline');
  });
  it.each([null, undefined, Number.NaN])('no baseline (%s) → null, explained', (baseline) => {
    const scored = scoreImprovement(110, baseline, 'higher_better');
    expect(scored.subScore).toBeNull();
    expect(scored.explanation.key).toBe('assessment.explain.no_baseline');
  });
});

describe('baselineYear', () => {
  it.each([
    [{ visibility: 'visible', lagYears: 0 }, 2024],
    [{ visibility: 'visible', lagYears: 3 }, 2024],
    [{ visibility: 'visible' }, 2024],
    [{ visibility: 'latent' }, 2024],
    [{ visibility: 'latent', lagYears: 0 }, 2024],
    [{ visibility: 'latent', lagYears: 1 }, 2024],
    [{ visibility: 'latent', lagYears: 3 }, 2022],
  ] as const)('%j in 2025 → %d', (indicator, expected) => {
    expect(baselineYear(2025, indicator)).toBe(expected);
  });
});
