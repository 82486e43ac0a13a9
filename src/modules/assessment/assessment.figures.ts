/**
 * Synthetic figures for the demo city and the benchmark: realistic series per zone, and known frauds of each kind
 * planted on purpose (invented digits, round numbers, jumps, growth that outruns electricity and tax, copied series,
 * parts that do not add up, figures bunched just past a target). Pure and seeded: the same seed gives the same figures.
 */
import type { LibraryIndicator } from './assessment.library.js';

/** Families whose figures add up from townships to their county (a county's total is the sum of its townships'). */
export const ADDITIVE_FAMILIES: ReadonlySet<string> = new Set([
  'gdp',
  'manufacturing',
  'tax',
  'electricity',
  'freight',
  'loans',
  'investment',
  'jobs',
  'housing',
  'grain',
  'farmland',
  'village_income',
]);

/** A unit the generator makes figures for. */
export interface FigureUnit {
  id: number;
  zone: string;
  level: string;
  parentId: number | null;
}

/** A generated figure. */
export interface Figure {
  orgId: number;
  code: string;
  year: number;
  value: number;
}

/** A fraud planted on purpose, and which check should find it. */
export interface PlantedFraud {
  check: 'benford' | 'heaping' | 'jump' | 'divergence' | 'copy' | 'sum' | 'bunching';
  orgId: number | null;
  code: string;
  year: number;
  otherOrgId?: number;
}

/** Zone tilts: the economy grows faster in cores and development zones; ecology is cleaner in ecological zones. */
const ZONE_GROWTH: Record<string, number> = {
  urban_core: 0.01,
  development_zone: 0.02,
  agricultural_county: -0.005,
  ecological_zone: -0.01,
  agency: 0,
};

/** A seeded generator (mulberry32): the same seed, the same figures. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** What to plant, by kind; each names the units and indicator codes (orgIds), or is left out. */
export interface PlantSpec {
  /** Invented figures (uniform first digits) for a whole indicator. */
  benford?: { code: string };
  /** Figures rounded to hundreds for a whole indicator. */
  heaping?: { code: string; multiple: number };
  /** A sudden jump in `year` for a unit (optionally in the year its leader changed). */
  jump?: { orgId: number; code: string; year: number; factor: number }[];
  /** Reported GDP growth far above its electricity and tax in `year`. */
  divergence?: { orgId: number; year: number; growth: number }[];
  /** Two units with the same series. */
  copy?: { orgId: number; otherOrgId: number; code: string }[];
  /** A total that does not add up to its parts. */
  sum?: { orgId: number; code: string; year: number; factor: number }[];
  /** Figures of a zone nudged just past a target in `year`. */
  bunching?: { code: string; year: number; target: number; share: number };
}

/**
 * Figures for units × indicators × years. Townships of an additive family add up to their county exactly (the
 * county is the sum); hard indicators move with GDP; every planted fraud is listed with the check that should find it.
 */
