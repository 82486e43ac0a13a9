import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { checkFileType, readFile, saveFile } from '../../platform/files.js';
import type { Principal } from '../../platform/http.js';
import { translate, type Locale } from '../../platform/i18n.js';
import { localDate, localHour, localYear } from '../../platform/time.js';
import { authorize, isOrgInScope, orgNames, orgScopeCondition } from '../org/org.service.js';
import { orgs } from '../org/org.table.js';
import { createItem, itemBriefs, ledgerCountsForAssessment } from '../ledger/index.js';
import type {
  TCreateIndicatorRequest,
  TFlag,
  TIndicator,
  TOrgResult,
  TScheme,
  TSchemeRequest,
  TUpdateIndicatorRequest,
  TValueCell,
  TValueGrid,
} from './assessment.contract.js';
import * as repo from './assessment.repository.js';
import { runIntegrityChecks } from './assessment.integrity.js';
import {
  baselineYear,
  computeResults,
  resultUse as pickResultUse,
  validateWeights,
  weightSumOf,
  whatIf as tryWeights,
  type AssessmentInput,
  type Explanation,
  type Grade,
  type Indicator,
  type OrgResult,
  type Scheme,
  type WeightChanges,
} from './scoring.rules.js';

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

/** Presents an explanation with its text in the caller's locale (the raw params stay for the UI). */
function explain(
  e: { key: string; params: Readonly<Record<string, unknown>> },
  locale: Locale,
): { key: string; params: Record<string, unknown>; text: string } {
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

function presentIndicator(r: repo.IndicatorRow): TIndicator {
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

function toRuleIndicator(r: repo.IndicatorRow): Indicator {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    direction: r.direction as Indicator['direction'],
    visibility: r.visibility as Indicator['visibility'],
    lagYears: r.lagYears,
  };
}

/** The indicator library of the caller's tenant. */
export async function listIndicators(
  deps: AppDeps,
  principal: Principal,
  query: { domain?: string | undefined; visibility?: string | undefined; q?: string | undefined; includeInactive?: boolean | undefined },
): Promise<TIndicator[]> {
  authorize(principal, 'assessment.read');
  return (await repo.findIndicators(deps.database.db, principal.tenantId, query)).map(presentIndicator);
}

/** Adds an indicator to the library (组织部). */
export async function createIndicator(deps: AppDeps, actor: Actor, input: TCreateIndicatorRequest): Promise<TIndicator> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if ((await repo.findIndicatorsByCodes(tx, actor.principal.tenantId, [input.code])).length)
      throw new AppError('conflict', { field: 'code', value: input.code });
    const [row] = await repo.createIndicators(tx, [
      {
        tenantId: actor.principal.tenantId,
        code: input.code,
        name: input.name,
        unit: input.unit ?? '',
        domain: input.domain,
        direction: input.direction,
        visibility: input.visibility,
        dataSource: input.dataSource ?? '',
        lagYears: input.visibility === 'latent' ? (input.lagYears ?? 0) : 0,
        family: input.family ?? null,
        isHard: input.isHard ?? false,
        description: input.description ?? '',
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!row) throw new Error('insert returned nothing');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.indicator.create', { type: 'indicator', id: row.id }, { code: row.code }),
    );
    return presentIndicator(row);
  });
}

/** Changes an indicator, version-checked. */
export async function updateIndicator(deps: AppDeps, actor: Actor, id: number, input: TUpdateIndicatorRequest): Promise<TIndicator> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [current] = await repo.findIndicatorsByIds(tx, [id]);
    if (!current || current.tenantId !== actor.principal.tenantId) throw notFound('entity.indicator');
    const { version, ...fields } = input;
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) patch[k] = v;
    if ((fields.visibility ?? current.visibility) !== 'latent') patch.lagYears = 0;
    const row = await repo.updateIndicator(tx, id, version, patch, now);
    if (!row) throw new AppError('version_conflict');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.indicator.update', { type: 'indicator', id }, { fields: Object.keys(patch) }),
    );
    return presentIndicator(row);
  });
}

