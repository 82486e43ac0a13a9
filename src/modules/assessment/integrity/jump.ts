/** Sudden jumps in one indicator, against an org's own history and against its zone peers. */
import { modifiedZ, robustScale } from '../../../platform/stats.js';
import { clampInfinite, compareOrgIds, type IntegrityFlag, type OrgId } from './types.js';

/** One reported figure of one indicator. */
export interface SeriesPoint {
  orgId: OrgId;
  year: number;
  value: number;
}

/** Knobs of the jump check. */
export interface JumpOptions {
  /** 功能区类型 of each org: peers are the orgs of the same zone (all orgs are one group when absent). */
  zoneOf?: ReadonlyMap<OrgId, string>;
  /** Years in which an org's 一把手 changed: a jump then is flagged with its own reason and a lower threshold. */
  leaderChangeYears?: ReadonlyMap<OrgId, readonly number[]>;
  /** |modified z| above this fires (default 3.5, Iglewicz–Hoaglin). */
  threshold?: number;
  /** Threshold in a leader-change year (default 2.5). */
  leaderChangeThreshold?: number;
  /**
   * |g − median| must also exceed this many log points (default 0.03 ≈ 3%): with a short history the sample MAD
   * can be tiny by chance, and a 1-point wobble would otherwise score |z| > 3.5.
   */
  minGrowthDeviation?: number;
  /** Minimum growths in an org's own history, the tested one included (default 5). */
  minHistory?: number;
  /** Minimum orgs with a growth in the same zone and year, the tested one included (default 5). */
  minPeers?: number;
}

interface Growth {
  orgId: OrgId;
  year: number;
  previous: number;
  value: number;
  growth: number;
}

/**
 * Sudden jumps in one indicator: log growth g = ln(v_t / v_{t−1}) of each org-year, scored by modified z against
 * (a) the org's own growths and (b) its zone peers' growths in that year; |z| > threshold fires, both ways (a drop
 * can be a squeeze of earlier padding). A growth needs the previous year reported and both values positive; a gap
 * year breaks the chain. |g − median| must also exceed `minGrowthDeviation`. A jump in a leader-change year is
 * flagged with the leader-change reason and lower threshold.
 * The scoring sample includes the tested growth (Iglewicz–Hoaglin), which MAD is robust to.
 */
export function jumpFlags(series: readonly SeriesPoint[], opts: JumpOptions = {}): IntegrityFlag[] {
  const threshold = opts.threshold ?? 3.5;
  const leaderThreshold = opts.leaderChangeThreshold ?? 2.5;
  const minDeviation = opts.minGrowthDeviation ?? 0.03;
  const minHistory = opts.minHistory ?? 5;
  const minPeers = opts.minPeers ?? 5;
  const byOrg = new Map<OrgId, Map<number, number>>();
  for (const p of series) {
    const years = byOrg.get(p.orgId) ?? new Map<number, number>();
    if (years.has(p.year)) throw new RangeError(`duplicate figure for org ${String(p.orgId)} in ${p.year}`);
    years.set(p.year, p.value);
    byOrg.set(p.orgId, years);
  }
  const growths: Growth[] = [];
  for (const [orgId, years] of byOrg) {
    for (const [year, value] of [...years].sort((a, b) => a[0] - b[0])) {
      const previous = years.get(year - 1);
      if (previous === undefined || !(previous > 0) || !(value > 0) || !Number.isFinite(previous) || !Number.isFinite(value)) continue;
      growths.push({ orgId, year, previous, value, growth: Math.log(value / previous) });
    }
  }
  const zoneOf = (orgId: OrgId) => opts.zoneOf?.get(orgId) ?? '';
  const groupBy = (key: (g: Growth) => string) => {
    const groups = new Map<string, Growth[]>();
    for (const g of growths) {
      const members = groups.get(key(g));
      if (members) members.push(g);
      else groups.set(key(g), [g]);
    }
    return groups;
  };
  const flags: IntegrityFlag[] = [];
  const score = (groups: Map<string, Growth[]>, minSize: number, basis: 'own_history' | 'zone_peers') => {
    for (const members of groups.values()) {
      if (members.length < minSize) continue;
      const scale = robustScale(members.map((m) => m.growth));
      for (const m of members) {
        const z = modifiedZ(m.growth, scale);
        const isLeaderChange = opts.leaderChangeYears?.get(m.orgId)?.includes(m.year) ?? false;
        const limit = isLeaderChange ? leaderThreshold : threshold;
        const deviation = Math.abs(m.growth - scale.median);
        if (!(Math.abs(z) > limit && deviation > minDeviation)) continue;
        const zone = zoneOf(m.orgId);
        flags.push({
          check: `jump.${basis}`,
          orgId: m.orgId,
          year: m.year,
          inputs: {
            previousYear: m.year - 1,
            previousValue: m.previous,
            value: m.value,
            growth: m.growth,
            sampleMedian: scale.median,
            sampleMad: scale.mad,
            spread: scale.method,
            sampleSize: members.length,
            zone: basis === 'zone_peers' ? zone : null,
            leaderChanged: isLeaderChange,
          },
          statistic: { name: 'modified_z', value: clampInfinite(z) },
          threshold: { op: 'abs>', value: limit },
          alsoHeld: [{ name: 'growth_deviation', value: deviation, op: '>', threshold: minDeviation }],
          reason: {
            key: isLeaderChange ? `integrity.jump.leader_change.${basis}` : `integrity.jump.${basis}`,
            params: { year: m.year, growth: m.growth, z: clampInfinite(z), threshold: limit, ...(basis === 'zone_peers' ? { zone } : {}) },
          },
        });
      }
    }
  };
  score(
    groupBy((g) => `org:${typeof g.orgId}:${String(g.orgId)}`),
    minHistory,
    'own_history',
  );
  score(
    groupBy((g) => `zone:${zoneOf(g.orgId)}:${g.year}`),
    minPeers,
    'zone_peers',
  );
  return flags.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || compareOrgIds(a.orgId, b.orgId) || a.check.localeCompare(b.check));
}
