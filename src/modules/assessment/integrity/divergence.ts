/** Reported growth running ahead of the indicators that are hard to fake (electricity, tax, freight, loans). */
import { mean, modifiedZ, robustScale } from '../../../platform/stats.js';
import { clampInfinite, compareOrgIds, type IntegrityFlag, type OrgId } from './types.js';

/** Growth of the indicators that are hard to fake (the "Li Keqiang index"), as fractions (0.065 = 6.5%). */
export interface HardGrowths {
  electricity?: number;
  tax?: number;
  freight?: number;
  loans?: number;
}

/** One org-year of a reported growth with the hard growths it should move with. */
export interface DivergenceRow {
  orgId: OrgId;
  zone: string;
  year: number;
  /** Reported growth as a fraction (0.065 = 6.5%). */
  reportedGrowth: number;
  hardGrowths: HardGrowths;
}

/** Knobs of the divergence check. */
export interface DivergenceOptions {
  /** Modified z of the gap above this fires (default 3.5; one-sided: only over-reporting). */
  threshold?: number;
  /** The gap must also exceed this absolute amount (default 0.03, three percentage points). */
  minGap?: number;
  /** The gap must also exceed the peers' median gap by this much (default 0.02), so a tight peer group cannot turn a 0.5-point difference into a flag. */
  minExcessOverPeers?: number;
  /** Hard indicators an org-year needs to be scored (default 2, so one noisy series cannot accuse). */
  minHardIndicators?: number;
  /** Minimum scored orgs in the same zone and year (default 5). */
  minPeers?: number;
}

/**
 * Reported growth running ahead of the hard indicators: gap = reported − mean(available hard growths), scored by
 * modified z against the gaps of the same zone and year (peers share the structural gap of their economy); fires
 * when z > threshold, gap > minGap and gap − peers' median gap > minExcessOverPeers. Non-finite hard growths are ignored.
 */
export function divergenceFlags(rows: readonly DivergenceRow[], opts: DivergenceOptions = {}): IntegrityFlag[] {
  const threshold = opts.threshold ?? 3.5;
  const minGap = opts.minGap ?? 0.03;
  const minExcess = opts.minExcessOverPeers ?? 0.02;
  const minHard = opts.minHardIndicators ?? 2;
  const minPeers = opts.minPeers ?? 5;
  const groups = new Map<string, { row: DivergenceRow; hard: Record<string, number>; hardMean: number; gap: number }[]>();
  for (const row of rows) {
    if (!Number.isFinite(row.reportedGrowth)) continue;
    const hard = Object.fromEntries(
      Object.entries(row.hardGrowths).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
    );
    const used = Object.values(hard);
    if (used.length < minHard || used.length === 0) continue;
    const hardMean = mean(used);
    const key = `${row.zone}:${row.year}`;
    const scored = { row, hard, hardMean, gap: row.reportedGrowth - hardMean };
    const members = groups.get(key);
    if (members) members.push(scored);
    else groups.set(key, [scored]);
  }
  const flags: IntegrityFlag[] = [];
  for (const members of groups.values()) {
    if (members.length < minPeers) continue;
    const scale = robustScale(members.map((m) => m.gap));
    for (const m of members) {
      const z = modifiedZ(m.gap, scale);
      const excess = m.gap - scale.median;
      if (!(z > threshold && m.gap > minGap && excess > minExcess)) continue;
      flags.push({
        check: 'divergence',
        orgId: m.row.orgId,
        year: m.row.year,
        inputs: {
          zone: m.row.zone,
          reportedGrowth: m.row.reportedGrowth,
          hardGrowths: m.hard,
          hardMean: m.hardMean,
          gap: m.gap,
          peerMedianGap: scale.median,
          peers: members.length,
        },
        statistic: { name: 'modified_z', value: clampInfinite(z) },
        threshold: { op: '>', value: threshold },
        alsoHeld: [
          { name: 'gap', value: m.gap, op: '>', threshold: minGap },
          { name: 'excess_over_peers', value: excess, op: '>', threshold: minExcess },
        ],
        reason: {
          key: 'integrity.divergence.above_hard',
          params: {
            year: m.row.year,
            zone: m.row.zone,
            reportedGrowth: m.row.reportedGrowth,
            hardMean: m.hardMean,
            gap: m.gap,
            z: clampInfinite(z),
            threshold,
          },
        },
      });
    }
  }
  return flags.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || compareOrgIds(a.orgId, b.orgId));
}
