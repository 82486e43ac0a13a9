// Reading an uploaded 台账 file: the columns, the codes and names people write, and every check of every row.
// Pure of the database: the orgs and people in reach come in (see commands/import-ledger.ts, which writes).
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { textProblem } from '../../platform/text.js';
import { cellText, IMPORT_REASONS, readFirstSheet } from '../../platform/xlsx.js';
import type { OrgForImport, PersonForImport } from '../org/index.js';
import { CATEGORY_LABELS, SOURCE_LABELS } from './ledger.labels.js';
import { ITEM_CATEGORIES, ITEM_SOURCES, type ItemCategory, type ItemKind, type ItemSource } from './ledger.rules.js';

/** Columns read on import; the others (状态, 红黄绿灯, 销号日期…) are the system's and are ignored. */
export const IMPORTED = ['编号', '问题', '类别', '来源', '所涉单位', '责任单位', '责任人', '牵头领导', '整改措施', '时限'] as const;
type ImportedColumn = (typeof IMPORTED)[number];
export const REQUIRED: readonly ImportedColumn[] = ['问题', '类别', '来源', '所涉单位'];
/** At most this many rows per file. */
export const MAX_IMPORT_ROWS = 200_000;
const DONE_SUFFIX = '（已完成）';

/** Why a cell was refused, in both languages. */
const REASONS = {
  ...IMPORT_REASONS,
  required: { zh: '必填', en: 'required' },
  too_long: { zh: '过长（最多 {max} 字）', en: 'too long (at most {max} characters)' },
  unknown_category: { zh: '不是规定的问题类别，见“填写说明”', en: 'not one of the categories (see the instructions sheet)' },
  unknown_source: { zh: '不是规定的问题来源，见“填写说明”', en: 'not one of the sources (see the instructions sheet)' },
  unknown_org: { zh: '找不到该单位，或不在您的管辖范围内', en: 'no such organisation in your scope' },
  ambiguous_org: { zh: '同名单位不止一个，请写成“上级单位/本单位”', en: 'more than one organisation has this name: write "parent/name"' },
  unknown_person: { zh: '在所填单位及管辖范围内找不到此人', en: 'no such person in the organisation or your scope' },
  ambiguous_person: { zh: '同名人员不止一个，请写成“单位/姓名”', en: 'more than one person has this name: write "organisation/name"' },
  bad_date: { zh: '日期格式应为 2027-03-31', en: 'a date such as 2027-03-31' },
  bad_code: { zh: '编号格式应为 WT-2026-000123', en: 'a code such as WT-2026-000123' },
  code_taken: { zh: '编号已存在（是否重复导入？）', en: 'this code exists already (imported twice?)' },
  code_repeated: { zh: '编号在文件中重复（见第 {other} 行）', en: 'this code repeats in the file (see row {other})' },
  too_many_measures: { zh: '整改措施最多 {max} 条', en: 'at most {max} measures' },
  missing_column: { zh: '缺少列“{name}”：请使用导入模板', en: 'column "{name}" is missing: use the import template' },
  control_chars: {
    zh: '含有不可见的控制字符或无效字符，请删除后重试',
    en: 'contains invisible control characters or invalid Unicode: remove them',
  },
} as const;
export type Reason = keyof typeof REASONS;

/** One refused cell: the row (as Excel numbers it), the column header, the value and why. */
export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: Reason;
  message: string;
}

/** What an import did, or would do on a dry run. */
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  codes: { first: string | null; last: string | null };
}

export function message(locale: Locale, reason: Reason, params: Record<string, string | number> = {}): string {
  const template = REASONS[reason][locale === 'en-US' ? 'en' : 'zh'];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A calendar date from a cell: a Date, an Excel serial number, or text like 2027-03-31, 2027/3/31, 2027年3月31日. */
function cellDate(value: ExcelJS.CellValue): string | null | 'bad' {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'bad' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (value < 1 || value > 2958465) return 'bad';
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(value);
  if (!text) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return 'bad';
  const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? 'bad' : iso;
}

/** Measures from a cell: one per line; leading numbering (1. 1、 （1）) dropped; “（已完成）” marks one done. */
export function parseMeasures(text: string): { content: string; done: boolean }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^(\d+[.、．)）]|[（(]\d+[)）])\s*/, ''))
    .filter((line) => line.length > 0)
    .map((line) =>
      line.endsWith(DONE_SUFFIX) ? { content: line.slice(0, -DONE_SUFFIX.length).trim(), done: true } : { content: line, done: false },
    );
}

