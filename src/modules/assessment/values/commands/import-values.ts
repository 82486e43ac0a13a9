import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { Locale } from '../../../../platform/i18n.js';
import { cellText, IMPORT_REASONS, ImportRefused, markErrors, readFirstSheet, saveImportErrorFile } from '../../../../platform/xlsx.js';
import { requireAct } from '../../assessment.policy.js';
import { findIndicators } from '../../indicators/indicators.repository.js';
import { ORG_COLUMN } from '../values.excel.js';
import { valueGrid } from '../values.queries.js';
import * as repo from '../values.repository.js';

const MAX_ROWS = 20_000;

const REASONS = {
  ...IMPORT_REASONS,
  unknown_org: { zh: '找不到该单位，或不在您的填报范围内', en: 'no such organisation in your scope' },
  repeated_org: { zh: '该单位在文件中重复（见第 {other} 行）', en: 'this organisation repeats in the file (see row {other})' },
  unknown_indicator: {
    zh: '列名应以“[指标代码]”结尾，且为指标库中的指标：请使用填报模板',
    en: 'the header must end with "[CODE]" of an indicator in the library: use the template',
  },
  missing_column: { zh: '缺少“单位”列：请使用填报模板', en: 'the "单位" column is missing: use the template' },
} as const;
type Reason = keyof typeof REASONS;

function say(locale: Locale, reason: Reason, params: Record<string, string | number> = {}): string {
  return REASONS[reason][locale === 'en-US' ? 'en' : 'zh'].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A number from a cell: a number, or text such as 1,234.5; null when empty; 'bad' otherwise. */
function cellNumber(value: ExcelJS.CellValue): number | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'bad';
  const text = cellText(value).replace(/[,，\s]/g, '');
  if (text === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return 'bad';
  return Number(text);
}

/** What an import did, or would do on a dry run. */
export interface ValuesImportResult {
  dryRun: boolean;
  rows: number;
  values: number;
}

/** A filled template and how to take it: for which year, in which language errors are told, or only checked (dry run). */
export interface ImportValuesInput {
  file: { fileName: string; content: Buffer };
  year: number;
  dryRun: boolean;
  locale: Locale;
}

/** Imports a filled template: all cells checked (row, column, reason), all written in one transaction or none. */
export async function importValues(deps: AppDeps, actor: Actor, options: ImportValuesInput): Promise<ValuesImportResult> {
  requireAct(actor.principal, 'enter_figures');
  const { file, locale } = options;
  const db = deps.database.db;
  const errors: { row: number; column: string; value: string; reason: Reason; message: string }[] = [];
  const fail = (row: number, column: string, value: string, reason: Reason, params: Record<string, string | number> = {}) =>
    errors.push({ row, column, value, reason, message: say(locale, reason, params) });
  const grid = await valueGrid(deps, actor.principal, { year: options.year });
  const orgByName = new Map<string, number[]>();
  for (const o of grid.orgs) orgByName.set(o.name, [...(orgByName.get(o.name) ?? []), o.id]);
  const library = new Map((await findIndicators(db, actor.principal.tenantId, { includeInactive: true })).map((i) => [i.code, i]));
  let columns: { index: number; header: string; indicatorId: number }[] = [];
  let orgIndex = -1;
  const seen = new Map<number, number>();
  const values: { orgId: number; indicatorId: number; value: number }[] = [];
  let rows = 0;
  let sawHeader = false;
  try {
    for await (const { number, values: cells } of readFirstSheet(file.content)) {
      if (number === 1) {
        sawHeader = true;
        const header = cells.slice(1).map((v) => cellText(v));
        orgIndex = header.indexOf(ORG_COLUMN);
        if (orgIndex < 0) fail(1, ORG_COLUMN, '', 'missing_column');
        columns = header.flatMap((h, index) => {
          if (index === orgIndex || h === '') return [];
          const code = /\[([^\]]+)\]\s*$/.exec(h)?.[1];
          const ind = code ? library.get(code) : undefined;
          if (!ind) {
            fail(1, h, h, 'unknown_indicator');
            return [];
          }
          return [{ index, header: h, indicatorId: ind.id }];
        });
        continue;
      }
      if (orgIndex < 0) break;
      const orgName = cellText(cells[orgIndex + 1] ?? null);
      const filled = columns.map((c) => ({ c, raw: cells[c.index + 1] ?? null }));
      if (orgName === '' && filled.every((f) => cellNumber(f.raw) === null)) continue; // a blank row
      rows += 1;
      if (rows > MAX_ROWS) {
        fail(number, '', '', 'too_many_rows', { max: MAX_ROWS });
        break;
      }
      const ids = orgByName.get(orgName) ?? [];
      const orgId = ids.length === 1 ? ids[0] : undefined;
      if (orgId === undefined) fail(number, ORG_COLUMN, orgName, 'unknown_org');
      else if (seen.has(orgId)) fail(number, ORG_COLUMN, orgName, 'repeated_org', { other: seen.get(orgId) ?? 0 });
      else seen.set(orgId, number);
      for (const { c, raw } of filled) {
        const value = cellNumber(raw);
        if (value === 'bad') fail(number, c.header, cellText(raw), 'not_number');
        else if (value !== null && orgId !== undefined) values.push({ orgId, indicatorId: c.indicatorId, value });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    fail(0, '', file.fileName, 'not_xlsx');
  }
  // Not even a header row: not a spreadsheet (no error file is made of it).
  if (!sawHeader && errors.length === 0) fail(0, '', file.fileName, 'not_xlsx');
  if (errors.length === 0 && rows === 0) fail(1, '', '', 'no_rows');
  if (errors.length > 0) {
    const marked = errors.some((e) => e.reason === 'not_xlsx')
      ? null
      : await markErrors(file.content, errors, { sheetName: '填报错误', widthOf: (h) => (h === ORG_COLUMN ? 18 : 16) });
    const fileId = marked ? await saveImportErrorFile(deps, actor.principal, file.fileName, marked) : null;
    throw new ImportRefused(errors.slice(0, 500), errors.length, fileId);
  }
  if (!options.dryRun) {
    const now = deps.now();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await db.transaction(async (tx) => {
      await repo.upsertValues(
        tx,
        values.map((v) => ({
          tenantId: actor.principal.tenantId,
          orgId: v.orgId,
          year: options.year,
          indicatorId: v.indicatorId,
          value: v.value,
          source: `Excel：${file.fileName}`,
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
          'assessment.values.import',
          { type: 'assessment_values', id: null },
          { year: options.year, rows, values: values.length, file: file.fileName, sha256 },
        ),
      );
    });
  }
  return { dryRun: options.dryRun, rows, values: values.length };
}