async function presentSchemes(db: Db, rows: repo.SchemeRow[]): Promise<TScheme[]> {
  const lines = await repo.findSchemeLines(
    db,
    rows.map((r) => r.id),
  );
  const inds = new Map(
    (
      await repo.findIndicatorsByIds(
        db,
        lines.map((l) => l.indicatorId),
      )
    ).map((i) => [i.id, i]),
  );
  const stats = await repo.resultStats(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = lines.filter((l) => l.schemeId === r.id);
    const scheme: TScheme = {
      id: r.id,
      year: r.year,
      zone: r.zone as TScheme['zone'],
      orgLevel: r.orgLevel as TScheme['orgLevel'],
      name: r.name,
      edition: r.edition,
      status: r.status as TScheme['status'],
      indicators: mine.map((l) => {
        const ind = inds.get(l.indicatorId);
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
      resultCount: stats.get(r.id)?.n ?? 0,
      computedAt: stats.get(r.id)?.computedAt?.toISOString() ?? null,
      version: r.version,
    };
    scheme.weightSum = weightSumOf({
      indicators: scheme.indicators.map((l) => ({ indicatorId: l.indicatorId, weight: l.weight, method: l.method })),
      thirdPartyWeight: r.thirdPartyWeight,
      satisfactionWeight: r.satisfactionWeight,
    });
    return scheme;
  });
}

/** Schemes of the tenant. */
export async function listSchemes(
  deps: AppDeps,
  principal: Principal,
  query: { year?: number | undefined; zone?: string | undefined; includeSuperseded?: boolean | undefined },
): Promise<TScheme[]> {
  authorize(principal, 'assessment.read');
  return presentSchemes(deps.database.db, await repo.findSchemes(deps.database.db, principal.tenantId, query));
}

async function requireScheme(db: Db, principal: Principal, id: number): Promise<repo.SchemeRow> {
  const row = await repo.findScheme(db, id);
  if (!row || row.tenantId !== principal.tenantId) throw notFound('entity.scheme');
  return row;
}

/** One scheme. */
export async function getScheme(deps: AppDeps, principal: Principal, id: number): Promise<TScheme> {
  authorize(principal, 'assessment.read');
  const [scheme] = await presentSchemes(deps.database.db, [await requireScheme(deps.database.db, principal, id)]);
  if (!scheme) throw notFound('entity.scheme');
  return scheme;
}

function toRuleScheme(
  input: Pick<
    TSchemeRequest,
    'year' | 'zone' | 'indicators' | 'thirdPartyWeight' | 'satisfactionWeight' | 'deductions' | 'maxDeduction' | 'gradeQuotas'
  >,
): Scheme {
  return {
    year: input.year,
    zone: input.zone,
    indicators: input.indicators.map((l) => ({
      indicatorId: l.indicatorId,
      weight: l.weight,
      method: l.method,
      ...(l.target !== undefined && l.target !== null ? { target: l.target } : {}),
      ...(l.cap !== undefined && l.cap !== null ? { cap: l.cap } : {}),
      ...(l.fullMarkChange !== undefined && l.fullMarkChange !== null ? { fullMarkChange: l.fullMarkChange } : {}),
    })),
    thirdPartyWeight: input.thirdPartyWeight,
    satisfactionWeight: input.satisfactionWeight,
    deductions: input.deductions,
    ...(input.maxDeduction !== undefined && input.maxDeduction !== null ? { maxDeduction: input.maxDeduction } : {}),
    gradeQuotas: input.gradeQuotas,
  };
}

/** Checks a scheme's content: indicators of the tenant, weights summing to 100 (the gap named), methods complete. */
async function checkScheme(db: Db, principal: Principal, input: TSchemeRequest): Promise<void> {
  const ids = input.indicators.map((l) => l.indicatorId);
  const found = (await repo.findIndicatorsByIds(db, ids)).filter((i) => i.tenantId === principal.tenantId);
  const known = new Set(found.map((i) => i.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw new AppError('validation', { field: `indicators.${unknown}.indicatorId`, reason: 'reason.invalid' });
  const checked = validateWeights(toRuleScheme(input), found.map(toRuleIndicator));
  if (!checked.ok) {
    const [first] = checked.errors;
    if (first)
      throw new AppError('validation', { field: first.field, reason: first.reason, ...(first.params as Record<string, string | number>) });
  }
}

function schemeLines(input: TSchemeRequest) {
  return input.indicators.map((l, i) => ({
    indicatorId: l.indicatorId,
    weight: l.weight,
    method: l.method,
    target: l.target ?? null,
    cap: l.cap ?? null,
    fullMarkChange: l.fullMarkChange ?? null,
    sortOrder: i,
  }));
}

/** Creates the scheme of a year, zone and level (差异化考核); one current edition each. */
export async function createScheme(deps: AppDeps, actor: Actor, input: TSchemeRequest): Promise<TScheme> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  const id = await deps.database.db.transaction(async (tx) => {
    await checkScheme(tx, actor.principal, input);
    if (await repo.findCurrentScheme(tx, actor.principal.tenantId, input.year, input.zone, input.orgLevel))
      throw new AppError('conflict', { field: 'zone', value: `${input.year} ${input.zone}` });
    const row = await repo.createScheme(
      tx,
      {
        tenantId: actor.principal.tenantId,
        year: input.year,
        zone: input.zone,
        orgLevel: input.orgLevel,
        name: input.name,
        thirdPartyWeight: input.thirdPartyWeight,
        satisfactionWeight: input.satisfactionWeight,
        deductions: input.deductions,
        maxDeduction: input.maxDeduction ?? null,
        gradeQuotas: input.gradeQuotas,
        createdBy: actor.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      schemeLines(input),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.scheme.create', { type: 'scheme', id: row.id }, { year: input.year, zone: input.zone }),
    );
    return row.id;
  });
  return getScheme(deps, actor.principal, id);
}

/**
 * Changes a scheme. Without results it is replaced in place; once results were computed with it, the change makes a
 * new edition and the old one (and its results) stays as it was — a changed scheme never rewrites last year's results.
 */
export async function updateScheme(deps: AppDeps, actor: Actor, id: number, input: TSchemeRequest): Promise<TScheme> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  const newId = await deps.database.db.transaction(async (tx) => {
    const current = await requireScheme(tx, actor.principal, id);
    if (current.status !== 'current') throw new AppError('unprocessable', { field: 'id', reason: 'reason.assessment.superseded' });
    if (input.version === undefined) throw new AppError('validation', { field: 'version', reason: 'reason.required' });
    if (input.year !== current.year || input.zone !== current.zone || input.orgLevel !== current.orgLevel)
      throw new AppError('validation', { field: 'year', reason: 'reason.assessment.scheme_key' });
    await checkScheme(tx, actor.principal, input);
    const hasResults = ((await repo.resultStats(tx, [id])).get(id)?.n ?? 0) > 0;
    const content = {
      name: input.name,
      thirdPartyWeight: input.thirdPartyWeight,
      satisfactionWeight: input.satisfactionWeight,
      deductions: input.deductions,
      maxDeduction: input.maxDeduction ?? null,
      gradeQuotas: input.gradeQuotas,
    };
    if (!hasResults) {
      if (!(await repo.replaceScheme(tx, id, input.version, content, schemeLines(input), now))) throw new AppError('version_conflict');
      await appendAudit(
        tx,
        deps.crypto,
        auditBy(actor, now, 'assessment.scheme.update', { type: 'scheme', id }, { edition: current.edition }),
      );
      return id;
    }
    if (!(await repo.supersedeScheme(tx, id, input.version, now))) throw new AppError('version_conflict');
    const row = await repo.createScheme(
      tx,
      {
        tenantId: current.tenantId,
        year: current.year,
        zone: current.zone,
        orgLevel: current.orgLevel,
        edition: current.edition + 1,
        ...content,
        createdBy: actor.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      schemeLines(input),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.scheme.edition', { type: 'scheme', id: row.id }, { previous: id, edition: row.edition }),
    );
    return row.id;
  });
  return getScheme(deps, actor.principal, newId);
}

/** The orgs of the caller's scope that a scheme assesses (its zone and level). */
async function assessedOrgs(db: Db, principal: Principal, zone: string | undefined, level: string | undefined) {
  return repo.findAssessedOrgs(db, principal.tenantId, zone, level, orgScopeCondition(principal, orgs.id));
}

/** The data-entry grid (一表同享): orgs × indicators of a year, with third-party and satisfaction scores. */
export async function valueGrid(
  deps: AppDeps,
  principal: Principal,
  query: {
    year: number;
    schemeId?: number | undefined;
    zone?: string | undefined;
    indicatorId?: number | undefined;
    orgId?: number | undefined;
  },
): Promise<TValueGrid> {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  let zone = query.zone;
  let level: string | undefined;
  let indicatorRows: repo.IndicatorRow[];
  if (query.schemeId) {
    const scheme = await requireScheme(db, principal, query.schemeId);
    zone = scheme.zone;
    level = scheme.orgLevel;
    const lines = await repo.findSchemeLines(db, [scheme.id]);
    const byId = new Map(
      (
        await repo.findIndicatorsByIds(
          db,
          lines.map((l) => l.indicatorId),
        )
      ).map((i) => [i.id, i]),
    );
    indicatorRows = lines.map((l) => byId.get(l.indicatorId)).filter((i): i is repo.IndicatorRow => !!i);
  } else {
    indicatorRows = await repo.findIndicators(db, principal.tenantId, {});
  }
  if (query.indicatorId) indicatorRows = indicatorRows.filter((i) => i.id === query.indicatorId);
  let orgRows = await assessedOrgs(db, principal, zone, level ?? (query.orgId ? undefined : 'county'));
  if (query.orgId) orgRows = orgRows.filter((o) => o.id === query.orgId);
  const orgIds = orgRows.map((o) => o.id);
  const cells = await repo.findValues(db, { orgIds, years: [query.year], indicatorIds: indicatorRows.map((i) => i.id) });
  const inputs = await repo.findInputs(db, orgIds, [query.year]);
  return {
    year: query.year,
    orgs: orgRows.map((o) => ({ id: o.id, name: o.name, zone: o.zone as TValueGrid['orgs'][number]['zone'] })),
    indicators: indicatorRows.map(presentIndicator),
    cells: cells.map(presentCell),
    inputs: inputs.map((i) => ({ orgId: i.orgId, kind: i.kind as 'third_party' | 'satisfaction', score: i.score })),
  };
}

/** Checks that every org is in the caller's scope and every indicator in the tenant; names the first row at fault. */
async function checkCells(db: Db, principal: Principal, rows: { orgId: number; indicatorId?: number }[], field: string): Promise<void> {
  const scoped = new Set((await assessedOrgs(db, principal, undefined, undefined)).map((o) => o.id));
  const badOrg = rows.findIndex((r) => !scoped.has(r.orgId));
  if (badOrg >= 0) throw new AppError('validation', { field: `${field}.${badOrg}.orgId`, reason: 'reason.invalid' });
  const ids = rows.map((r) => r.indicatorId).filter((i): i is number => i !== undefined);
  if (ids.length === 0) return;
  const known = new Set((await repo.findIndicatorsByIds(db, ids)).filter((i) => i.tenantId === principal.tenantId).map((i) => i.id));
  const badInd = rows.findIndex((r) => r.indicatorId !== undefined && !known.has(r.indicatorId));
  if (badInd >= 0) throw new AppError('validation', { field: `${field}.${badInd}.indicatorId`, reason: 'reason.invalid' });
}

/** Saves cells of the grid in one transaction: all or nothing; a null value clears the cell. */
export async function putValues(
  deps: AppDeps,
  actor: Actor,
  input: { year: number; values: { orgId: number; indicatorId: number; value: number | null; source?: string | undefined }[] },
): Promise<{ saved: number; cleared: number }> {
  authorize(actor.principal, 'assessment.enter');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await checkCells(tx, actor.principal, input.values, 'values');
    const seen = new Set<string>();
    input.values.forEach((v, i) => {
      const key = `${v.orgId}:${v.indicatorId}`;
      if (seen.has(key)) throw new AppError('validation', { field: `values.${i}`, reason: 'reason.assessment.duplicate_cell' });
      seen.add(key);
    });
    const setting = input.values.filter((v): v is typeof v & { value: number } => v.value !== null);
    await repo.upsertValues(
      tx,
      setting.map((v) => ({
        tenantId: actor.principal.tenantId,
        orgId: v.orgId,
        year: input.year,
        indicatorId: v.indicatorId,
        value: v.value,
        source: v.source ?? '',
        enteredBy: actor.principal.userId,
        now,
      })),
    );
    const cleared = await repo.deleteValues(
      tx,
      input.values.filter((v) => v.value === null).map((v) => ({ orgId: v.orgId, year: input.year, indicatorId: v.indicatorId })),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.values.put',
        { type: 'assessment_values', id: null },
        { year: input.year, saved: setting.length, cleared },
      ),
    );
    return { saved: setting.length, cleared };
  });
}

