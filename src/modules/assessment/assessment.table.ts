import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ledgerItems } from '../ledger/ledger.table.js';
import { orgs, users } from '../org/org.table.js';
import { storedFiles } from '../../platform/files.table.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The indicator library (指标库): what is measured, which way is better, visible (显绩) or latent (潜绩). */
export const indicators = pgTable(
  'assessment_indicators',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    /** 经济 economy, 民生 livelihood, 生态 ecology, 安全 safety, 党建 party building, 满意度 satisfaction, 治理 governance. */
    domain: text('domain').notNull(),
    direction: text('direction').notNull(),
    visibility: text('visibility').notNull(),
    /** Where the figure comes from (统计局, 税务, 电力公司…). */
    dataSource: text('data_source').notNull().default(''),
    /** Latent indicators: years the work takes to show; improvement is judged against the value that many years before. */
    lagYears: integer('lag_years').notNull().default(0),
    /** Integrity checks group indicators by family (gdp, electricity, tax, freight, loans…). */
    family: text('family'),
    /** Hard to fake (electricity, tax, freight, loans): the yardstick of the divergence check. */
    isHard: boolean('is_hard').notNull().default(false),
    description: text('description').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('assessment_indicators_code_uq').on(t.tenantId, t.code)],
);

/**
 * An assessment scheme (考核方案) for one year and zone (差异化考核). Versioned: once results exist, a change makes
 * a new version and the results keep pointing at the version they were computed with.
 */
export const schemes = pgTable(
  'assessment_schemes',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    year: integer('year').notNull(),
    zone: text('zone').notNull(),
    /** The level of the units assessed (county, township, department…). */
    orgLevel: text('org_level').notNull().default('county'),
    name: text('name').notNull(),
    /** 1, 2, …: the scheme's edition for this year and zone. */
    edition: integer('edition').notNull().default(1),
    /** `current` or `superseded` (a newer edition exists). */
    status: text('status').notNull().default('current'),
    thirdPartyWeight: doublePrecision('third_party_weight').notNull().default(0),
    satisfactionWeight: doublePrecision('satisfaction_weight').notNull().default(0),
    /** Deductions from the ledger: [{ kind, pointsEach, cap }]. */
    deductions: jsonb('deductions').$type<{ kind: string; pointsEach: number; cap: number }[]>().notNull().default([]),
    maxDeduction: doublePrecision('max_deduction'),
    /** Grade quotas, shares from the top: { excellent, good, fair }; the rest are poor. */
    gradeQuotas: jsonb('grade_quotas').$type<{ excellent: number; good: number; fair: number }>().notNull(),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('assessment_schemes_edition_uq').on(t.tenantId, t.year, t.zone, t.orgLevel, t.edition),
    index('assessment_schemes_year_idx').on(t.tenantId, t.year),
  ],
);

/** The indicators of a scheme with their weight and scoring method. */
export const schemeIndicators = pgTable(
  'assessment_scheme_indicators',
  {
    schemeId: ref('scheme_id')
      .notNull()
      .references(() => schemes.id),
    indicatorId: ref('indicator_id')
      .notNull()
      .references(() => indicators.id),
    weight: doublePrecision('weight').notNull(),
    /** `target` attainment, `peer_minmax` within the zone, `improvement` over the unit's own baseline. */
    method: text('method').notNull(),
    target: doublePrecision('target'),
    cap: doublePrecision('cap'),
    fullMarkChange: doublePrecision('full_mark_change'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.schemeId, t.indicatorId] })],
);

/** Reported figures (一表同享: typed once, read by every scheme and report): org × year × indicator. */
export const indicatorValues = pgTable(
  'assessment_values',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    indicatorId: ref('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: doublePrecision('value').notNull(),
    source: text('source').notNull().default(''),
    enteredBy: ref('entered_by').references(() => users.id),
    evidenceFileId: ref('evidence_file_id').references(() => storedFiles.id),
    /** `reported`, `verified` (checked against the source) or `disputed` (an integrity flag is open on it). */
    verification: text('verification').notNull().default('reported'),
    /** Who marked the figure verified, and when (cleared when the figure changes or is set back). */
    verifiedBy: ref('verified_by').references(() => users.id),
    verifiedAt: stamp('verified_at'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('assessment_values_uq').on(t.orgId, t.year, t.indicatorId),
    index('assessment_values_indicator_idx').on(t.tenantId, t.indicatorId, t.year),
  ],
);

/** Scores from outside the figures: 第三方评估 and 群众满意度, 0–100 per org and year. */
export const assessmentInputs = pgTable(
  'assessment_inputs',
  {
    tenantId: ref('tenant_id').notNull(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    /** `third_party` or `satisfaction`. */
    kind: text('kind').notNull(),
    score: doublePrecision('score').notNull(),
    source: text('source').notNull().default(''),
    enteredBy: ref('entered_by').references(() => users.id),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.kind] })],
);

/** Years in which an org's principal (一把手) changed: a jump in such a year is looked at on its own. */
export const leaderChanges = pgTable(
  'assessment_leader_changes',
  {
    tenantId: ref('tenant_id').notNull(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

/** Computed results: one row per org and scheme edition, with the breakdown that explains every point. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    schemeId: ref('scheme_id')
      .notNull()
      .references(() => schemes.id),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    zone: text('zone').notNull(),
    total: doublePrecision('total').notNull(),
    rank: integer('rank').notNull(),
    grade: text('grade').notNull(),
    visibleScore: doublePrecision('visible_score').notNull(),
    latentScore: doublePrecision('latent_score').notNull(),
    breakdown: jsonb('breakdown').$type<Record<string, unknown>>().notNull(),
    computedAt: stamp('computed_at').notNull(),
    computedBy: ref('computed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('assessment_results_uq').on(t.schemeId, t.orgId),
    index('assessment_results_org_idx').on(t.tenantId, t.orgId, t.year),
  ],
);

/** 数据核查 flags: what was tested, on which numbers, the statistic, the threshold and why it fired. Never a verdict. */
export const integrityFlags = pgTable(
  'integrity_flags',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    /** `benford`, `last_digit`, `heaping`, `jump`, `divergence`, `bunching`, `copy`, `sum`. */
    check: text('check').notNull(),
    orgId: ref('org_id').references(() => orgs.id),
    indicatorId: ref('indicator_id').references(() => indicators.id),
    year: integer('year'),
    /** Same check, org, indicator and year: a rerun updates the flag instead of adding another. */
    fingerprint: text('fingerprint').notNull(),
    reasonKey: text('reason_key').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** The numbers tested and the statistic, for the explanation. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    /** `open`, `dismissed` (with a note) or `referred` (a ledger item was made of it). */
    status: text('status').notNull().default('open'),
    ledgerItemId: ref('ledger_item_id').references(() => ledgerItems.id),
    note: text('note'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('integrity_flags_fp_uq').on(t.tenantId, t.fingerprint),
    index('integrity_flags_org_idx').on(t.tenantId, t.orgId),
    index('integrity_flags_status_idx').on(t.tenantId, t.status, t.createdAt),
  ],
);

/** Nightly 数据核查 runs, claimed per tenant and day so that several servers run it once. */
export const integrityRuns = pgTable(
  'integrity_runs',
  {
    tenantId: ref('tenant_id').notNull(),
    runOn: text('run_on').notNull(),
    year: integer('year').notNull(),
    flags: integer('flags'),
    startedAt: stamp('started_at').notNull(),
    finishedAt: stamp('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.runOn] })],
);
