import { describe, expect, it } from 'vitest';
import { WORLD } from './scoring.fixtures.js';
import { resultUse } from './scoring.result-use.js';
import { computeResults } from './scoring.results.js';
import type { Grade } from './scoring.rules.js';

describe('resultUse', () => {
  const result = (orgId: number, zone: string, rank: number, grade: Grade = 'fair') => ({ orgId, zone, rank, grade });

  it('连续三年优秀优先使用: excellent this year and the two before', () => {
    const history = new Map<number, Map<number, Grade>>([
      [
        1,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
        ]),
      ],
      [
        2,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'good'],
        ]),
      ],
      [
        4,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
      [
        5,
        new Map<number, Grade>([
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
      [
        6,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
    ]);
    const results = [result(1, 'a', 1, 'excellent'), result(2, 'a', 2, 'excellent'), result(6, 'a', 3, 'good')];
    const use = resultUse(history, 2025, results, {});
    // 6: this year's result (good) outranks a stale history entry.
    expect(use.priorityUse).toEqual([
      { orgId: 1, reason: { key: 'assessment.use.priority', params: { years: '2023,2024,2025', count: 3 } } },
      { orgId: 4, reason: { key: 'assessment.use.priority', params: { years: '2023,2024,2025', count: 3 } } },
    ]);
  });

  it('排名靠后且问题突出约谈: last of the zone (a tie for last is all last) with serious open problems', () => {
    const results = [result(1, 'a', 1), result(2, 'a', 2), result(3, 'a', 3), result(4, 'a', 3), result(5, 'b', 1), result(6, 'b', 2)];
    const use = resultUse({}, 2025, results, { 2: 5, 3: 1, 4: 0, 6: 2 });
    expect(use.admonition).toEqual([
      {
        orgId: 3,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: 'last_rank', rank: 3, zoneSize: 4, openSerious: 1, minSeriousOpen: 1 },
        },
      },
      {
        orgId: 6,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: 'last_rank', rank: 2, zoneSize: 2, openSerious: 2, minSeriousOpen: 1 },
        },
      },
    ]);
    expect(resultUse({}, 2025, results, { 3: 1, 6: 2 }, { minSeriousOpen: 2 }).admonition.map((pick) => pick.orgId)).toEqual([6]);
  });

  it('bottom share: floor(n × share) units, a tie straddling the line stays out, small zones have none', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => result(i + 1, 'a', i + 1));
    const serious = Object.fromEntries(twenty.map((r) => [r.orgId, 1]));
    expect(resultUse({}, 2025, twenty, serious, { bottom: 'bottom_share' }).admonition.map((pick) => pick.orgId)).toEqual([19, 20]);
    expect(
      resultUse({}, 2025, twenty, serious, { bottom: 'bottom_share', bottomShare: 0.25 }).admonition.map((pick) => pick.orgId),
    ).toEqual([16, 17, 18, 19, 20]);
    const straddling = twenty.map((r) => (r.orgId >= 18 ? { ...r, rank: 18 } : r));
    expect(resultUse({}, 2025, straddling, serious, { bottom: 'bottom_share' }).admonition).toEqual([]);
    const five = twenty.slice(0, 5);
    expect(resultUse({}, 2025, five, serious, { bottom: 'bottom_share' }).admonition).toEqual([]);
  });

  it('works on computed results', () => {
    const run = computeResults(WORLD);
    expect(resultUse({}, 2025, run.results, { 2: 1 }).admonition.map((pick) => pick.orgId)).toEqual([2]);
  });
});

// ---------------------------------------------------------------- invariant on random inputs