function presentCell(c: repo.ValueRow): TValueCell {
  return {
    orgId: c.orgId,
    indicatorId: c.indicatorId,
    value: c.value,
    source: c.source,
    verification: c.verification as TValueCell['verification'],
    enteredByName: c.enteredByName,
    updatedAt: c.updatedAt.toISOString(),
    evidence: c.evidence,
    verifiedByName: c.verifiedByName,
    verifiedAt: c.verifiedAt ? c.verifiedAt.toISOString() : null,
    note: c.note,
  };
}

type FigureKey = { year: number; orgId: number; indicatorId: number };

/** A figure of an org in the caller's scope; 404 otherwise (ids from the client are not trusted). */
async function requireFigure(db: Db, principal: Principal, key: FigureKey): Promise<repo.ValueRow> {
  const row = (await isOrgInScope(db, principal, key.orgId)) ? await repo.findValue(db, key) : undefined;
  if (!row || row.tenantId !== principal.tenantId) throw notFound('entity.figure');
  return row;
}

/** One figure with its source, evidence and verification. */
export async function getFigure(deps: AppDeps, principal: Principal, key: FigureKey): Promise<TValueCell> {
  authorize(principal, 'assessment.read');
  return presentCell(await requireFigure(deps.database.db, principal, key));
}

