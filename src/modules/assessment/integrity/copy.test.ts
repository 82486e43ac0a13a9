import { describe, expect, it } from 'vitest';
import { expectExplained, lcg } from './checks.fixtures.js';
import { copyFlags } from './copy.js';
import type { IntegrityFlag, OrgId } from './types.js';

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
