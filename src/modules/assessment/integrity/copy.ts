/** Pairs of different orgs whose series look copied: the same levels, or the same growths. */
import type { IntegrityFlag, OrgId } from './types.js';

/** Knobs of the copy check. */
export interface CopyOptions {
  /** Near-identical when every relative difference |a − b| / max(|a|, |b|) is ≤ this (default 0.005). */
  relTolerance?: number;
  /** Common years needed for a level comparison (default 3). */
  minCommonYears?: number;
  /** Growths agree when they differ by less than half a unit in this decimal (default 4: < 0.00005). */
  growthDecimals?: number;
  /** Common year-over-year growths needed for a pattern comparison (default 3). */
  minCommonGrowths?: number;
}

/**
 * Pairs of different orgs whose series look copied: levels identical or near-identical in every common year
 * ('copy.level'), or — when levels differ — the same year-over-year growths (v_t/v_{t−1} − 1) every year, i.e. one
 * series scaled from the other ('copy.growth'). Two flat series (all growths 0) are not a pattern and are ignored.
 * Pairs are reported once, in the map's order.
 */
export function copyFlags(series: ReadonlyMap<OrgId, ReadonlyMap<number, number>>, opts: CopyOptions = {}): IntegrityFlag[] {
  const relTolerance = opts.relTolerance ?? 0.005;
  const minCommonYears = opts.minCommonYears ?? 3;
  const growthDecimals = opts.growthDecimals ?? 4;
  const growthTolerance = 0.5 * 10 ** -growthDecimals;
  const minCommonGrowths = opts.minCommonGrowths ?? 3;
  const orgs = [...series].map(([orgId, years]) => ({
    orgId,
    years: new Map([...years].filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[0] - b[0])),
  }));
  const flags: IntegrityFlag[] = [];
  for (let i = 0; i < orgs.length; i++) {
    for (let j = i + 1; j < orgs.length; j++) {
      const a = orgs[i];
      const b = orgs[j];
      if (!a || !b || a.orgId === b.orgId) continue;
      const common = [...a.years.keys()].filter((y) => b.years.has(y));
      const pairs = common.map((year) => ({ year, a: a.years.get(year) ?? 0, b: b.years.get(year) ?? 0 }));
      const relDiffs = pairs.map((p) => relativeDifference(p.a, p.b));
      const maxRelDiff = Math.max(0, ...relDiffs);
      if (pairs.length >= minCommonYears && maxRelDiff <= relTolerance) {
        const isIdentical = pairs.every((p) => p.a === p.b);
        flags.push({
          check: 'copy.level',
          orgId: a.orgId,
          otherOrgId: b.orgId,
          inputs: { years: common, values: pairs.map((p) => p.a), otherValues: pairs.map((p) => p.b) },
          statistic: { name: 'max_relative_difference', value: maxRelDiff },
          threshold: { op: '≤', value: relTolerance },
          alsoHeld: [{ name: 'common_years', value: pairs.length, op: '≥', threshold: minCommonYears }],
          reason: {
            key: isIdentical ? 'integrity.copy.identical' : 'integrity.copy.near_identical',
            params: {
              years: pairs.length,
              firstYear: common[0] ?? 0,
              lastYear: common[common.length - 1] ?? 0,
              maxRelativeDifference: maxRelDiff,
              threshold: relTolerance,
            },
          },
        });
        continue;
      }
      const growths = common
        .filter((y) => common.includes(y - 1))
        .map((year) => {
          const pa = a.years.get(year - 1) ?? 0;
          const pb = b.years.get(year - 1) ?? 0;
          return { year, a: (a.years.get(year) ?? 0) / pa - 1, b: (b.years.get(year) ?? 0) / pb - 1, ok: pa !== 0 && pb !== 0 };
        })
        .filter((g) => g.ok);
      if (growths.length < minCommonGrowths || growths.every((g) => g.a === 0 && g.b === 0)) continue;
      const maxGrowthDiff = Math.max(...growths.map((g) => Math.abs(g.a - g.b)));
      if (!(maxGrowthDiff < growthTolerance)) continue;
      flags.push({
        check: 'copy.growth',
        orgId: a.orgId,
        otherOrgId: b.orgId,
        inputs: {
          years: growths.map((g) => g.year),
          growths: growths.map((g) => g.a),
          otherGrowths: growths.map((g) => g.b),
          maxRelativeLevelDifference: maxRelDiff,
        },
        statistic: { name: 'max_growth_difference', value: maxGrowthDiff },
        threshold: { op: '<', value: growthTolerance },
        alsoHeld: [{ name: 'common_growths', value: growths.length, op: '≥', threshold: minCommonGrowths }],
        reason: {
          key: 'integrity.copy.same_growth',
          params: {
            years: growths.length,
            firstYear: growths[0]?.year ?? 0,
            lastYear: growths[growths.length - 1]?.year ?? 0,
            decimals: growthDecimals,
          },
        },
      });
    }
  }
  return flags;
}

/** |a − b| / max(|a|, |b|), 0 when both are 0: symmetric, so the pair's order does not matter. */
function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