/** Attaches 佐证材料 to a figure (replacing any earlier file); the file is kept, the figure points at it. */
export async function attachEvidence(
  deps: AppDeps,
  actor: Actor,
  key: FigureKey,
  file: { fileName: string; mimeType: string; content: Buffer },
): Promise<TValueCell> {
  authorize(actor.principal, 'assessment.enter');
  checkFileType(file.fileName, file.mimeType);
  if (file.content.length === 0) throw new AppError('validation', { field: 'file', reason: 'reason.required' });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    const stored = await saveFile(tx, {
      tenantId: figure.tenantId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      content: file.content,
      createdBy: actor.principal.userId,
      now,
    });
    await repo.setEvidence(tx, figure.id, stored.id, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.evidence.add',
        { type: 'assessment_value', id: figure.id },
        { ...key, fileName: stored.fileName, sha256: stored.sha256, size: stored.size },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}

/** Detaches the evidence from a figure (the stored file stays, as the audit trail names it). */
export async function removeEvidence(deps: AppDeps, actor: Actor, key: FigureKey): Promise<TValueCell> {
  authorize(actor.principal, 'assessment.enter');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    if (!figure.evidenceFileId) throw notFound('entity.evidence');
    await repo.setEvidence(tx, figure.id, null, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.evidence.remove',
        { type: 'assessment_value', id: figure.id },
        { ...key, fileId: figure.evidenceFileId },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}

/** The evidence file of a figure the caller may see. */
export async function evidenceFile(
  deps: AppDeps,
  principal: Principal,
  key: FigureKey,
): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  const figure = await requireFigure(db, principal, key);
  const file = figure.evidenceFileId ? await readFile(db, figure.tenantId, figure.evidenceFileId) : undefined;
  if (!file) throw notFound('entity.evidence');
  return { fileName: file.fileName, mimeType: file.mimeType, content: file.content };
}

/**
 * Marks a figure verified against its source (核实), or back to reported. Refused while an integrity flag on it is open:
 * the flag is settled first (referred for verification or dismissed with a note). A changed figure is reported again.
 */
export async function verifyFigure(
  deps: AppDeps,
  actor: Actor,
  input: FigureKey & { verification: 'verified' | 'reported'; note?: string | undefined },
): Promise<TValueCell> {
  authorize(actor.principal, 'assessment.manage');
  const key = { year: input.year, orgId: input.orgId, indicatorId: input.indicatorId };
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    if (input.verification === 'verified' && (await repo.hasOpenFlag(tx, figure.tenantId, key)))
      throw new AppError('unprocessable', { field: 'verification', reason: 'reason.assessment.flag_open' });
    await repo.setVerified(
      tx,
      figure.id,
      input.verification === 'verified' ? { userId: actor.principal.userId, note: input.note || null } : null,
      now,
    );
    await repo.refreshVerification(tx, figure.tenantId, key);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        `assessment.figure.${input.verification}`,
        { type: 'assessment_value', id: figure.id },
        { ...key, value: figure.value, note: input.note ?? null },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}

/** Saves 第三方评估 or 群众满意度 scores in one transaction. */
export async function putInputs(
  deps: AppDeps,
  actor: Actor,
  input: { year: number; kind: 'third_party' | 'satisfaction'; scores: { orgId: number; score: number | null }[] },
): Promise<{ saved: number; cleared: number }> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await checkCells(tx, actor.principal, input.scores, 'scores');
    const result = await repo.putInputs(
      tx,
      input.scores.map((s) => ({
        tenantId: actor.principal.tenantId,
        orgId: s.orgId,
        year: input.year,
        kind: input.kind,
        score: s.score,
        enteredBy: actor.principal.userId,
        now,
      })),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.inputs.put',
        { type: 'assessment_inputs', id: null },
        { year: input.year, kind: input.kind, ...result },
      ),
    );
    return result;
  });
}