const CATEGORY_BY_TEXT = new Map<string, ItemCategory>([
  ...ITEM_CATEGORIES.map((c) => [c, c] as const),
  ...Object.entries(CATEGORY_LABELS).map(([code, label]) => [label, code as ItemCategory] as const),
]);
const SOURCE_BY_TEXT = new Map<string, ItemSource>([
  ...ITEM_SOURCES.map((s) => [s, s] as const),
  ...Object.entries(SOURCE_LABELS).map(([code, label]) => [label, code as ItemSource] as const),
  ['12345', 'hotline'],
  ['巡视', 'inspection_tour'],
  ['巡察', 'inspection_tour'],
]);

export interface OrgRef {
  id: number;
  tenantId: number;
  path: string;
}

/** Orgs and people the caller may reach, by the names people write in Excel. */
export interface Lookups {
  orgsByName: Map<string, OrgRef[]>;
  peopleByName: Map<string, { id: number; orgPath: string; orgName: string }[]>;
}

/** The lookups from the orgs and people in the caller's reach: by name, code, "parent/name" and "org/name". */
export function buildLookups(inScope: OrgForImport[], rows: PersonForImport[]): Lookups {
  const byId = new Map(inScope.map((o) => [o.id, o]));
  const orgsByName = new Map<string, OrgRef[]>();
  const add = (key: string, org: OrgRef) => orgsByName.set(key, [...(orgsByName.get(key) ?? []), org]);
  for (const o of inScope) {
    const ref = { id: o.id, tenantId: o.tenantId, path: o.path };
    add(o.name, ref);
    if (o.code) add(o.code, ref);
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) add(`${parent.name}/${o.name}`, ref);
  }
  const peopleByName = new Map<string, { id: number; orgPath: string; orgName: string }[]>();
  for (const p of rows) {
    for (const key of [p.name, `${p.orgName}/${p.name}`]) peopleByName.set(key, [...(peopleByName.get(key) ?? []), p]);
  }
  return { orgsByName, peopleByName };
}

/** A row that passed every check, ready to insert. */
export interface ValidRow {
  row: number;
  code: string | null;
  kind: ItemKind;
  title: string;
  category: ItemCategory;
  source: ItemSource;
  org: OrgRef;
  responsible: OrgRef;
  responsiblePersonId: number | null;
  leadLeaderId: number | null;
  measures: { content: string; done: boolean }[];
  deadline: string | null;
}

export const CODE_PATTERN = /^(WT|RW)-(\d{4})-(\d{6})$/;
const KIND_OF_PREFIX: Record<string, ItemKind> = { WT: 'problem', RW: 'task' };

/** The refusals of one file: every cell's, the first 5000 kept. */
export class ImportProblems {
  readonly errors: ImportError[] = [];
  count = 0;
  constructor(private readonly locale: Locale) {}

  /** Refuses a cell. */
  fail(row: number, column: string, value: string, reason: Reason, params: Record<string, string | number> = {}): void {
    this.count += 1;
    if (this.errors.length < 5000)
      this.errors.push({ row, column, value: value.slice(0, 200), reason, message: message(this.locale, reason, params) });
  }
}

/** What the check of a file's rows found. */
export interface CheckedRows {
  valid: ValidRow[];
  /** Each code the file gives, with the row that gives it. */
  codeRows: Map<string, number>;
}

/**
 * Checks every row of an uploaded 台账 file against the template, the code lists and the caller's reach
 * (`lookups`); refusals go to `problems`. Not an .xlsx at all is a validation error.
 */
