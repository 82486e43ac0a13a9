/**
 * How the assessment module's records leave the server: rows and rule results shaped as the contract says, every
 * explanation with its text in the caller's locale (the raw key and params stay for the UI).
 */
import { translate, type Locale } from '../../platform/i18n.js';
import type { TFlag, TIndicator, TOrgResult, TScheme, TValueCell } from './assessment.contract.js';
import type { IndicatorRow } from './indicators/indicators.repository.js';
import type { FlagRow } from './integrity/integrity.repository.js';
import type { SchemeLineRow, SchemeRow } from './schemes/schemes.repository.js';
import { weightSumOf, type Explanation, type OrgResult } from './scoring.rules.js';
import type { ValueRow } from './values/values.repository.js';

/** Parameters that are fractions and read best as percentages (growth 0.123 → 12.3%). */
const PERCENT_PARAMS = new Set([
  'growth',
  'reportedGrowth',
  'hardMean',
  'gap',
  'share',
  'expectedShare',
  'relativeDifference',
  'maxRelativeDifference',
  'attainment',
  'change',
  'fullMarkChange',
]);

/** A parameter as a person reads it: fractions as percentages, other numbers to four significant digits. */
function formatParam(name: string, value: unknown): string | number {
  if (typeof value !== 'number') return typeof value === 'string' ? value : JSON.stringify(value);
  if (!Number.isFinite(value) || Math.abs(value) >= Number.MAX_VALUE) return value > 0 ? '∞' : '-∞';
  if (PERCENT_PARAMS.has(name)) return `${Number((value * 100).toPrecision(4))}%`;
  if (Number.isInteger(value)) return value;
  return Math.abs(value) < 1e-4 ? value.toExponential(2) : Number(value.toPrecision(4));
}

/** An explanation as the API shows it: key, raw params and the text in the caller's locale. */
export interface Explained {
  key: string;
  params: Record<string, unknown>;
  text: string;
}

/** Presents an explanation with its text in the caller's locale (the raw params stay for the UI). */
export function explain(e: { key: string; params: Readonly<Record<string, unknown>> }, locale: Locale): Explained {
  const params = { ...e.params };
  const shown: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) shown[k] = formatParam(k, v);
  if (typeof params.check === 'string') {
    const name = translate(locale, `integrity.check.${params.check}`, {});
    // A refusal names the indicator it concerns: "全社会用电量（本福特首位数字检验）：…".
    shown.check =
      e.key.startsWith('integrity.refused.') && typeof params.indicator === 'string'
        ? translate(locale, 'integrity.check.of', { indicator: params.indicator, check: name })
        : name;
  }
  return { key: e.key, params, text: translate(locale, e.key, shown) };
}

/** Explains a rule explanation for other modules (e.g. the CLI). */
export function explanationText(e: Explanation, locale: Locale): string {
  return explain(e, locale).text;
}

/** An indicator of the library. */
export function presentIndicator(r: IndicatorRow): TIndicator {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    domain: r.domain as TIndicator['domain'],
    direction: r.direction as TIndicator['direction'],
    visibility: r.visibility as TIndicator['visibility'],
    dataSource: r.dataSource,
    lagYears: r.lagYears,
    family: r.family,
    isHard: r.isHard,
    description: r.description,
    isActive: r.isActive,
    version: r.version,
  };
}