/** Everything the scoring rules need for a scheme, read in a few queries. */
async function scoringInput(db: Db, principal: Principal, scheme: repo.SchemeRow): Promise<{ input: AssessmentInput; orgIds: number[] }> {
  const [presented] = await presentSchemes(db, [scheme]);
  if (!presented) throw notFound('entity.scheme');
  const lines = await repo.findSchemeLines(db, [scheme.id]);
  const indicatorRows = await repo.findIndicatorsByIds(
    db,
    lines.map((l) => l.indicatorId),
  );
  const ruleIndicators = indicatorRows.map(toRuleIndicator);
  // The whole zone is scored together (ranks and peers need every unit), whatever the caller's scope.
  const zoneOrgs = await repo.findAssessedOrgs(
    db,
    scheme.tenantId,
    scheme.zone,
    scheme.orgLevel,
    orgScopeCondition({ ...principal, scope: 'all' }, orgs.id),
  );
  const orgIds = zoneOrgs.map((o) => o.id);
  const years = new Set<number>([scheme.year, scheme.year - 1]);
  for (const ind of ruleIndicators) years.add(baselineYear(scheme.year, ind));
  const figures = await repo.findValues(db, { orgIds, years: [...years], indicatorIds: ruleIndicators.map((i) => i.id) });
  const byKey = new Map(figures.map((f) => [`${f.orgId}:${f.indicatorId}:${f.year}`, f.value]));
  const values = new Map<number, Map<number, { value: number; baseline?: number }>>();
  for (const org of zoneOrgs) {
    const row = new Map<number, { value: number; baseline?: number }>();
    for (const ind of ruleIndicators) {
      const value = byKey.get(`${org.id}:${ind.id}:${scheme.year}`);
      if (value === undefined) continue;
      const baseline = byKey.get(`${org.id}:${ind.id}:${baselineYear(scheme.year, ind)}`);
      row.set(ind.id, baseline === undefined ? { value } : { value, baseline });
    }
    values.set(org.id, row);
  }
  const inputs = await repo.findInputs(db, orgIds, [scheme.year]);
  const thirdParty = new Map(inputs.filter((i) => i.kind === 'third_party').map((i) => [i.orgId, i.score]));
  const satisfaction = new Map(inputs.filter((i) => i.kind === 'satisfaction').map((i) => [i.orgId, i.score]));
  const counts = await ledgerCountsForAssessment(db, scheme.tenantId, zoneOrgs, scheme.year);
  const ledgerCounts = new Map<number, Record<string, { count: number; itemIds: number[] }>>();
  for (const c of counts) {
    const row = ledgerCounts.get(c.orgId) ?? {};
    row[c.kind] = { count: c.itemIds.length, itemIds: c.itemIds.slice(0, 50) };
    ledgerCounts.set(c.orgId, row);
  }
  const history = await repo.findGradeHistory(db, orgIds, [scheme.year - 1, scheme.year - 2]);
  const grades = new Map<number, Map<number, Grade>>();
  for (const h of history) grades.set(h.orgId, (grades.get(h.orgId) ?? new Map<number, Grade>()).set(h.year, h.grade as Grade));
  const ruleScheme = toRuleScheme({
    year: presented.year,
    zone: presented.zone,
    indicators: presented.indicators.map((l) => ({
      indicatorId: l.indicatorId,
      weight: l.weight,
      method: l.method,
      ...(l.target !== null ? { target: l.target } : {}),
      ...(l.cap !== null ? { cap: l.cap } : {}),
      ...(l.fullMarkChange !== null ? { fullMarkChange: l.fullMarkChange } : {}),
    })),
    thirdPartyWeight: presented.thirdPartyWeight,
    satisfactionWeight: presented.satisfactionWeight,
    deductions: presented.deductions as TSchemeRequest['deductions'],
    ...(presented.maxDeduction !== null ? { maxDeduction: presented.maxDeduction } : {}),
    gradeQuotas: presented.gradeQuotas,
  });
  return {
    input: {
      scheme: ruleScheme,
      indicators: ruleIndicators,
      orgs: zoneOrgs.map((o) => ({ orgId: o.id, name: o.name, zone: o.zone })),
      values,
      thirdParty,
      satisfaction,
      ledgerCounts,
      history: grades,
    },
    orgIds,
  };
}

function presentResult(r: OrgResult, of: number, locale: Locale): TOrgResult {
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

/** Computes a scheme's results for its whole zone and stores them in place of the earlier ones. */
export async function storeResults(
  tx: Db,
  principal: Principal,
  scheme: repo.SchemeRow,
  now: Date,
  userId: number | null,
): Promise<number> {
  const { input } = await scoringInput(tx, principal, scheme);
  const run = computeResults(input);
  await repo.replaceResults(
    tx,
    scheme.id,
    run.results.map((r) => ({
      tenantId: scheme.tenantId,
      schemeId: scheme.id,
      orgId: r.orgId,
      year: scheme.year,
      zone: scheme.zone,
      total: r.total,
      rank: r.rank,
      grade: r.grade,
      visibleScore: r.visibleScore,
      latentScore: r.latentScore,
      breakdown: { ...r, of: run.results.length } as unknown as Record<string, unknown>,
      computedAt: now,
      computedBy: userId,
    })),
  );
  return run.results.length;
}

/** Computes and stores a scheme's results for its whole zone (one transaction); answers them as the caller may see them. */
export async function computeScheme(
  deps: AppDeps,
  actor: Actor,
  schemeId: number,
  locale: Locale,
): Promise<{ scheme: TScheme; computedAt: string | null; results: TOrgResult[] }> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const scheme = await requireScheme(tx, actor.principal, schemeId);
    if (scheme.status !== 'current') throw new AppError('unprocessable', { field: 'id', reason: 'reason.assessment.superseded' });
    const units = await storeResults(tx, actor.principal, scheme, now, actor.principal.userId);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.compute', { type: 'scheme', id: scheme.id }, { year: scheme.year, zone: scheme.zone, units }),
    );
  });
  return getResults(deps, actor.principal, schemeId, locale);
}

/** Stored results of a scheme, for the orgs in the caller's scope. */
export async function getResults(
  deps: AppDeps,
  principal: Principal,
  schemeId: number,
  locale: Locale,
): Promise<{ scheme: TScheme; computedAt: string | null; results: TOrgResult[] }> {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  const scheme = await getScheme(deps, principal, schemeId);
  const scoped = (await assessedOrgs(db, principal, scheme.zone, scheme.orgLevel)).map((o) => o.id);
  const rows = await repo.findResults(db, schemeId, scoped);
  return {
    scheme,
    computedAt: scheme.computedAt,
    results: rows.map((row) => {
      const r = row.breakdown as unknown as OrgResult & { of: number };
      return presentResult(r, r.of, locale);
    }),
  };
}

