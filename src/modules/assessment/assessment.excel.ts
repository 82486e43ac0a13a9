/**
 * Figures in and out of Excel (数据填报): a template of the caller's units × a scheme's indicators with the figures
 * already in the system filled in, and its import — every cell checked, nothing written unless all are valid.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import type { Locale } from '../../platform/i18n.js';
import { cellText, ImportRefused, markErrors, readFirstSheet, saveImportErrorFile } from '../../platform/xlsx.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../org/org.service.js';
import * as repo from './assessment.repository.js';
import { valueGrid } from './assessment.service.js';

const ORG_COLUMN = '单位';
const MAX_ROWS = 20_000;

const REASONS = {
  not_number: { zh: '应为数字', en: 'a number' },
  unknown_org: { zh: '找不到该单位，或不在您的填报范围内', en: 'no such organisation in your scope' },
  repeated_org: { zh: '该单位在文件中重复（见第 {other} 行）', en: 'this organisation repeats in the file (see row {other})' },
  unknown_indicator: {
    zh: '列名应以“[指标代码]”结尾，且为指标库中的指标：请使用填报模板',
    en: 'the header must end with "[CODE]" of an indicator in the library: use the template',
  },
  missing_column: { zh: '缺少“单位”列：请使用填报模板', en: 'the "单位" column is missing: use the template' },
  no_rows: { zh: '文件中没有数据行', en: 'the file has no data rows' },
  too_many_rows: { zh: '一次最多导入 {max} 行', en: 'at most {max} rows per file' },
  not_xlsx: { zh: '不是有效的 Excel（.xlsx）文件', en: 'not a valid Excel (.xlsx) file' },
} as const;
type Reason = keyof typeof REASONS;

function say(locale: Locale, reason: Reason, params: Record<string, string | number> = {}): string {
  return REASONS[reason][locale === 'en-US' ? 'en' : 'zh'].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The header of an indicator column: name, unit and the code the import reads back. */
function indicatorHeader(ind: { name: string; unit: string; code: string }): string {
  return `${ind.name}${ind.unit ? `（${ind.unit}）` : ''}[${ind.code}]`;
}

/** The fill-in template: the caller's units × the scheme's indicators, with the figures already in the system. */
export async function valuesTemplate(
  deps: AppDeps,
  principal: Parameters<typeof valueGrid>[1],
  query: { year: number; schemeId?: number | undefined },
): Promise<Buffer> {
  const grid = await valueGrid(deps, principal, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shiji 实绩';
  const sheet = workbook.addWorksheet(`${query.year}年考核数据`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = [
    { header: ORG_COLUMN, width: 18 },
    ...grid.indicators.map((ind) => ({ header: indicatorHeader(ind), width: Math.max(14, Math.min(30, ind.name.length * 2 + 6)) })),
  ];
  sheet.getRow(1).font = { bold: true };
  grid.indicators.forEach((ind, i) => {
    const cell = sheet.getRow(1).getCell(i + 2);
    cell.note = `${ind.visibility === 'latent' ? '潜绩' : '显绩'}，${ind.direction === 'lower_better' ? '逆向（越小越好）' : '正向（越大越好）'}；数据来源：${ind.dataSource || '—'}`;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ind.visibility === 'latent' ? 'FFE2EFDA' : 'FFDDEBF7' } };
  });
  const byCell = new Map(grid.cells.map((c) => [`${c.orgId}:${c.indicatorId}`, c.value]));
  for (const org of grid.orgs) sheet.addRow([org.name, ...grid.indicators.map((ind) => byCell.get(`${org.id}:${ind.id}`) ?? null)]);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 90 }];
  for (const line of [
    ['列', '怎么填'],
    ['单位', '本单位及下级单位的全称，已列出，请勿改名。'],
    ['指标列', '填数字（可带千分位逗号）；留空表示本次不填、不改已有数据。列名末尾的 [代码] 用于识别指标，请勿修改。'],
    ['已有数据', '系统中已有的数据已填入，一个数只填一次，各类报表直接取用（一表同享）。'],
    ['校验', '导入前逐格检查：任何一格有错则一格也不导入，并给出标注了错误的文件供修改后重新导入；可先点“校验”只检查不写入。'],
  ])
    help.addRow(line);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
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

/** Imports a filled template: all cells checked (row, column, reason), all written in one transaction or none. */
export async function importValues(
  deps: AppDeps,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  options: { year: number; dryRun: boolean; locale: Locale },
): Promise<ValuesImportResult> {
  authorize(actor.principal, 'assessment.enter');
  const { locale } = options;
  const db = deps.database.db;
  const errors: { row: number; column: string; value: string; reason: Reason; message: string }[] = [];
  const fail = (row: number, column: string, value: string, reason: Reason, params: Record<string, string | number> = {}) =>
    errors.push({ row, column, value, reason, message: say(locale, reason, params) });
  const grid = await valueGrid(deps, actor.principal, { year: options.year });
  const orgByName = new Map<string, number[]>();
  for (const o of grid.orgs) orgByName.set(o.name, [...(orgByName.get(o.name) ?? []), o.id]);
  const library = new Map((await repo.findIndicators(db, actor.principal.tenantId, { includeInactive: true })).map((i) => [i.code, i]));
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
