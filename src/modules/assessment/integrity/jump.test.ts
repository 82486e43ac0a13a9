import { describe, expect, it } from 'vitest';
import { modifiedZ, robustScale } from '../../../platform/stats.js';
import { expectExplained, lcg } from './checks.fixtures.js';
import { jumpFlags, type SeriesPoint } from './jump.js';
import type { IntegrityFlag, OrgId } from './types.js';

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