/** One org's result with its breakdown. */
export async function getOrgResult(
  deps: AppDeps,
  principal: Principal,
  schemeId: number,
  orgId: number,
  locale: Locale,
): Promise<TOrgResult> {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  await requireScheme(db, principal, schemeId);
  if (!(await isOrgInScope(db, principal, orgId))) throw notFound('entity.result');
  const [row] = await repo.findResults(db, schemeId, [orgId]);
  if (!row) throw notFound('entity.result');
  const r = row.breakdown as unknown as OrgResult & { of: number };
  const presented = presentResult(r, r.of, locale);
  // Beside each figure: whether it has been verified against its source and has evidence, as of now.
  const figures = new Map(
    (await repo.findValues(db, { orgIds: [orgId], years: [row.year], indicatorIds: presented.lines.map((l) => l.indicatorId) })).map(
      (v) => [v.indicatorId, v],
    ),
  );
  // Each deduction names its ledger items by code and title.
  const briefs = new Map(
    (
      await itemBriefs(
        db,
        principal,
        presented.deductions.flatMap((d) => d.itemIds),
      )
    ).map((b) => [b.id, b]),
  );
  return {
    ...presented,
    deductions: presented.deductions.map((d) => ({
      ...d,
      items: d.itemIds.map((id) => briefs.get(id)).filter((b): b is { id: number; code: string; title: string } => !!b),
    })),
    lines: presented.lines.map((l) => {
      const f = figures.get(l.indicatorId);
      return { ...l, verification: f ? (f.verification as TValueCell['verification']) : null, hasEvidence: !!f?.evidence };
    }),
  };
}

/** What-if: the scheme's results with other weights, nothing saved; ranks before and after for the orgs in scope. */
export async function whatIf(
  deps: AppDeps,
  principal: Principal,
  schemeId: number,
  changes: {
    indicatorWeights?: Record<string, number> | undefined;
    thirdPartyWeight?: number | undefined;
    satisfactionWeight?: number | undefined;
  },
) {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  const scheme = await requireScheme(db, principal, schemeId);
  const { input } = await scoringInput(db, principal, scheme);
  const ruleChanges: WeightChanges = {
    ...(changes.indicatorWeights
      ? { indicatorWeights: new Map(Object.entries(changes.indicatorWeights).map(([k, v]) => [Number(k), v])) }
      : {}),
    ...(changes.thirdPartyWeight !== undefined ? { thirdPartyWeight: changes.thirdPartyWeight } : {}),
    ...(changes.satisfactionWeight !== undefined ? { satisfactionWeight: changes.satisfactionWeight } : {}),
  };
  const tried = tryWeights(input, ruleChanges);
  const scoped = new Set((await assessedOrgs(db, principal, scheme.zone, scheme.orgLevel)).map((o) => o.id));
  const names = new Map(input.orgs.map((o) => [o.orgId, o.name]));
  return {
    weightSum: tried.weightSum,
    isWeightSumValid: tried.isWeightSumValid,
    moves: tried.moves.filter((m) => scoped.has(m.orgId)).map((m) => ({ ...m, name: names.get(m.orgId) ?? '' })),
  };
}

/** 结果运用 of a year across its current schemes: 优先使用 and 约谈 lists. */
export async function resultUseOf(deps: AppDeps, principal: Principal, year: number, locale: Locale) {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  const current = await repo.findSchemes(db, principal.tenantId, { year });
  const scoped = new Set((await assessedOrgs(db, principal, undefined, undefined)).map((o) => o.id));
  const out = {
    year,
    priorityUse: [] as { orgId: number; name: string; zone: TOrgResult['zone']; reason: ReturnType<typeof explain> }[],
    admonition: [] as { orgId: number; name: string; zone: TOrgResult['zone']; reason: ReturnType<typeof explain> }[],
  };
  for (const scheme of current) {
    const rows = await repo.findResults(db, scheme.id);
    if (rows.length === 0) continue;
    const results = rows.map((r) => r.breakdown as unknown as OrgResult);
    const orgIds = results.map((r) => r.orgId);
    const history = await repo.findGradeHistory(db, orgIds, [year - 1, year - 2, year]);
    const gradesByYear = new Map<number, Map<number, Grade>>();
    for (const h of history)
      gradesByYear.set(h.orgId, (gradesByYear.get(h.orgId) ?? new Map<number, Grade>()).set(h.year, h.grade as Grade));
    const counts = await ledgerCountsForAssessment(
      db,
      scheme.tenantId,
      await repo.findAssessedOrgs(
        db,
        scheme.tenantId,
        scheme.zone,
        scheme.orgLevel,
        orgScopeCondition({ ...principal, scope: 'all' }, orgs.id),
      ),
      year,
    );
    const serious = new Map(counts.filter((c) => c.kind === 'serious_open').map((c) => [c.orgId, c.itemIds.length]));
    const picked = pickResultUse(gradesByYear, year, results, serious);
    const byId = new Map(results.map((r) => [r.orgId, r]));
    for (const [list, target] of [
      [picked.priorityUse, out.priorityUse],
      [picked.admonition, out.admonition],
    ] as const) {
      for (const p of list) {
        const r = byId.get(p.orgId);
        if (!r || !scoped.has(p.orgId)) continue;
        target.push({ orgId: p.orgId, name: r.name, zone: r.zone as TOrgResult['zone'], reason: explain(p.reason, locale) });
      }
    }
  }
  return out;
}

