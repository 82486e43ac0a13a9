/**
 * Every 数据核查 check over a tenant's figures for one year (pure): the figures are grouped per indicator (and
 * family) and handed to the checks of checks.ts; what fires is a flag, what is too thin to judge a refusal.
 */
import { ADDITIVE_FAMILIES } from '../assessment.figures.js';
import {
  benfordTest,
  bunchingTest,
  copyFlags,
  divergenceFlags,
  jumpFlags,
  lastDigitTest,
  roundNumberHeaping,
  sumFlags,
  type IntegrityFlag,
  type OrgId,
  type Reason,
  type SeriesPoint,
} from './checks.js';

/** A jump worth a look also moves the growth by this much (10 log points) from the usual: short histories are noisy. */
const MIN_JUMP = 0.1;
/** Hard indicators (hard to fake), the yardstick of the divergence check, by family. */
const HARD_FAMILIES = ['electricity', 'tax', 'freight', 'loans'] as const;

/** Growth of a series from one year to the next, as a fraction; undefined without both values. */
function growth(series: Map<number, number> | undefined, year: number): number | undefined {
  const now = series?.get(year);
  const before = series?.get(year - 1);
  if (now === undefined || before === undefined || before <= 0) return undefined;
  return now / before - 1;
}

/** What the checks read: figures, the indicators, the org tree, leader changes and this year's targets. */
export interface IntegrityData {
  figures: readonly { orgId: number; indicatorId: number; year: number; value: number }[];
  indicators: readonly { id: number; name: string; family: string | null; direction: string; unit?: string }[];
  orgs: readonly { id: number; zone: string; parentId: number | null; level: string }[];
  leaderChanges: readonly { orgId: number; year: number }[];
  targets: readonly { indicatorId: number; target: number }[];
}

/**
 * Every check for `year` over the figures (pure). Digit, jump and copy checks read the level indicators (those
 * with a family: amounts and counts, not rates); sums read the additive families; divergence compares GDP with
 * the hard families; bunching looks at this year's targets.
 */
