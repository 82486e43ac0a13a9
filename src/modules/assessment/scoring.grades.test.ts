import { describe, expect, it } from 'vitest';
import { QUOTAS } from './scoring.fixtures.js';
import { assignGrades, competitionRanks, quotaCounts } from './scoring.grades.js';
import type { Grade } from './scoring.rules.js';

describe('ranks and grades', () => {
  const entries = (totals: number[]) => totals.map((total, i) => ({ orgId: i + 1, total }));
  const gradesOf = (totals: number[], quotas = QUOTAS): Grade[] => {
    const grades = assignGrades(entries(totals), quotas);
    return totals.map((_, i) => grades.get(i + 1) ?? 'poor');
  };

  it('competition ranks 1, 2, 2, 4', () => {
    const ranks = competitionRanks(entries([90, 80, 80, 70]));
    expect([...ranks.entries()]).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 4],
    ]);
    expect([...competitionRanks(entries([10, 20, 20, 5])).values()].sort()).toEqual([1, 1, 3, 4]);
  });

  it('ties compare in hundredths', () => {
    const ranks = competitionRanks([
      { orgId: 1, total: 0.1 + 0.2 },
      { orgId: 2, total: 0.3 },
    ]);
    expect(ranks.get(1)).toBe(1);
    expect(ranks.get(2)).toBe(1);
  });

  it.each([
    [10, { excellent: 2, good: 7, fair: 9, poor: 1 }],
    [100, { excellent: 20, good: 70, fair: 90, poor: 10 }],
    [3, { excellent: 0, good: 2, fair: 2, poor: 0 }],
    [4, { excellent: 0, good: 2, fair: 3, poor: 0 }],
    [5, { excellent: 1, good: 3, fair: 4, poor: 0 }],
    [1, { excellent: 0, good: 0, fair: 0, poor: 0 }],
    [0, { excellent: 0, good: 0, fair: 0, poor: 0 }],
  ])('quota counts for %d units (floor, cumulative, exact in basis points)', (n, expected) => {
    expect(quotaCounts(n, QUOTAS)).toEqual(expected);
  });

  it('fills quotas from the top without ties', () => {
    expect(gradesOf([100, 95, 90, 85, 80, 75, 70, 65, 60, 55])).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('a tie that fits the quota exactly stays in the grade', () => {
    expect(gradesOf([100, 100, 90, 85, 80, 75, 70, 65, 60, 55]).slice(0, 3)).toEqual(['excellent', 'excellent', 'good']);
  });

  it('a tie overflowing excellent drops whole to good', () => {
    expect(gradesOf([100, 90, 90, 85, 80, 75, 70, 65, 60, 55]).slice(0, 4)).toEqual(['excellent', 'good', 'good', 'good']);
  });

  it('a tie overflowing good at the boundary drops whole to fair', () => {
    // places 6, 7, 8 tie: 5 above + 3 tied = 8 > 7 good places.
    expect(gradesOf([100, 95, 90, 85, 80, 70, 70, 70, 60, 55])).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('a tie straddling the poor boundary is not poor: it stays fair', () => {
    expect(gradesOf([100, 95, 90, 85, 80, 75, 70, 65, 60, 60]).slice(8)).toEqual(['fair', 'fair']);
  });

  it('a tie may skip a grade', () => {
    // 4 tied at the top: excellent holds 2, good 7 → good; then 3 tied after 4 above: 7 ≤ 7 → good.
    expect(gradesOf([90, 90, 90, 90, 80, 80, 80, 70, 60, 50])).toEqual([
      'good',
      'good',
      'good',
      'good',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'poor',
    ]);
    // 8 tied at the top overflow good (7) and land in fair (9).
    expect(gradesOf([90, 90, 90, 90, 90, 90, 90, 90, 60, 50])).toEqual([
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('all tied: nobody can be told apart, so all are fair (neither quota can hold them)', () => {
    expect(new Set(gradesOf(Array.from({ length: 10 }, () => 80)))).toEqual(new Set(['fair']));
  });

  it.each([
    [
      [90, 80, 70],
      ['good', 'good', 'fair'],
    ],
    [
      [90, 80, 70, 60],
      ['good', 'good', 'fair', 'fair'],
    ],
    [
      [90, 80, 70, 60, 50],
      ['excellent', 'good', 'good', 'fair', 'fair'],
    ],
    [[90], ['fair']],
  ])('small n: %j → %j', (totals, expected) => {
    expect(gradesOf(totals)).toEqual(expected);
  });
});