/** 以考促改: turns one org's result into a ledger item (source assessment_feedback) naming its weakest lines. */
export async function feedbackToLedger(
  deps: AppDeps,
  actor: Actor,
  schemeId: number,
  orgId: number,
  input: { title?: string | undefined; description?: string | undefined; deadline?: string | undefined },
  locale: Locale,
): Promise<{ itemId: number; code: string }> {
  authorize(actor.principal, 'assessment.manage');
  const result = await getOrgResult(deps, actor.principal, schemeId, orgId, locale);
  const weakest = [...result.lines]
    .filter((l) => l.subScore !== null)
    .sort((a, b) => (a.subScore ?? 0) - (b.subScore ?? 0))
    .slice(0, 3);
  const zh = locale !== 'en-US';
  const title =
    input.title ??
    (zh
      ? `${result.year}年度考核反馈：${result.name}（排名第${result.rank}/${result.of}）`
      : `${result.year} assessment feedback: ${result.name} (rank ${result.rank}/${result.of})`);
  const lines = weakest.map((l) => `${l.name}：${l.subScore ?? 0}分（${l.explanation.text}）`);
  const deductions = result.deductions
    .filter((d) => d.points > 0)
    .map((d) => `${translate(locale, `assessment.deduction.${d.kind}`, {})} ${d.count} → -${d.points}`);
  const description =
    input.description ??
    [
      zh
        ? `综合得分 ${result.total}，等次 ${translate(locale, `assessment.grade.${result.grade}`, {})}。`
        : `Total ${result.total}, grade ${result.grade}.`,
      ...lines,
      ...deductions,
    ].join('\n');
  const item = await createItem(deps, actor, {
    kind: 'problem',
    title: title.slice(0, 200),
    description: description.slice(0, 5000),
    category: 'other',
    source: 'assessment_feedback',
    orgId,
    ...(input.deadline ? { deadline: input.deadline } : {}),
    externalRef: `ASM-${schemeId}-${orgId}`,
  });
  return { itemId: item.id, code: item.code };
}

function presentFlag(r: repo.FlagRow, names: { orgs: Map<number, string>; indicators: Map<number, string> }, locale: Locale): TFlag {
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

async function flagNames(db: Db, rows: repo.FlagRow[]) {
  const orgMap = await orgNames(
    db,
    rows.map((r) => r.orgId).filter((x): x is number => x !== null),
  );
  const inds = await repo.findIndicatorsByIds(
    db,
    rows.map((r) => r.indicatorId).filter((x): x is number => x !== null),
  );
  return { orgs: orgMap, indicators: new Map(inds.map((i) => [i.id, i.name])) };
}

/** Runs every integrity check over the tenant's figures up to a year; flags are upserted (a rerun never duplicates). */
export async function runIntegrity(deps: AppDeps, actor: Actor, year: number) {
  authorize(actor.principal, 'integrity.run');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const summary = await runIntegrityChecks(tx, actor.principal.tenantId, year, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'integrity.run', { type: 'integrity', id: null }, { year, flags: summary.flags, newFlags: summary.newFlags }),
    );
    return { ...summary, refused: summary.refused.map((r) => explain(r, 'zh-CN')) };
  });
}

/** Flags in the caller's scope (flags on the whole tenant, without an org, too). */
export async function listFlags(
  deps: AppDeps,
  principal: Principal,
  query: {
    status?: string | undefined;
    check?: string | undefined;
    year?: number | undefined;
    orgId?: number | undefined;
    page: number;
    pageSize: number;
  },
  locale: Locale,
): Promise<{ total: number; items: TFlag[] }> {
  authorize(principal, 'integrity.run');
  const db = deps.database.db;
  const page = await repo.findFlags(db, principal.tenantId, orgScopeCondition(principal, orgs.id), query);
  const names = await flagNames(db, page.items);
  return { total: page.total, items: page.items.map((r) => presentFlag(r, names, locale)) };
}

async function requireFlag(db: Db, principal: Principal, id: number): Promise<repo.FlagRow> {
  const flag = await repo.findFlag(db, id);
  if (!flag || flag.tenantId !== principal.tenantId || (flag.orgId !== null && !(await isOrgInScope(db, principal, flag.orgId))))
    throw notFound('entity.flag');
  return flag;
}

/** Turns a flag into a ledger item (source integrity_check) for human verification: a flag is never a verdict. */
export async function referFlag(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { title?: string | undefined; description?: string | undefined; deadline?: string | undefined },
  locale: Locale,
): Promise<{ itemId: number; code: string }> {
  authorize(actor.principal, 'integrity.run');
  const db = deps.database.db;
  const flag = await requireFlag(db, actor.principal, id);
  if (flag.status !== 'open') throw new AppError('unprocessable', { field: 'status', reason: 'reason.assessment.flag_closed' });
  const names = await flagNames(db, [flag]);
  const shown = presentFlag(flag, names, locale);
  const orgId = flag.orgId ?? actor.principal.orgId;
  const zh = locale !== 'en-US';
  const item = await createItem(deps, actor, {
    kind: 'problem',
    title: (
      input.title ??
      (zh
        ? `数据核查：${shown.orgName ?? ''}${shown.indicatorName ? `「${shown.indicatorName}」` : ''}${flag.year ?? ''}年数据待核实`
        : `Integrity check: ${shown.orgName ?? ''} ${shown.indicatorName ?? ''} ${flag.year ?? ''} to verify`)
    ).slice(0, 200),
    description: (
      input.description ??
      `${shown.reason.text}\n${zh ? '（系统核查提示，须人工核实，不作为认定结论）' : '(A screening flag for human verification, not a finding.)'}`
    ).slice(0, 5000),
    category: 'statistical_fraud',
    source: 'integrity_check',
    orgId,
    confidentiality: 'internal',
    ...(input.deadline ? { deadline: input.deadline } : {}),
    externalRef: `FLAG-${flag.id}`,
  });
  const now = deps.now();
  await db.transaction(async (tx) => {
    if (!(await repo.closeFlag(tx, id, { status: 'referred', ledgerItemId: item.id }, now))) throw new AppError('version_conflict');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'integrity.refer', { type: 'integrity_flag', id }, { itemId: item.id }));
  });
  return { itemId: item.id, code: item.code };
}

/** Dismisses a flag with a note (checked and explained). */
export async function dismissFlag(deps: AppDeps, actor: Actor, id: number, note: string, locale: Locale): Promise<TFlag> {
  authorize(actor.principal, 'integrity.run');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const flag = await requireFlag(tx, actor.principal, id);
    if (!(await repo.closeFlag(tx, id, { status: 'dismissed', note }, now)))
      throw new AppError('unprocessable', { field: 'status', reason: 'reason.assessment.flag_closed' });
    if (flag.orgId && flag.indicatorId && flag.year)
      await repo.refreshVerification(tx, flag.tenantId, { orgId: flag.orgId, indicatorId: flag.indicatorId, year: flag.year });
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'integrity.dismiss', { type: 'integrity_flag', id }, {}));
    const after = await repo.findFlag(tx, id);
    if (!after) throw notFound('entity.flag');
    return presentFlag(after, await flagNames(tx, [after]), locale);
  });
}

