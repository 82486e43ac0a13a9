import { z } from 'zod';
import { line, text } from '../../platform/text.js';
import { ORG_LEVELS, ORG_ZONES } from '../org/org.values.js';
import { DEDUCTION_KINDS, DIGIT_TESTS, FLAG_STATUSES, INDICATOR_DOMAINS, INTEGRITY_CHECKS, SCORING_METHODS } from './assessment.values.js';

export { DEDUCTION_KINDS, DIGIT_TESTS, FLAG_STATUSES, INDICATOR_DOMAINS, INTEGRITY_CHECKS, SCORING_METHODS };

const ZOrgLevel = z.enum(ORG_LEVELS);
const ZOrgZone = z.enum(ORG_ZONES);
import { GRADES } from './scoring.rules.js';

export const ZDomain = z.enum(INDICATOR_DOMAINS);
export const ZDirection = z.enum(['higher_better', 'lower_better']);
export const ZVisibility = z.enum(['visible', 'latent']);
export const ZMethod = z.enum(SCORING_METHODS);
export const ZGrade = z.enum(GRADES);
const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZRefId = z.number().int().positive();
const ZFinite = z.number().finite();
const ZExplanation = z.object({ key: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() });

/** An indicator (指标) as the API shows it. */
export const ZIndicator = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  domain: ZDomain,
  direction: ZDirection,
  visibility: ZVisibility,
  dataSource: z.string(),
  lagYears: z.number(),
  family: z.string().nullable(),
  isHard: z.boolean(),
  description: z.string(),
  isActive: z.boolean(),
  version: z.number(),
});
export type TIndicator = z.infer<typeof ZIndicator>;
export const ZIndicatorList = z.object({ items: z.array(ZIndicator) });
export const ZIndicatorQuery = z.object({
  domain: ZDomain.optional(),
  visibility: ZVisibility.optional(),
  q: line().trim().max(50).optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** Adding an indicator to the library. */
export const ZCreateIndicatorRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'),
  name: line().trim().min(1).max(100),
  unit: line().trim().max(20).optional(),
  domain: ZDomain,
  direction: ZDirection,
  visibility: ZVisibility,
  dataSource: line().trim().max(100).optional(),
  lagYears: z.number().int().min(0).max(10).optional(),
  family: line().trim().min(1).max(30).optional(),
  isHard: z.boolean().optional(),
  description: text().trim().max(2000).optional(),
});
export type TCreateIndicatorRequest = z.infer<typeof ZCreateIndicatorRequest>;
/** Changing an indicator: what is sent changes; `version` must be current. */
export const ZUpdateIndicatorRequest = ZCreateIndicatorRequest.omit({ code: true })
  .partial()
  .extend({
    isActive: z.boolean().optional(),
    family: line().trim().min(1).max(30).nullable().optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type TUpdateIndicatorRequest = z.infer<typeof ZUpdateIndicatorRequest>;

/** One indicator of a scheme: weight and scoring method. */
export const ZSchemeLine = z.strictObject({
  indicatorId: ZRefId,
  weight: z.number().positive().max(100),
  method: ZMethod,
  target: ZFinite.optional(),
  cap: z.number().min(1).max(2).optional(),
  fullMarkChange: z.number().positive().max(10).optional(),
});
const ZDeduction = z.strictObject({
  kind: z.enum(DEDUCTION_KINDS),
  pointsEach: z.number().positive().max(100),
  cap: z.number().positive().max(100),
});
const ZQuotas = z.strictObject({ excellent: z.number().min(0).max(1), good: z.number().min(0).max(1), fair: z.number().min(0).max(1) });

/** Creating a scheme, or replacing its content (a scheme with results gets a new edition instead). */
export const ZSchemeRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  zone: ZOrgZone,
  /** The level of the units assessed; county by default. */
  orgLevel: ZOrgLevel.default('county'),
  name: line().trim().min(1).max(100),
  indicators: z.array(ZSchemeLine).min(1).max(300),
  thirdPartyWeight: z.number().min(0).max(100).default(0),
  satisfactionWeight: z.number().min(0).max(100).default(0),
  deductions: z.array(ZDeduction).max(10).default([]),
  maxDeduction: z.number().positive().max(100).optional(),
  gradeQuotas: ZQuotas.default({ excellent: 0.2, good: 0.5, fair: 0.2 }),
  /** The version seen, when replacing. */
  version: z.number().int().positive().optional(),
});
export type TSchemeRequest = z.infer<typeof ZSchemeRequest>;

