import { appendAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { firstRootOrg, orgTree } from '../org/index.js';
import { generateFigures, type FigureUnit, type PlantedFraud, type PlantSpec } from './assessment.figures.js';
import { INDICATOR_LIBRARY } from './assessment.library.js';
import { createIndicators, findIndicators } from './indicators/indicators.repository.js';
import { addLeaderChanges } from './leader-changes/leader-changes.repository.js';
import { storeResults } from './results/scoring-input.js';
import { createScheme } from './schemes/schemes.repository.js';
import { putInputs, upsertValues } from './values/values.repository.js';

/** Years of demo figures, and the years with schemes and results (三年 for 优先使用). */
export const DEMO_YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const SCHEME_YEARS = [2023, 2024, 2025];

/** The library's indicators of a tenant, added when missing; answers code → id. */
export async function seedIndicatorLibrary(db: Db, tenantId: number, now: Date): Promise<Map<string, number>> {
  const existing = await findIndicators(db, tenantId, { includeInactive: true });
  const have = new Set(existing.map((i) => i.code));
  const created = await createIndicators(
    db,
    INDICATOR_LIBRARY.filter((i) => !have.has(i.code)).map((i) => ({
      tenantId,
      code: i.code,
      name: i.name,
      unit: i.unit,
      domain: i.domain,
      direction: i.direction,
      visibility: i.visibility,
      lagYears: i.lagYears ?? 0,
      family: i.family ?? null,
      isHard: i.isHard ?? false,
      dataSource: i.dataSource,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return new Map([...existing, ...created].map((i) => [i.code, i.id]));
}

/** Schemes per zone (差异化考核): 中心城区 industry upgrading and governance, 农业县 grain and rural revival, 生态功能区 controls on development. */
const ZONE_SCHEMES: Record<
  string,
  {
    name: string;
    lines: { code: string; weight: number; method: 'target' | 'peer_minmax' | 'improvement'; target?: number; cap?: number }[];
  }
> = {
  urban_core: {
    name: '中心城区高质量发展综合绩效考核',
    lines: [
      { code: 'GDP', weight: 8, method: 'improvement' },
      { code: 'MFG_VA', weight: 10, method: 'improvement' },
      { code: 'IO_RATIO', weight: 8, method: 'peer_minmax' },
      { code: 'NONTAX_SHARE', weight: 6, method: 'peer_minmax' },
      { code: 'TAX_PER_MU', weight: 8, method: 'target', target: 20, cap: 1.1 },
      { code: 'RND', weight: 6, method: 'improvement' },
      { code: 'INCOME', weight: 8, method: 'improvement' },
      { code: 'PM25', weight: 8, method: 'target', target: 35 },
      { code: 'SAFETY_RATE', weight: 6, method: 'peer_minmax' },
      { code: 'HOTLINE_ONTIME', weight: 6, method: 'target', target: 95 },
      { code: 'BIZ_ENV', weight: 6, method: 'peer_minmax' },
    ],
  },
  development_zone: {
    name: '开发区高质量发展综合绩效考核',
    lines: [
      { code: 'MFG_VA', weight: 14, method: 'improvement' },
      { code: 'IO_RATIO', weight: 10, method: 'peer_minmax' },
      { code: 'TAX_PER_MU', weight: 12, method: 'target', target: 25, cap: 1.1 },
      { code: 'INVEST_IN', weight: 8, method: 'improvement' },
      { code: 'RND', weight: 8, method: 'improvement' },
      { code: 'ENERGY_DROP', weight: 8, method: 'target', target: 3 },
      { code: 'SAFETY_RATE', weight: 6, method: 'peer_minmax' },
      { code: 'BIZ_ENV', weight: 8, method: 'peer_minmax' },
    ],
  },
  agricultural_county: {
    name: '农业县乡村振兴综合考核',
    lines: [
      { code: 'GDP', weight: 6, method: 'improvement' },
      { code: 'GRAIN', weight: 14, method: 'improvement' },
      { code: 'HQ_FARMLAND', weight: 10, method: 'improvement' },
      { code: 'VILLAGE_INCOME', weight: 8, method: 'improvement' },
      { code: 'INCOME', weight: 10, method: 'improvement' },
      { code: 'EDU_RETENTION', weight: 6, method: 'target', target: 97 },
      { code: 'DOCTORS', weight: 6, method: 'peer_minmax' },
      { code: 'DEBT_RATIO', weight: 6, method: 'peer_minmax' },
      { code: 'SAFETY_DEATHS', weight: 6, method: 'peer_minmax' },
      { code: 'HOTLINE_ONTIME', weight: 2, method: 'target', target: 95 },
    ],
  },
  ecological_zone: {
    name: '生态功能区生态保护综合考核',
    lines: [
      { code: 'PM25', weight: 12, method: 'target', target: 30 },
      { code: 'WATER_GOOD', weight: 14, method: 'improvement' },
      { code: 'FOREST', weight: 12, method: 'improvement' },
      { code: 'DEV_INTENSITY', weight: 12, method: 'peer_minmax' },
      { code: 'INCOME', weight: 8, method: 'improvement' },
      { code: 'EDU_RETENTION', weight: 6, method: 'target', target: 97 },
      { code: 'DEBT_RATIO', weight: 6, method: 'peer_minmax' },
    ],
  },
};
const DEDUCTIONS = [
  { kind: 'fake_achievement', pointsEach: 2, cap: 6 },
  { kind: 'statistical_fraud', pointsEach: 3, cap: 9 },
  { kind: 'red_at_year_end', pointsEach: 0.5, cap: 3 },
  { kind: 'rebound', pointsEach: 1, cap: 3 },
];

/** The demo's planted frauds: each check has something to find, by unit name. */
function demoPlants(byName: Map<string, number>): PlantSpec {
  const id = (name: string) => byName.get(name) ?? 0;
  return {
    benford: { code: 'INVEST_IN' },
    heaping: { code: 'HOUSING_REPAIR', multiple: 10 },
    jump: [{ orgId: id('禾田县'), code: 'MFG_VA', year: 2025, factor: 1.45 }],
    divergence: [{ orgId: id('平川县'), year: 2025, growth: 0.115 }],
    copy: [{ orgId: id('麦田镇'), otherOrgId: id('双井乡'), code: 'VILLAGE_INCOME' }],
    sum: [{ orgId: id('东阳市'), code: 'GDP', year: 2025, factor: 1.06 }],
    // Most units that fell just short of 95 % on-time 12345 closures in 2025 report just over it.
    bunching: { code: 'HOTLINE_ONTIME', year: 2025, target: 95, share: 0.9 },
  };
}

/** Writes the demo units' figures with the planted frauds (upsert) inside a transaction. */
async function writeFigures(tx: Db, tenantId: number, seed: number, now: Date) {
  const ids = await seedIndicatorLibrary(tx, tenantId, now);
  const all = await orgTree(tx, tenantId);
  const units: FigureUnit[] = all.filter((o) => o.level === 'county' || o.level === 'township');
  const byName = new Map(all.map((o) => [o.name, o.id]));
  const { figures, planted } = generateFigures(units, INDICATOR_LIBRARY, DEMO_YEARS, seed, demoPlants(byName));
  await upsertValues(
    tx,
    figures.map((f) => ({
      tenantId,
      orgId: f.orgId,
      year: f.year,
      indicatorId: ids.get(f.code) ?? 0,
      value: f.value,
      source: '演示数据',
      enteredBy: null,
      now,
    })),
  );
  return { ids, units, byName, nameOf: new Map(all.map((o) => [o.id, o.name])), figures, planted };
}

/** Figures, third-party and satisfaction scores, leader changes and schemes for the demo city; results computed. */
export async function seedDemoAssessment(
  deps: AppDeps,
): Promise<{ indicators: number; figures: number; schemes: number; planted: PlantedFraud[] }> {
  const now = deps.now();
  const db = deps.database.db;
  const root = await firstRootOrg(db);
  if (!root) return { indicators: 0, figures: 0, schemes: 0, planted: [] };
  return db.transaction(async (tx) => {
    const { ids, units, byName, figures, planted } = await writeFigures(tx, root.tenantId, 20261206, now);
    // 第三方评估 and 群众满意度 for the counties, a little apart.
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const counties = units.filter((u) => u.level === 'county');
    for (const year of SCHEME_YEARS)
      for (const kind of ['third_party', 'satisfaction'] as const)
        await putInputs(
          tx,
          counties.map((c) => ({
            tenantId: root.tenantId,
            orgId: c.id,
            year,
            kind,
            score: Math.round((78 + rnd() * 18) * 10) / 10,
            enteredBy: null,
            now,
          })),
        );
    await addLeaderChanges(tx, [{ tenantId: root.tenantId, orgId: byName.get('禾田县') ?? 0, year: 2025 }]);
    // Schemes of three years, one per zone with counties; results computed so the ranking, trends and 结果运用 have data.
    let schemes = 0;
    for (const year of SCHEME_YEARS) {
      for (const [zone, spec] of Object.entries(ZONE_SCHEMES)) {
        const indicatorWeight = spec.lines.reduce((n, l) => n + l.weight, 0);
        const scheme = await createScheme(
          tx,
          {
            tenantId: root.tenantId,
            year,
            zone,
            orgLevel: 'county',
            name: `${year}年度${spec.name}`,
            thirdPartyWeight: 10,
            satisfactionWeight: 100 - 10 - indicatorWeight,
            deductions: DEDUCTIONS,
            maxDeduction: 10,
            gradeQuotas: { excellent: 0.2, good: 0.5, fair: 0.2 },
            createdAt: now,
            updatedAt: now,
          },
          spec.lines.map((l, i) => ({
            indicatorId: ids.get(l.code) ?? 0,
            weight: l.weight,
            method: l.method,
            target: l.target ?? null,
            cap: l.cap ?? null,
            fullMarkChange: null,
            sortOrder: i,
          })),
        );
        await storeResults(tx, scheme, now, null);
        schemes += 1;
      }
    }
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'system',
      action: 'seed.assessment',
      targetType: 'assessment',
      targetId: null,
      outcome: 'success',
      detail: { figures: figures.length, schemes, planted: planted.length },
      at: now,
    });
    return { indicators: ids.size, figures: figures.length, schemes, planted };
  });
}

/**
 * `shiji demo-figures`: (re)writes the demo units' figures with frauds of every kind planted, for trying 数据核查.
 * Figures are upserted (a value typed by a user for the same org, year and indicator is replaced).
 */
export async function writeDemoFigures(
  deps: AppDeps,
  seed = 20261206,
): Promise<{
  figures: number;
  units: number;
  indicators: number;
  years: number;
  planted: (PlantedFraud & { orgName: string | null; otherOrgName: string | null })[];
}> {
  const now = deps.now();
  const db = deps.database.db;
  const root = await firstRootOrg(db);
  if (!root) throw new AppError('unprocessable', { field: 'orgs', reason: 'reason.assessment.no_orgs' });
  return db.transaction(async (tx) => {
    const { units, nameOf, figures, planted } = await writeFigures(tx, root.tenantId, seed, now);
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'cli',
      action: 'assessment.demo_figures',
      targetType: 'assessment',
      targetId: null,
      outcome: 'success',
      detail: { figures: figures.length, seed },
      at: now,
    });
    return {
      figures: figures.length,
      units: units.length,
      indicators: INDICATOR_LIBRARY.length,
      years: DEMO_YEARS.length,
      planted: planted.map((p) => ({
        ...p,
        orgName: p.orgId ? (nameOf.get(p.orgId) ?? null) : null,
        otherOrgName: p.otherOrgId ? (nameOf.get(p.otherOrgId) ?? null) : null,
      })),
    };
  });
}