/** Explains a rule explanation for other modules (e.g. the CLI). */
export function explanationText(e: Explanation, locale: Locale): string {
  return explain(e, locale).text;
}

/** The digit analysis is for those who run integrity checks. */
export function assertMayAnalyse(principal: Principal): void {
  authorize(principal, 'integrity.run');
}

function medianOf(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** An org's figures of one indicator over the years beside the median of its zone (same level). */
export async function trend(deps: AppDeps, principal: Principal, orgId: number, indicatorId: number) {
  authorize(principal, 'assessment.read');
  const db = deps.database.db;
  if (!(await isOrgInScope(db, principal, orgId))) throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
  const [ind] = await repo.findIndicatorsByIds(db, [indicatorId]);
  if (!ind || ind.tenantId !== principal.tenantId) throw new AppError('validation', { field: 'indicatorId', reason: 'reason.invalid' });
  const [org] = await db.select({ zone: orgs.zone, level: orgs.level }).from(orgs).where(eq(orgs.id, orgId));
  const peers = await repo.findAssessedOrgs(db, principal.tenantId, org?.zone, org?.level, sql`true`);
  const years = Array.from({ length: 10 }, (_, i) => localYear(deps.now()) - 9 + i);
  const figures = await repo.findValues(db, { orgIds: peers.map((p) => p.id), years, indicatorIds: [indicatorId] });
  const points = years
    .map((year) => ({
      year,
      value: figures.find((f) => f.orgId === orgId && f.year === year)?.value ?? null,
      zoneMedian: medianOf(figures.filter((f) => f.year === year).map((f) => f.value)),
    }))
    .filter((p) => p.value !== null || p.zoneMedian !== null);
  return { indicator: presentIndicator(ind), points };
}

/** One org's sub-scores against the median of its zone in a scheme's results (radar chart). */
export async function radar(deps: AppDeps, principal: Principal, schemeId: number, orgId: number, locale: Locale) {
  const mine = await getOrgResult(deps, principal, schemeId, orgId, locale);
  const all = (await repo.findResults(deps.database.db, schemeId)).map((r) => r.breakdown as unknown as OrgResult);
  return {
    orgId,
    name: mine.name,
    axes: mine.lines.map((line) => ({
      indicatorId: line.indicatorId,
      name: line.name,
      subScore: line.subScore,
      zoneMedian: medianOf(
        all.map((r) => r.lines.find((l) => l.indicatorId === line.indicatorId)?.subScore).filter((v): v is number => typeof v === 'number'),
      ),
    })),
  };
}

/** Hour (in the deployment's time zone, SHIJI_TZ) from which the nightly 数据核查 runs. */
const NIGHTLY_HOUR = 2;

/**
 * The nightly 数据核查: once a day after 02:00, per tenant, over the last complete year's figures. Claimed in the
 * database, so several servers run it once; a failure is reported and retried the next day.
 */
export async function runNightlyIntegrity(deps: AppDeps, now: Date): Promise<number> {
  if (localHour(now) < NIGHTLY_HOUR) return 0;
  const today = localDate(now);
  const year = localYear(now) - 1;
  let runs = 0;
  for (const tenantId of await repo.findTenants(deps.database.db)) {
    if (!(await repo.claimNightlyRun(deps.database.db, tenantId, today, year, now))) continue;
    const summary = await deps.database.db.transaction(async (tx) => {
      const result = await runIntegrityChecks(tx, tenantId, year, now);
      await appendAudit(tx, deps.crypto, {
        actorId: null,
        actorName: 'system',
        action: 'integrity.nightly',
        targetType: 'integrity',
        targetId: null,
        outcome: 'success',
        detail: { year, flags: result.flags, newFlags: result.newFlags },
        at: now,
      });
      return result;
    });
    await repo.finishNightlyRun(deps.database.db, tenantId, today, summary.flags, deps.now());
    runs += 1;
  }
  return runs;
}

/** Leader-change years of the orgs in the caller's scope, newest first. */
export async function listLeaderChanges(deps: AppDeps, principal: Principal): Promise<{ orgId: number; orgName: string; year: number }[]> {
  authorize(principal, 'integrity.run');
  const db = deps.database.db;
  const scoped = new Map((await assessedOrgs(db, principal, undefined, undefined)).map((o) => [o.id, o.name]));
  return (await repo.findLeaderChanges(db, principal.tenantId))
    .filter((c) => scoped.has(c.orgId))
    .map((c) => ({ orgId: c.orgId, orgName: scoped.get(c.orgId) ?? '', year: c.year }))
    .sort((a, b) => b.year - a.year || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/** Records (or removes) the year an org's principal changed; audited. The organisation department keeps these. */
export async function setLeaderChange(
  deps: AppDeps,
  actor: Actor,
  input: { orgId: number; year: number; remove?: boolean | undefined },
): Promise<{ orgId: number; orgName: string; year: number }[]> {
  authorize(actor.principal, 'assessment.manage');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (!(await isOrgInScope(tx, actor.principal, input.orgId)))
      throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
    if (input.remove) {
      if (!(await repo.deleteLeaderChange(tx, input.orgId, input.year))) throw notFound('entity.record');
    } else await repo.addLeaderChanges(tx, [{ tenantId: actor.principal.tenantId, orgId: input.orgId, year: input.year }]);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        input.remove ? 'assessment.leader_change.remove' : 'assessment.leader_change.add',
        { type: 'org', id: input.orgId },
        { year: input.year },
      ),
    );
  });
  return listLeaderChanges(deps, actor.principal);
}