/** A scheme as the API shows it. */
export const ZScheme = z.object({
  id: z.number(),
  year: z.number(),
  zone: ZOrgZone,
  orgLevel: ZOrgLevel,
  name: z.string(),
  edition: z.number(),
  status: z.enum(['current', 'superseded']),
  indicators: z.array(
    z.object({
      indicatorId: z.number(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: ZDirection,
      visibility: ZVisibility,
      weight: z.number(),
      method: ZMethod,
      target: z.number().nullable(),
      cap: z.number().nullable(),
      fullMarkChange: z.number().nullable(),
    }),
  ),
  thirdPartyWeight: z.number(),
  satisfactionWeight: z.number(),
  deductions: z.array(z.object({ kind: z.string(), pointsEach: z.number(), cap: z.number() })),
  maxDeduction: z.number().nullable(),
  gradeQuotas: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }),
  weightSum: z.number(),
  /** Results computed with this edition. */
  resultCount: z.number(),
  computedAt: z.string().nullable(),
  version: z.number(),
});
export type TScheme = z.infer<typeof ZScheme>;
export const ZSchemeList = z.object({ items: z.array(ZScheme) });
export const ZSchemeQuery = z.object({
  year: ZYear.optional(),
  zone: ZOrgZone.optional(),
  includeSuperseded: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** The data-entry grid: the orgs of a zone (or of the caller's scope) × the indicators, for one year. */
export const ZValuesQuery = z.object({
  year: ZYear,
  schemeId: z.coerce.number().int().positive().optional(),
  zone: ZOrgZone.optional(),
  indicatorId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional(),
});
export const ZValueCell = z.object({
  orgId: z.number(),
  indicatorId: z.number(),
  value: z.number(),
  source: z.string(),
  verification: z.enum(['reported', 'verified', 'disputed']),
  enteredByName: z.string().nullable(),
  updatedAt: z.string(),
  /** 佐证材料: the file behind the figure (a yearbook page, a bureau's letter), if attached. */
  evidence: z.object({ fileName: z.string(), mimeType: z.string(), size: z.number() }).nullable(),
  /** Who verified the figure against its source, when, and their note. */
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type TValueCell = z.infer<typeof ZValueCell>;
/** One figure: org × indicator × year (query string of the evidence routes). */
export const ZFigureQuery = z.object({
  year: ZYear,
  orgId: z.coerce.number().int().positive(),
  indicatorId: z.coerce.number().int().positive(),
});
/** Marking a figure verified against its source (or back to reported), with an optional note. */
export const ZVerifyRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  orgId: ZRefId,
  indicatorId: ZRefId,
  verification: z.enum(['verified', 'reported']),
  note: text().trim().max(500).optional(),
});
export const ZValueGrid = z.object({
  year: z.number(),
  orgs: z.array(z.object({ id: z.number(), name: z.string(), zone: ZOrgZone })),
  indicators: z.array(ZIndicator),
  cells: z.array(ZValueCell),
  /** 第三方评估 and 群众满意度 scores of the year, by org. */
  inputs: z.array(z.object({ orgId: z.number(), kind: z.enum(['third_party', 'satisfaction']), score: z.number() })),
});
export type TValueGrid = z.infer<typeof ZValueGrid>;

/** Saving cells of the grid: all or nothing; `value: null` clears a cell. */
export const ZPutValuesRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  values: z
    .array(z.strictObject({ orgId: ZRefId, indicatorId: ZRefId, value: ZFinite.nullable(), source: line().trim().max(100).optional() }))
    .min(1)
    .max(5000),
});
/** Saving 第三方评估 / 群众满意度 scores (0–100). */
export const ZPutInputsRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(['third_party', 'satisfaction']),
  scores: z
    .array(z.strictObject({ orgId: ZRefId, score: z.number().min(0).max(100).nullable() }))
    .min(1)
    .max(5000),
});
export const ZSaved = z.object({ saved: z.number(), cleared: z.number() });
/** The template and the import of figures: a year, a scheme (its indicators and units), and dryRun to check only. */
export const ZValuesFileQuery = z.object({
  year: ZYear,
  schemeId: z.coerce.number().int().positive().optional(),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ZValuesImportResult = z.object({ dryRun: z.boolean(), rows: z.number(), values: z.number() });

const ZLine = z.object({
  indicatorId: z.number(),
  code: z.string(),
  name: z.string(),
  rawValue: z.number().nullable(),
  method: ZMethod,
  subScore: z.number().nullable(),
  weight: z.number(),
  contribution: z.number(),
  visibility: ZVisibility,
  explanation: ZExplanation,
  /** One org's breakdown only: the figure's verification today and whether evidence is attached. */
  verification: z.enum(['reported', 'verified', 'disputed']).nullable().optional(),
  hasEvidence: z.boolean().optional(),
});
const ZInputLine = z.object({ score: z.number().nullable(), weight: z.number(), contribution: z.number(), explanation: ZExplanation });
/** One org's result and the breakdown that explains every point. */
export const ZOrgResult = z.object({
  orgId: z.number(),
  name: z.string(),
  zone: ZOrgZone,
  year: z.number(),
  total: z.number(),
  rank: z.number(),
  /** Units ranked in the zone. */
  of: z.number(),
  grade: ZGrade,
  previousGrade: ZGrade.nullable(),
  indicatorScore: z.number(),
  visibleScore: z.number(),
  latentScore: z.number(),
  latentShare: z.number(),
  lines: z.array(ZLine),
  thirdParty: ZInputLine,
  satisfaction: ZInputLine,
  deductions: z.array(
    z.object({
      kind: z.string(),
      count: z.number(),
      pointsEach: z.number(),
      points: z.number(),
      capped: z.boolean(),
      itemIds: z.array(z.number()),
      /** One org's breakdown only: code and title of the items the caller may read. */
      items: z.array(z.object({ id: z.number(), code: z.string(), title: z.string() })).optional(),
    }),
  ),
  deductionsBeforeMax: z.number(),
  deductionTotal: z.number(),
  deductionsCappedByMax: z.boolean(),
  missing: z.array(z.object({ indicatorId: z.number(), reason: z.string() })),
});
export type TOrgResult = z.infer<typeof ZOrgResult>;
export const ZResults = z.object({ scheme: ZScheme, computedAt: z.string().nullable(), results: z.array(ZOrgResult) });

/** What-if: other weights, nothing saved. */
export const ZWhatIfRequest = z.strictObject({
  indicatorWeights: z.record(line().regex(/^\d+$/, 'an indicator id'), z.number().min(0).max(100)).optional(),
  thirdPartyWeight: z.number().min(0).max(100).optional(),
  satisfactionWeight: z.number().min(0).max(100).optional(),
});
export const ZWhatIf = z.object({
  weightSum: z.number(),
  isWeightSumValid: z.boolean(),
  moves: z.array(
    z.object({
      orgId: z.number(),
      name: z.string(),
      rankBefore: z.number(),
      rankAfter: z.number(),
      rankChange: z.number(),
      totalBefore: z.number(),
      totalAfter: z.number(),
      gradeBefore: ZGrade,
      gradeAfter: ZGrade,
    }),
  ),
});

/** 结果运用: excellent three years running (优先使用) and bottom of the zone with serious open problems (约谈). */
export const ZResultUse = z.object({
  year: z.number(),
  priorityUse: z.array(z.object({ orgId: z.number(), name: z.string(), zone: ZOrgZone, reason: ZExplanation })),
  admonition: z.array(z.object({ orgId: z.number(), name: z.string(), zone: ZOrgZone, reason: ZExplanation })),
});
export const ZResultUseQuery = z.object({ year: ZYear });
export const ZResultParams = z.object({ id: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });

/** Turning a result or a flag into a ledger item (以考促改 / 核查): what the new item says. */
export const ZToLedgerRequest = z.strictObject({
  title: line().trim().min(1).max(200).optional(),
  description: text().trim().max(5000).optional(),
  deadline: z.iso.date().optional(),
});
export const ZToLedgerResult = z.object({ itemId: z.number(), code: z.string() });

/** An integrity flag as the API shows it. */
export const ZFlag = z.object({
  id: z.number(),
  check: z.enum(INTEGRITY_CHECKS),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  indicatorId: z.number().nullable(),
  indicatorName: z.string().nullable(),
  year: z.number().nullable(),
  reason: ZExplanation,
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(FLAG_STATUSES),
  ledgerItemId: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TFlag = z.infer<typeof ZFlag>;
export const ZFlagPage = z.object({ total: z.number(), items: z.array(ZFlag) });
export const ZFlagQuery = z.object({
  status: z.enum(FLAG_STATUSES).optional(),
  check: z.enum(INTEGRITY_CHECKS).optional(),
  year: ZYear.optional(),
  orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const ZIntegrityRunRequest = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const ZIntegrityRun = z.object({
  year: z.number(),
  checked: z.number(),
  flags: z.number(),
  newFlags: z.number(),
  byCheck: z.record(z.string(), z.number()),
  refused: z.array(ZExplanation),
});
export const ZDismissRequest = z.strictObject({ note: text().trim().min(1).max(2000) });

/** The digit analysis of an uploaded column (the same as `shiji integrity digits`). */
export const ZDigitsFields = z.strictObject({
  test: z.enum(DIGIT_TESTS).default('first'),
  column: line().trim().min(1).max(100).optional(),
});
export const ZDigits = z.object({
  test: z.enum(DIGIT_TESTS),
  n: z.number(),
  skipped: z.number(),
  digits: z.array(z.number()),
  counts: z.array(z.number()),
  expected: z.array(z.number()),
  mad: z.number(),
  conformity: z.enum(['close', 'acceptable', 'marginal', 'nonconformity']),
  chiSquare: z.number(),
  df: z.number(),
  pValue: z.number(),
  z: z.array(z.number()),
});

/** An org's figures of one indicator over the years, beside its zone's median (trend lines). */
export const ZTrendQuery = z.object({ orgId: z.coerce.number().int().positive(), indicatorId: z.coerce.number().int().positive() });
export const ZTrend = z.object({
  indicator: ZIndicator,
  points: z.array(z.object({ year: z.number(), value: z.number().nullable(), zoneMedian: z.number().nullable() })),
});
/** One org's sub-scores against its zone's median (radar chart). */
export const ZRadar = z.object({
  orgId: z.number(),
  name: z.string(),
  axes: z.array(
    z.object({ indicatorId: z.number(), name: z.string(), subScore: z.number().nullable(), zoneMedian: z.number().nullable() }),
  ),
});

/** Years in which an org's principal (一把手) changed: jumps in such a year are looked at on their own. */
export const ZLeaderChanges = z.object({ items: z.array(z.object({ orgId: z.number(), orgName: z.string(), year: z.number() })) });
/** Recording (or, with `remove`, deleting) a leader-change year of an org in scope. */
export const ZLeaderChangeRequest = z.strictObject({
  orgId: ZRefId,
  year: z.number().int().min(2000).max(2100),
  remove: z.boolean().optional(),
});
