import { describe, expect, it } from 'vitest';
import { modifiedZ, robustScale } from '../../../platform/stats.js';
import { expectExplained, lcg } from './checks.fixtures.js';
import { divergenceFlags, type DivergenceRow } from './divergence.js';
import type { IntegrityFlag } from './types.js';

describe('divergence from hard indicators', () => {
  function build(
    plants: { orgId: number; year: number; extra: number }[],
    dropHard: { orgId: number; year: number }[] = [],
  ): DivergenceRow[] {
    const u = lcg(61);
    const rows: DivergenceRow[] = [];
    for (let orgId = 1; orgId <= 16; orgId++) {
      // Development zones report ahead of electricity and freight everywhere: a structural gap, not a flag.
      const zone = orgId <= 8 ? 'agricultural_county' : 'development_zone';
      const offset = zone === 'development_zone' ? 0.05 : 0;
      for (let year = 2021; year <= 2024; year++) {
        const base = 0.04 + 0.04 * u();
        const hardGrowths = { electricity: base + (u() - 0.5) * 0.01, tax: base + (u() - 0.5) * 0.01, freight: base + (u() - 0.5) * 0.01 };
        const hardMean = (hardGrowths.electricity + hardGrowths.tax + hardGrowths.freight) / 3;
        const extra = plants.filter((p) => p.orgId === orgId && p.year === year).reduce((s, p) => s + p.extra, 0);
        const thin = dropHard.some((p) => p.orgId === orgId && p.year === year);
        rows.push({
          orgId,
          zone,
          year,
          reportedGrowth: hardMean + offset + (u() - 0.5) * 0.004 + extra,
          hardGrowths: thin ? { electricity: hardGrowths.electricity } : hardGrowths,
        });
      }
    }
    return rows;
  }
  it('quiet when reported growth tracks the hard indicators, including a zone-wide structural gap', () => {
    expect(divergenceFlags(build([]))).toEqual([]);
  });
  it('fires on a unit far above its peers’ gap, and not on a high z below the 3-point minimum gap', () => {
    const rows = build([
      { orgId: 5, year: 2023, extra: 0.08 },
      { orgId: 3, year: 2022, extra: 0.025 },
      { orgId: 12, year: 2021, extra: 0.06 },
    ]);
    const flags = divergenceFlags(rows);
    expect(flags.map((f) => [f.orgId, f.year])).toEqual([
      [12, 2021],
      [5, 2023],
    ]);
    flags.forEach(expectExplained);
    const flag = flags[1] as IntegrityFlag;
    expect(flag.check).toBe('divergence');
    expect(flag.reason.key).toBe('integrity.divergence.above_hard');
    expect(flag.alsoHeld).toMatchObject([
      { name: 'gap', op: '>', threshold: 0.03 },
      { name: 'excess_over_peers', op: '>', threshold: 0.02 },
    ]);
    expect(flag.inputs).toMatchObject({ zone: 'agricultural_county', peers: 8 });
    expect(Object.keys(flag.inputs.hardGrowths as object)).toEqual(['electricity', 'tax', 'freight']);
    // the org-year with a small planted excess has a high z but a gap under 3 points
    const scale = robustScale(
      rows.filter((r) => r.zone === 'agricultural_county' && r.year === 2022).map((r) => r.reportedGrowth - mean3(r)),
    );
    const small = rows.find((r) => r.orgId === 3 && r.year === 2022) as DivergenceRow;
    expect(modifiedZ(small.reportedGrowth - mean3(small), scale)).toBeGreaterThan(3.5);
    expect(small.reportedGrowth - mean3(small)).toBeLessThan(0.03);
    expect(divergenceFlags(rows, { minGap: 0.01 }).map((f) => [f.orgId, f.year])).toEqual([
      [12, 2021],
      [3, 2022],
      [5, 2023],
    ]);
  });
  it('needs two hard indicators by default', () => {
    const rows = build([{ orgId: 5, year: 2023, extra: 0.08 }], [{ orgId: 5, year: 2023 }]);
    expect(divergenceFlags(rows)).toEqual([]);
    expect(divergenceFlags(rows, { minHardIndicators: 1 }).map((f) => [f.orgId, f.year])).toEqual([[5, 2023]]);
  });
  function mean3(row: DivergenceRow): number {
    const { electricity = 0, tax = 0, freight = 0 } = row.hardGrowths;
    return (electricity + tax + freight) / 3;
  }
});