export function evaluateFigures(
  data: IntegrityData,
  year: number,
): { flags: { flag: IntegrityFlag; indicatorId: number | null }[]; refused: Reason[] } {
  const zoneOf = new Map<number | string, string>(data.orgs.map((o) => [o.id, o.zone]));
  const leaderYears = new Map<number | string, number[]>();
  for (const c of data.leaderChanges) leaderYears.set(c.orgId, [...(leaderYears.get(c.orgId) ?? []), c.year]);
  // indicator → org → year → value
  const byIndicator = new Map<number, Map<number, Map<number, number>>>();
  for (const f of data.figures) {
    const orgsOf = byIndicator.get(f.indicatorId) ?? new Map<number, Map<number, number>>();
    const series = orgsOf.get(f.orgId) ?? new Map<number, number>();
    series.set(f.year, f.value);
    orgsOf.set(f.orgId, series);
    byIndicator.set(f.indicatorId, orgsOf);
  }
  const flags: { flag: IntegrityFlag; indicatorId: number | null }[] = [];
  const refused: Reason[] = [];
  const add = (found: readonly IntegrityFlag[], indicatorId: number | null) => {
    for (const flag of found) flags.push({ flag, indicatorId });
  };
  const childrenOf = new Map<number, { id: number }[]>();
  for (const o of data.orgs)
    if (o.parentId !== null && o.level === 'township') childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o]);

  for (const ind of data.indicators) {
    const orgsOf = byIndicator.get(ind.id);
    if (!orgsOf || !ind.family) continue;
    const allYears = [...orgsOf.values()].flatMap((s) => [...s.values()]);
    // Digits: over every figure of the indicator in the window (Benford needs many values spanning magnitudes).
    const benford = benfordTest(allYears, 'first');
    if (benford.refused) refused.push({ key: benford.reason.key, params: { ...benford.reason.params, indicator: ind.name } });
    else if (benford.flag) add([{ ...benford.flag, year }], ind.id);
    const last = lastDigitTest(allYears);
    if (!last.refused && last.flag) add([{ ...last.flag, year }], ind.id);
    const heaping = roundNumberHeaping(allYears, { multiple: 10 });
    if (!heaping.refused && heaping.flag) add([{ ...heaping.flag, year }], ind.id);
    // Jumps in the year checked, against each unit's own history and its zone.
    const series: SeriesPoint[] = [];
    for (const [orgId, s] of orgsOf) for (const [y, value] of s) series.push({ orgId, year: y, value });
    add(
      jumpFlags(series, { zoneOf, leaderChangeYears: leaderYears, minGrowthDeviation: MIN_JUMP }).filter((f) => f.year === year),
      ind.id,
    );
    // Copies: different units with the same series.
    // A flat series (a small count that does not move) matches another by chance; copies need figures that vary.
    const varies = (orgId: OrgId | undefined) => new Set(orgsOf.get(Number(orgId))?.values() ?? []).size >= 3;
    add(
      copyFlags(orgsOf as ReadonlyMap<number | string, ReadonlyMap<number, number>>).filter((f) => varies(f.orgId) && varies(f.otherOrgId)),
      ind.id,
    );
    // Sums: a county against its townships, for additive families.
    if (ADDITIVE_FAMILIES.has(ind.family)) {
      for (const [parentId, children] of childrenOf) {
        const total = orgsOf.get(parentId)?.get(year);
        if (total === undefined || children.length < 2) continue;
        const parts = children.map((c) => ({ orgId: c.id, value: orgsOf.get(c.id)?.get(year) }));
        if (parts.some((p) => p.value === undefined)) continue;
        add(
          sumFlags(
            { orgId: parentId, value: total },
            parts.map((p) => ({ orgId: p.orgId, value: p.value as number })),
          ).map((f) => ({ ...f, year })),
          ind.id,
        );
      }
    }
  }

  // Bunching just past this year's targets (figures nudged across the line).
  for (const t of data.targets) {
    const ind = data.indicators.find((i) => i.id === t.indicatorId);
    const values = [...(byIndicator.get(t.indicatorId)?.values() ?? [])]
      .map((s) => s.get(year))
      .filter((v): v is number => v !== undefined);
    // A share (a % whose figures all lie in 0–100) cannot pass 100: the windows are kept inside that range.
    const isShare = ind?.unit === '%' && values.length > 0 && values.every((v) => v >= 0 && v <= 100);
    const result = bunchingTest(values, t.target, {
      bandwidth: Math.abs(t.target) * 0.05,
      side: ind?.direction === 'lower_better' ? 'below' : 'above',
      ...(isShare ? { range: { min: 0, max: 100 } } : {}),
    });
    if (!result.refused && result.flag) add([{ ...result.flag, year }], t.indicatorId);
  }

  // Divergence: reported GDP growth against electricity, tax, freight and loans growth, per zone.
  const familySeries = (f: string) => {
    const ind = data.indicators.find((i) => i.family === f);
    return ind ? byIndicator.get(ind.id) : undefined;
  };
  const gdp = familySeries('gdp');
  if (gdp) {
    const divergenceRows = [...gdp.entries()].flatMap(([orgId, series]) => {
      const reportedGrowth = growth(series, year);
      if (reportedGrowth === undefined) return [];
      const hardGrowths: Record<string, number> = {};
      for (const f of HARD_FAMILIES) {
        const g = growth(familySeries(f)?.get(orgId), year);
        if (g !== undefined) hardGrowths[f] = g;
      }
      return [{ orgId, zone: zoneOf.get(orgId) ?? '', year, reportedGrowth, hardGrowths }];
    });
    add(divergenceFlags(divergenceRows), data.indicators.find((i) => i.family === 'gdp')?.id ?? null);
  }
  return { flags, refused };
}
