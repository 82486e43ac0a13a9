/**
 * Synthetic figures for the demo city and the benchmark: realistic series per zone, and known frauds of each kind
 * planted on purpose (invented digits, round numbers, jumps, growth that outruns electricity and tax, copied series,
 * parts that do not add up, figures bunched just past a target). Pure and seeded: the same seed gives the same figures.
 */

/** An indicator of the library as the generator and the seed see it. */
export interface LibraryIndicator {
  code: string;
  name: string;
  unit: string;
  domain: string;
  direction: 'higher_better' | 'lower_better';
  visibility: 'visible' | 'latent';
  lagYears?: number;
  family?: string;
  isHard?: boolean;
  dataSource: string;
  /** How figures behave: a size that grows (level), or a bounded rate (share). */
  shape:
    | { kind: 'level'; base: number; growth: number; decimals: number }
    | { kind: 'share'; base: number; trend: number; spread: number; min: number; max: number; decimals: number };
}

/** The indicator library: the indicators the seeds name (制造业增加值, 投入产出比, 非税收入占比, 亩均税收, PM2.5…) and a sensible set around them. */
export const INDICATOR_LIBRARY: readonly LibraryIndicator[] = [
  {
    code: 'GDP',
    name: '地区生产总值',
    unit: '亿元',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'gdp',
    dataSource: '统计局',
    shape: { kind: 'level', base: 320, growth: 0.055, decimals: 2 },
  },
  {
    code: 'MFG_VA',
    name: '制造业增加值',
    unit: '亿元',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'manufacturing',
    dataSource: '统计局',
    shape: { kind: 'level', base: 95, growth: 0.06, decimals: 2 },
  },
  {
    code: 'IO_RATIO',
    name: '投入产出比',
    unit: '',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '发展改革委',
    shape: { kind: 'share', base: 1.6, trend: 0.02, spread: 0.25, min: 0.5, max: 4, decimals: 2 },
  },
  {
    code: 'NONTAX_SHARE',
    name: '非税收入占比',
    unit: '%',
    domain: 'economy',
    direction: 'lower_better',
    visibility: 'visible',
    dataSource: '财政局',
    shape: { kind: 'share', base: 28, trend: -0.6, spread: 5, min: 5, max: 60, decimals: 1 },
  },
  {
    code: 'TAX_PER_MU',
    name: '亩均税收',
    unit: '万元/亩',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '税务局',
    shape: { kind: 'share', base: 18, trend: 0.8, spread: 5, min: 2, max: 80, decimals: 2 },
  },
  {
    code: 'TAX',
    name: '税收收入',
    unit: '亿元',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'tax',
    isHard: true,
    dataSource: '税务局',
    shape: { kind: 'level', base: 24, growth: 0.05, decimals: 2 },
  },
  {
    code: 'ELEC',
    name: '全社会用电量',
    unit: '亿千瓦时',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'electricity',
    isHard: true,
    dataSource: '供电公司',
    shape: { kind: 'level', base: 26, growth: 0.05, decimals: 2 },
  },
  {
    code: 'FREIGHT',
    name: '货运量',
    unit: '万吨',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'freight',
    isHard: true,
    dataSource: '交通运输局',
    shape: { kind: 'level', base: 1800, growth: 0.045, decimals: 0 },
  },
  {
    code: 'LOANS',
    name: '各项贷款余额',
    unit: '亿元',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'loans',
    isHard: true,
    dataSource: '人民银行',
    shape: { kind: 'level', base: 410, growth: 0.06, decimals: 2 },
  },
  {
    code: 'INVEST_IN',
    name: '招商引资实际到位资金',
    unit: '万元',
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'investment',
    dataSource: '商务局',
    shape: { kind: 'level', base: 52000, growth: 0.07, decimals: 0 },
  },
  {
    code: 'DEBT_RATIO',
    name: '政府债务率',
    unit: '%',
    domain: 'economy',
    direction: 'lower_better',
    visibility: 'latent',
    lagYears: 2,
    dataSource: '财政局',
    shape: { kind: 'share', base: 95, trend: -1.5, spread: 25, min: 20, max: 300, decimals: 1 },
  },
  {
    code: 'RND',
    name: '研发经费投入强度',
    unit: '%',
    domain: 'innovation',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 3,
    dataSource: '科技局',
    shape: { kind: 'share', base: 1.8, trend: 0.08, spread: 0.6, min: 0.1, max: 6, decimals: 2 },
  },
  {
    code: 'INCOME',
    name: '居民人均可支配收入',
    unit: '元',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'income',
    dataSource: '统计局',
    shape: { kind: 'level', base: 36000, growth: 0.06, decimals: 0 },
  },
  {
    code: 'JOBS',
    name: '城镇新增就业',
    unit: '人',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'jobs',
    dataSource: '人社局',
    shape: { kind: 'level', base: 5200, growth: 0.02, decimals: 0 },
  },
  {
    code: 'HOUSING_REPAIR',
    name: '农村危房改造',
    unit: '户',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'housing',
    dataSource: '住建局',
    shape: { kind: 'level', base: 430, growth: 0.01, decimals: 0 },
  },
  {
    code: 'DOCTORS',
    name: '每千人口执业（助理）医师数',
    unit: '人',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 3,
    dataSource: '卫生健康委',
    shape: { kind: 'share', base: 2.9, trend: 0.08, spread: 0.5, min: 1, max: 6, decimals: 2 },
  },
  {
    code: 'EDU_RETENTION',
    name: '义务教育巩固率',
    unit: '%',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 2,
    dataSource: '教育局',
    shape: { kind: 'share', base: 96.5, trend: 0.3, spread: 1.2, min: 85, max: 100, decimals: 1 },
  },
  {
    code: 'PM25',
    name: 'PM2.5年平均浓度',
    unit: 'μg/m³',
    domain: 'ecology',
    direction: 'lower_better',
    visibility: 'latent',
    lagYears: 2,
    dataSource: '生态环境局',
    shape: { kind: 'share', base: 38, trend: -1.2, spread: 6, min: 8, max: 90, decimals: 1 },
  },
  {
    code: 'WATER_GOOD',
    name: '地表水优良水体比例',
    unit: '%',
    domain: 'ecology',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 2,
    dataSource: '生态环境局',
    shape: { kind: 'share', base: 82, trend: 1.2, spread: 8, min: 30, max: 100, decimals: 1 },
  },
  {
    code: 'FOREST',
    name: '森林覆盖率',
    unit: '%',
    domain: 'ecology',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 3,
    dataSource: '林业局',
    shape: { kind: 'share', base: 42, trend: 0.4, spread: 12, min: 5, max: 85, decimals: 1 },
  },
  {
    code: 'DEV_INTENSITY',
    name: '国土开发强度',
    unit: '%',
    domain: 'ecology',
    direction: 'lower_better',
    visibility: 'visible',
    dataSource: '自然资源局',
    shape: { kind: 'share', base: 14, trend: 0.2, spread: 5, min: 1, max: 45, decimals: 1 },
  },
  {
    code: 'ENERGY_DROP',
    name: '单位GDP能耗下降率',
    unit: '%',
    domain: 'ecology',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '发展改革委',
    shape: { kind: 'share', base: 3.2, trend: 0, spread: 0.9, min: -3, max: 9, decimals: 2 },
  },
  {
    code: 'GRAIN',
    name: '粮食产量',
    unit: '万吨',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'grain',
    dataSource: '农业农村局',
    shape: { kind: 'level', base: 38, growth: 0.01, decimals: 2 },
  },
  {
    code: 'HQ_FARMLAND',
    name: '高标准农田建设面积',
    unit: '万亩',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'latent',
    lagYears: 2,
    family: 'farmland',
    dataSource: '农业农村局',
    shape: { kind: 'level', base: 6, growth: 0.03, decimals: 2 },
  },
  {
    code: 'VILLAGE_INCOME',
    name: '村级集体经济收入',
    unit: '万元',
    domain: 'livelihood',
    direction: 'higher_better',
    visibility: 'visible',
    family: 'village_income',
    dataSource: '农业农村局',
    shape: { kind: 'level', base: 1200, growth: 0.08, decimals: 0 },
  },
  {
    code: 'SAFETY_DEATHS',
    name: '生产安全事故死亡人数',
    unit: '人',
    domain: 'safety',
    direction: 'lower_better',
    visibility: 'visible',
    dataSource: '应急管理局',
    shape: { kind: 'share', base: 6, trend: -0.3, spread: 3, min: 0, max: 40, decimals: 0 },
  },
  {
    code: 'SAFETY_RATE',
    name: '亿元GDP生产安全事故死亡率',
    unit: '人/亿元',
    domain: 'safety',
    direction: 'lower_better',
    visibility: 'latent',
    lagYears: 2,
    dataSource: '应急管理局',
    shape: { kind: 'share', base: 0.018, trend: -0.001, spread: 0.008, min: 0, max: 0.2, decimals: 4 },
  },
  {
    code: 'HOTLINE_ONTIME',
    name: '12345热线按期办结率',
    unit: '%',
    domain: 'governance',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '政务服务中心',
    shape: { kind: 'share', base: 93, trend: 0.6, spread: 3, min: 60, max: 100, decimals: 1 },
  },
  {
    code: 'BIZ_ENV',
    name: '营商环境评价得分',
    unit: '分',
    domain: 'governance',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '第三方机构',
    shape: { kind: 'share', base: 82, trend: 0.8, spread: 5, min: 50, max: 100, decimals: 1 },
  },
  {
    code: 'PARTY_ORG',
    name: '基层党组织标准化达标率',
    unit: '%',
    domain: 'party_building',
    direction: 'higher_better',
    visibility: 'visible',
    dataSource: '组织部',
    shape: { kind: 'share', base: 91, trend: 1, spread: 4, min: 60, max: 100, decimals: 1 },
  },
];

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