export function generateFigures(
  units: readonly FigureUnit[],
  indicators: readonly LibraryIndicator[],
  years: readonly number[],
  seed: number,
  plant: PlantSpec = {},
): { figures: Figure[]; planted: PlantedFraud[] } {
  const random = seeded(seed);
  const out = new Map<string, number>();
  const key = (orgId: number, code: string, year: number) => `${orgId}|${code}|${year}`;
  const planted: PlantedFraud[] = [];
  const counties = units.filter((u) => u.level !== 'township');
  const townsOf = new Map<number, FigureUnit[]>();
  for (const u of units)
    if (u.level === 'township' && u.parentId !== null) townsOf.set(u.parentId, [...(townsOf.get(u.parentId) ?? []), u]);
  // Each county's size and trend: GDP growth drives the hard indicators.
  const size = new Map(counties.map((c) => [c.id, Math.exp(normal(random) * 0.8)]));
  // A township's economy drifts against its county's the same way for every additive figure of a year.
  const townDrift = new Map<string, number>();
  for (const u of units) if (u.level === 'township') for (const y of years) townDrift.set(`${u.id}|${y}`, Math.exp(normal(random) * 0.02));
  const gdpGrowth = new Map<string, number>();
  for (const c of counties) {
    const trend = 0.055 + (ZONE_GROWTH[c.zone] ?? 0) + normal(random) * 0.008;
    for (const y of years) gdpGrowth.set(`${c.id}|${y}`, trend + normal(random) * 0.01);
  }
  for (const ind of indicators) {
    for (const c of counties) {
      const s = size.get(c.id) ?? 1;
      let value = ind.shape.kind === 'level' ? ind.shape.base * s : ind.shape.base + normal(random) * ind.shape.spread;
      const ownTrend = ind.shape.kind === 'level' ? ind.shape.growth + (ZONE_GROWTH[c.zone] ?? 0) + normal(random) * 0.01 : 0;
      for (const [i, y] of years.entries()) {
        if (i > 0) {
          if (ind.shape.kind === 'level') {
            const g =
              ind.family === 'gdp'
                ? (gdpGrowth.get(`${c.id}|${y}`) ?? 0.05)
                : ind.isHard
                  ? (gdpGrowth.get(`${c.id}|${y}`) ?? 0.05) + normal(random) * 0.008
                  : ownTrend + normal(random) * 0.02;
            value *= 1 + g;
          } else {
            value = Math.min(ind.shape.max, Math.max(ind.shape.min, value + ind.shape.trend + normal(random) * ind.shape.spread * 0.08));
          }
        }
        out.set(key(c.id, ind.code, y), round(value, ind.shape.decimals));
      }
      // Townships: levels split the county by stable shares (so they add up); shares vary around the county's.
      const towns = townsOf.get(c.id) ?? [];
      if (towns.length === 0) continue;
      const weights = towns.map(() => 0.5 + random());
      for (const y of years) {
        const countyValue = out.get(key(c.id, ind.code, y)) ?? 0;
        if (ind.shape.kind === 'level' && ADDITIVE_FAMILIES.has(ind.family ?? '')) {
          // Shares drift a little each year: townships grow at their own pace, not in lockstep with the county.
          weights.forEach((w, i) => (weights[i] = w * (townDrift.get(`${towns[i]?.id}|${y}`) ?? 1) * Math.exp(normal(random) * 0.005)));
          const total = weights.reduce((a, b) => a + b, 0);
          const parts = weights.map((w) => round((countyValue * w) / total, ind.shape.decimals));
          towns.forEach((t, i) => out.set(key(t.id, ind.code, y), parts[i] ?? 0));
          // The county is the sum of what its townships report (as real statistics are compiled).
          out.set(
            key(c.id, ind.code, y),
            round(
              parts.reduce((a, b) => a + b, 0),
              ind.shape.decimals,
            ),
          );
        } else if (ind.shape.kind === 'level') {
          // A per-head figure (income): townships sit around their county's level.
          towns.forEach((t) =>
            out.set(
              key(t.id, ind.code, y),
              round(countyValue * (0.85 + ((t.id * 7919) % 300) / 1000) * Math.exp(normal(random) * 0.01), ind.shape.decimals),
            ),
          );
        } else {
          const shape = ind.shape;
          towns.forEach((t) =>
            out.set(
              key(t.id, ind.code, y),
              round(Math.min(shape.max, Math.max(shape.min, countyValue + normal(random) * shape.spread * 0.3)), shape.decimals),
            ),
          );
        }
      }
    }
  }

  // Planted frauds.
  const recount = (code: string) => {
    // Counties with townships report the sum of their townships.
    for (const c of counties) {
      const towns = townsOf.get(c.id) ?? [];
      if (towns.length === 0) continue;
      for (const y of years)
        out.set(
          key(c.id, code, y),
          towns.reduce((n, t) => n + (out.get(key(t.id, code, y)) ?? 0), 0),
        );
    }
  };
  if (plant.benford) {
    const code = plant.benford.code;
    for (const k of [...out.keys()].filter((k) => k.split('|')[1] === code)) {
      // Invented figures: the first digit chosen evenly, magnitudes as the real ones.
      const v = out.get(k) ?? 0;
      const magnitude = 10 ** Math.floor(Math.log10(Math.max(Math.abs(v), 1)));
      out.set(k, Math.round((1 + Math.floor(random() * 9) + random()) * magnitude));
    }
    recount(code);
    planted.push({ check: 'benford', orgId: null, code, year: Math.max(...years) });
  }
  if (plant.heaping) {
    const { code, multiple } = plant.heaping;
    for (const k of [...out.keys()].filter((k) => k.split('|')[1] === code))
      out.set(k, Math.round((out.get(k) ?? 0) / multiple) * multiple);
    recount(code);
    planted.push({ check: 'heaping', orgId: null, code, year: Math.max(...years) });
  }
  // A county's figure is moved with its townships', so the planted anomaly is that one and not also a broken sum.
  const scale = (orgId: number, code: string, y: number, factor: number) => {
    for (const id of [orgId, ...(townsOf.get(orgId) ?? []).map((t) => t.id)])
      if (out.has(key(id, code, y))) out.set(key(id, code, y), round((out.get(key(id, code, y)) ?? 0) * factor, 2));
  };
  for (const j of plant.jump ?? []) {
    for (const y of years.filter((y) => y >= j.year)) scale(j.orgId, j.code, y, j.factor);
    planted.push({ check: 'jump', orgId: j.orgId, code: j.code, year: j.year });
  }
  for (const d of plant.divergence ?? []) {
    const before = out.get(key(d.orgId, 'GDP', d.year - 1)) ?? 0;
    const now = out.get(key(d.orgId, 'GDP', d.year)) ?? 0;
    if (now > 0) scale(d.orgId, 'GDP', d.year, (before * (1 + d.growth)) / now);
    for (const hard of ['ELEC', 'TAX', 'FREIGHT', 'LOANS']) {
      const hb = out.get(key(d.orgId, hard, d.year - 1));
      const hn = out.get(key(d.orgId, hard, d.year));
      if (hb !== undefined && hn) scale(d.orgId, hard, d.year, (hb * (1 + 0.01 + random() * 0.01)) / hn);
    }
    planted.push({ check: 'divergence', orgId: d.orgId, code: 'GDP', year: d.year });
  }
  for (const c of plant.copy ?? []) {
    for (const y of years) {
      const v = out.get(key(c.orgId, c.code, y));
      if (v !== undefined) out.set(key(c.otherOrgId, c.code, y), v);
    }
    planted.push({
      check: 'copy',
      orgId: Math.min(c.orgId, c.otherOrgId),
      otherOrgId: Math.max(c.orgId, c.otherOrgId),
      code: c.code,
      year: Math.max(...years),
    });
  }
  for (const s of plant.sum ?? []) {
    out.set(key(s.orgId, s.code, s.year), round((out.get(key(s.orgId, s.code, s.year)) ?? 0) * s.factor, 2));
    planted.push({ check: 'sum', orgId: s.orgId, code: s.code, year: s.year });
  }
  if (plant.bunching) {
    const { code, year, target, share } = plant.bunching;
    for (const k of [...out.keys()].filter((k) => k.split('|')[1] === code && k.endsWith(`|${year}`))) {
      const v = out.get(k) ?? 0;
      // Figures a little short of the target (within 3 %) are nudged just past it.
      if (v < target && v > target * 0.97 && random() < share) out.set(k, round(target + random() * target * 0.02, 2));
    }
    planted.push({ check: 'bunching', orgId: null, code, year });
  }
  const figures = [...out.entries()].map(([k, value]) => {
    const [orgId = '0', code = '', year = '0'] = k.split('|');
    return { orgId: Number(orgId), code, year: Number(year), value };
  });
  return { figures, planted };
}
