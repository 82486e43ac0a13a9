import { describe, expect, it } from 'vitest';
import { WORLD } from './scoring.fixtures.js';
import { computeResults } from './scoring.results.js';
import { whatIf } from './scoring.what-if.js';

describe('whatIf', () => {
  it('shows rank movement and the live weight sum, which need not be 100', () => {
    const tried = whatIf(WORLD, { thirdPartyWeight: 0, satisfactionWeight: 0 });
    expect(tried.weightSum).toBe(70);
    expect(tried.isWeightSumValid).toBe(false);
    expect(tried.moves).toEqual([
      { orgId: 1, rankBefore: 1, rankAfter: 1, rankChange: 0, totalBefore: 98.5, totalAfter: 73, gradeBefore: 'good', gradeAfter: 'good' },
      { orgId: 2, rankBefore: 3, rankAfter: 2, rankChange: 1, totalBefore: 55, totalAfter: 41.5, gradeBefore: 'fair', gradeAfter: 'good' },
      { orgId: 3, rankBefore: 2, rankAfter: 3, rankChange: -1, totalBefore: 57, totalAfter: 36, gradeBefore: 'good', gradeAfter: 'fair' },
    ]);
  });

  it('changes indicator weights given as a map or a record, and reports ids the scheme does not weigh', () => {
    const asMap = whatIf(WORLD, {
      indicatorWeights: new Map([
        [4, 35],
        [8, 10],
      ]),
      satisfactionWeight: 0,
    });
    const asRecord = whatIf(WORLD, { indicatorWeights: { 4: 35, 8: 10 }, satisfactionWeight: 0 });
    expect(asRecord).toEqual(asMap);
    expect(asMap.weightSum).toBe(105);
    expect(asMap.ignoredIndicatorIds).toEqual([8]);
    const debt = asMap.run.results.find((result) => result.orgId === 1)?.lines.find((line) => line.code === 'DEBT');
    expect(debt).toMatchObject({ weight: 35, contribution: 35 });
  });

  it('with no change, nothing moves and the sum is 100', () => {
    const same = whatIf(WORLD, {});
    expect(same.isWeightSumValid).toBe(true);
    expect(same.moves.every((move) => move.rankChange === 0 && move.totalAfter === move.totalBefore)).toBe(true);
    expect(same.run).toEqual(computeResults(WORLD));
  });

  it('counts a negative weight as 0', () => {
    const tried = whatIf(WORLD, { indicatorWeights: { 1: -10 } });
    expect(tried.run.results.every((result) => result.lines[0]?.contribution === 0)).toBe(true);
    expect(tried.weightSum).toBe(80);
  });
});