/** A scheme with its lines (each naming its indicator), its weight sum and how many results it has. */
export function presentScheme(
  r: SchemeRow,
  lines: readonly SchemeLineRow[],
  indicatorsById: ReadonlyMap<number, IndicatorRow>,
  stats: { n: number; computedAt: Date | null } | undefined,
): TScheme {
  const scheme: TScheme = {
    id: r.id,
    year: r.year,
    zone: r.zone as TScheme['zone'],
    orgLevel: r.orgLevel as TScheme['orgLevel'],
    name: r.name,
    edition: r.edition,
    status: r.status as TScheme['status'],
    indicators: lines.map((l) => {
      const ind = indicatorsById.get(l.indicatorId);
      return {
        indicatorId: l.indicatorId,
        code: ind?.code ?? '',
        name: ind?.name ?? '',
        unit: ind?.unit ?? '',
        direction: (ind?.direction ?? 'higher_better') as 'higher_better' | 'lower_better',
        visibility: (ind?.visibility ?? 'visible') as 'visible' | 'latent',
        weight: l.weight,
        method: l.method as 'target' | 'peer_minmax' | 'improvement',
        target: l.target,
        cap: l.cap,
        fullMarkChange: l.fullMarkChange,
      };
    }),
    thirdPartyWeight: r.thirdPartyWeight,
    satisfactionWeight: r.satisfactionWeight,
    deductions: r.deductions,
    maxDeduction: r.maxDeduction,
    gradeQuotas: r.gradeQuotas,
    weightSum: 0,
    resultCount: stats?.n ?? 0,
    computedAt: stats?.computedAt?.toISOString() ?? null,
    version: r.version,
  };
  scheme.weightSum = weightSumOf({
    indicators: scheme.indicators.map((l) => ({ indicatorId: l.indicatorId, weight: l.weight, method: l.method })),
    thirdPartyWeight: r.thirdPartyWeight,
    satisfactionWeight: r.satisfactionWeight,
  });
  return scheme;
}

/** A figure with its source, evidence and verification; `names` holds the display names of who entered and verified it. */
export function presentCell(c: ValueRow, names: ReadonlyMap<number, string>): TValueCell {
  return {
    orgId: c.orgId,
    indicatorId: c.indicatorId,
    value: c.value,
    source: c.source,
    verification: c.verification as TValueCell['verification'],
    enteredByName: c.enteredBy === null ? null : (names.get(c.enteredBy) ?? null),
    updatedAt: c.updatedAt.toISOString(),
    evidence: c.evidence,
    verifiedByName: c.verifiedBy === null ? null : (names.get(c.verifiedBy) ?? null),
    verifiedAt: c.verifiedAt ? c.verifiedAt.toISOString() : null,
    note: c.note,
  };
}

/** A unit's result with every explanation in the caller's locale; `of` is how many units were ranked. */
export function presentResult(r: OrgResult, of: number, locale: Locale): TOrgResult {
  return {
    orgId: r.orgId,
    name: r.name,
    zone: r.zone as TOrgResult['zone'],
    year: r.year,
    total: r.total,
    rank: r.rank,
    of,
    grade: r.grade,
    previousGrade: r.previousGrade,
    indicatorScore: r.indicatorScore,
    visibleScore: r.visibleScore,
    latentScore: r.latentScore,
    latentShare: r.latentShare,
    lines: r.lines.map((l) => ({ ...l, explanation: explain(l.explanation, locale) })),
    thirdParty: { ...r.thirdParty, explanation: explain(r.thirdParty.explanation, locale) },
    satisfaction: { ...r.satisfaction, explanation: explain(r.satisfaction.explanation, locale) },
    deductions: r.deductions.map((d) => ({ ...d, itemIds: [...d.itemIds] })),
    deductionsBeforeMax: r.deductionsBeforeMax,
    deductionTotal: r.deductionTotal,
    deductionsCappedByMax: r.deductionsCappedByMax,
    missing: r.missing.map((m) => ({ indicatorId: m.indicatorId, reason: m.reason })),
  };
}

/** A flag with its org and indicator named and its reason in the caller's locale. */
export function presentFlag(r: FlagRow, names: { orgs: Map<number, string>; indicators: Map<number, string> }, locale: Locale): TFlag {
  return {
    id: r.id,
    check: r.check as TFlag['check'],
    orgId: r.orgId,
    orgName: r.orgId ? (names.orgs.get(r.orgId) ?? null) : null,
    indicatorId: r.indicatorId,
    indicatorName: r.indicatorId ? (names.indicators.get(r.indicatorId) ?? null) : null,
    year: r.year,
    reason: explain(
      {
        key: r.reasonKey,
        params: {
          ...r.params,
          org: r.orgId ? (names.orgs.get(r.orgId) ?? '') : '',
          indicator: r.indicatorId ? (names.indicators.get(r.indicatorId) ?? '') : '',
        },
      },
      locale,
    ),
    detail: r.detail,
    status: r.status as TFlag['status'],
    ledgerItemId: r.ledgerItemId,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