export async function checkRows(content: Buffer, lookups: Lookups, problems: ImportProblems, locale: Locale): Promise<CheckedRows> {
  const fail = problems.fail.bind(problems);
  const valid: ValidRow[] = [];
  const codeRows = new Map<string, number>();
  let header: Map<ImportedColumn, number> | undefined;
  let dataRows = 0;
  try {
    for await (const { number, values } of readFirstSheet(content)) {
      if (!header) {
        const names = values.map((v) => cellText(v).replace(/\s+/g, ''));
        header = new Map();
        for (const name of IMPORTED) {
          const index = names.indexOf(name);
          if (index > 0) header.set(name, index);
        }
        const missing = REQUIRED.filter((name) => !header?.has(name));
        for (const name of missing) fail(number, name, '', 'missing_column', { name });
        if (missing.length > 0) break;
        continue;
      }
      const cols = header;
      const raw = (name: ImportedColumn): ExcelJS.CellValue => {
        const index = cols.get(name);
        return index === undefined ? null : (values[index] ?? null);
      };
      const text = (name: ImportedColumn) => cellText(raw(name));
      if (IMPORTED.every((name) => text(name) === '')) continue; // blank line
      dataRows += 1;
      if (dataRows > MAX_IMPORT_ROWS) {
        fail(number, '', '', 'too_many_rows', { max: MAX_IMPORT_ROWS });
        break;
      }
      const before = problems.count;
      for (const name of IMPORTED) if (textProblem(text(name), name === '整改措施')) fail(number, name, text(name), 'control_chars');
      const title = text('问题');
      if (!title) fail(number, '问题', '', 'required');
      else if (title.length > 200) fail(number, '问题', title, 'too_long', { max: 200 });
      const category = CATEGORY_BY_TEXT.get(text('类别'));
      if (!text('类别')) fail(number, '类别', '', 'required');
      else if (!category) fail(number, '类别', text('类别'), 'unknown_category');
      const source = SOURCE_BY_TEXT.get(text('来源'));
      if (!text('来源')) fail(number, '来源', '', 'required');
      else if (!source) fail(number, '来源', text('来源'), 'unknown_source');
      const findOrg = (column: ImportedColumn): OrgRef | undefined => {
        const name = text(column).replace(/\s*\/\s*/g, '/');
        const found = lookups.orgsByName.get(name) ?? [];
        if (found.length === 1) return found[0];
        fail(number, column, name, found.length > 1 ? 'ambiguous_org' : 'unknown_org');
        return undefined;
      };
      let org: OrgRef | undefined;
      if (!text('所涉单位')) fail(number, '所涉单位', '', 'required');
      else org = findOrg('所涉单位');
      const responsible = text('责任单位') ? findOrg('责任单位') : org;
      const findPerson = (column: ImportedColumn): number | null => {
        const name = text(column).replace(/\s*\/\s*/g, '/');
        if (!name) return null;
        const found = lookups.peopleByName.get(name) ?? [];
        // Of namesakes, the one in the responsible org's subtree is meant.
        const near = responsible ? found.filter((p) => p.orgPath.startsWith(responsible.path)) : [];
        const pick = near.length === 1 ? near : found;
        if (pick.length === 1 && pick[0]) return pick[0].id;
        fail(number, column, name, pick.length > 1 ? 'ambiguous_person' : 'unknown_person');
        return null;
      };
      const responsiblePersonId = findPerson('责任人');
      const leadLeaderId = findPerson('牵头领导');
      const measures = parseMeasures(text('整改措施'));
      if (measures.length > 50) fail(number, '整改措施', '', 'too_many_measures', { max: 50 });
      const longMeasure = measures.find((m) => m.content.length > 1000);
      if (longMeasure) fail(number, '整改措施', longMeasure.content, 'too_long', { max: 1000 });
      const deadline = cellDate(raw('时限'));
      if (deadline === 'bad') fail(number, '时限', text('时限'), 'bad_date');
      const code = text('编号') || null;
      let kind: ItemKind = 'problem';
      if (code) {
        const m = CODE_PATTERN.exec(code);
        if (!m) fail(number, '编号', code, 'bad_code');
        else kind = KIND_OF_PREFIX[m[1] ?? 'WT'] ?? 'problem';
        const other = codeRows.get(code);
        if (other !== undefined) fail(number, '编号', code, 'code_repeated', { other });
        else codeRows.set(code, number);
      }
      if (problems.count === before && title && category && source && org && responsible && deadline !== 'bad') {
        valid.push({
          row: number,
          code,
          kind,
          title,
          category,
          source,
          org,
          responsible,
          responsiblePersonId,
          leadLeaderId,
          measures,
          deadline,
        });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation', { field: 'file', reason: message(locale, 'not_xlsx') });
  }
  if (!header) throw new AppError('validation', { field: 'file', reason: message(locale, 'not_xlsx') });
  if (problems.count === 0 && dataRows === 0) fail(1, '', '', 'no_rows');
  return { valid, codeRows };
}
