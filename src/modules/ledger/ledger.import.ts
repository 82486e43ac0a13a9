import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../platform/audit.js';
import { textProblem } from '../../platform/text.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import { insertJsonRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { cellText, ImportRefused, markErrors, readFirstSheet, saveImportErrorFile } from '../../platform/xlsx.js';
import type { Locale } from '../../platform/i18n.js';
import type { Principal } from '../../platform/http.js';
import { findOrgs, scopedOrgCondition } from '../org/org.repository.js';
import { orgs, people } from '../org/org.table.js';
import { LEDGER_COLUMNS } from './ledger.excel.js';
import { CATEGORY_LABELS, SOURCE_LABELS } from './ledger.labels.js';
import { maySubmit } from './ledger.policy.js';
import { ITEM_CATEGORIES, ITEM_SOURCES, itemCode, type ItemCategory, type ItemKind, type ItemSource } from './ledger.rules.js';
import { localYear } from '../../platform/time.js';
import { ledgerCounters, ledgerItems } from './ledger.table.js';
import { searchTerms } from './ledger.terms.js';

/** Columns read on import; the others (状态, 红黄绿灯, 销号日期…) are the system's and are ignored. */
const IMPORTED = ['编号', '问题', '类别', '来源', '所涉单位', '责任单位', '责任人', '牵头领导', '整改措施', '时限'] as const;
type ImportedColumn = (typeof IMPORTED)[number];
const REQUIRED: readonly ImportedColumn[] = ['问题', '类别', '来源', '所涉单位'];
/** At most this many rows per file. */
export const MAX_IMPORT_ROWS = 200_000;
const DONE_SUFFIX = '（已完成）';

/** Why a cell was refused, in both languages. */
const REASONS = {
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
  no_rows: { zh: '文件中没有数据行', en: 'the file has no data rows' },
  too_many_rows: { zh: '一次最多导入 {max} 行', en: 'at most {max} rows per file' },
  not_xlsx: { zh: '不是有效的 Excel（.xlsx）文件', en: 'not a valid Excel (.xlsx) file' },
  control_chars: {
    zh: '含有不可见的控制字符或无效字符，请删除后重试',
    en: 'contains invisible control characters or invalid Unicode: remove them',
  },
} as const;
type Reason = keyof typeof REASONS;

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

function message(locale: Locale, reason: Reason, params: Record<string, string | number> = {}): string {
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

interface OrgRef {
  id: number;
  tenantId: number;
  path: string;
}

/** Orgs and people the caller may reach, by the names people write in Excel. */
interface Lookups {
  orgsByName: Map<string, OrgRef[]>;
  peopleByName: Map<string, { id: number; orgPath: string; orgName: string }[]>;
}

async function loadLookups(db: Db, principal: Principal): Promise<Lookups> {
  const inScope = await findOrgs(db, principal, { includeInactive: false });
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
  const rows = await db
    .select({ id: people.id, name: people.name, orgPath: orgs.path, orgName: orgs.name })
    .from(people)
    .innerJoin(orgs, eq(orgs.id, people.orgId))
    .where(and(eq(people.isActive, true), scopedOrgCondition(principal, people.orgId)));
  const peopleByName = new Map<string, { id: number; orgPath: string; orgName: string }[]>();
  for (const p of rows) {
    for (const key of [p.name, `${p.orgName}/${p.name}`]) peopleByName.set(key, [...(peopleByName.get(key) ?? []), p]);
  }
  return { orgsByName, peopleByName };
}

/** A row that passed every check, ready to insert. */
interface ValidRow {
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

const CODE_PATTERN = /^(WT|RW)-(\d{4})-(\d{6})$/;
const KIND_OF_PREFIX: Record<string, ItemKind> = { WT: 'problem', RW: 'task' };

/**
 * Checks every row of an uploaded 台账 file against the template, the code lists and the caller's
 * scope; when all are valid (and it is not a dry run) writes them in one transaction: items as
 * 待交办 with their measures and a submit event each, one audit entry for the file. Any error and
 * nothing is written: the errors come back with an annotated copy of the file.
 */
export async function importLedger(
  deps: AppDeps,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  options: { dryRun: boolean; locale: Locale },
): Promise<ImportResult> {
  const { principal } = actor;
  if (!maySubmit(principal.role)) throw new AppError('forbidden');
  const db = deps.database.db;
  const lookups = await loadLookups(db, principal);
  const errors: ImportError[] = [];
  let errorCount = 0;
  const fail = (row: number, column: string, value: string, reason: Reason, params: Record<string, string | number> = {}) => {
    errorCount += 1;
    if (errors.length < 5000)
      errors.push({ row, column, value: value.slice(0, 200), reason, message: message(options.locale, reason, params) });
  };
  const valid: ValidRow[] = [];
  const codeRows = new Map<string, number>();
  let header: Map<ImportedColumn, number> | undefined;
  let dataRows = 0;
  try {
    for await (const { number, values } of readFirstSheet(file.content)) {
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
      const before = errorCount;
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
      if (errorCount === before && title && category && source && org && responsible && deadline !== 'bad') {
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
    throw new AppError('validation', { field: 'file', reason: message(options.locale, 'not_xlsx') });
  }
  if (!header) throw new AppError('validation', { field: 'file', reason: message(options.locale, 'not_xlsx') });
  if (errorCount === 0 && dataRows === 0) fail(1, '', '', 'no_rows');
  // Codes already on the ledger (a file imported twice).
  const tenantId = valid[0]?.org.tenantId ?? principal.tenantId;
  const givenCodes = [...codeRows.keys()];
  for (let i = 0; i < givenCodes.length; i += 5000) {
    const chunk = givenCodes.slice(i, i + 5000);
    const taken = await db
      .select({ code: ledgerItems.code })
      .from(ledgerItems)
      .where(and(eq(ledgerItems.tenantId, tenantId), inArray(ledgerItems.code, chunk)));
    for (const { code } of taken) fail(codeRows.get(code) ?? 0, '编号', code, 'code_taken');
  }
  if (errorCount > 0) {
    errors.sort((a, b) => a.row - b.row);
    const errorFileId = await saveErrorFile(deps, principal, file, errors);
    throw new ImportRefused(errors, errorCount, errorFileId);
  }
  if (options.dryRun) return { dryRun: true, rows: valid.length, created: 0, codes: { first: null, last: null } };
  const codes = await writeRows(deps, actor, valid, {
    fileName: file.fileName,
    sha256: createHash('sha256').update(file.content).digest('hex'),
  });
  // After a bulk load the planner's row estimates are stale until autovacuum comes round; refresh them now.
  if (valid.length >= 1000) await db.execute(sql`analyze ledger_items, ledger_measures`);
  return { dryRun: false, rows: valid.length, created: valid.length, codes };
}

const ITEM_CHUNK = 5000;
const MEASURE_CHUNK = 10000;
const ITEM_COLUMNS = [
  'tenant_id',
  'code',
  'kind',
  'title',
  'description',
  'category',
  'source',
  'org_id',
  'responsible_org_id',
  'responsible_person_id',
  'lead_leader_id',
  'status',
  'deadline',
  'original_deadline',
  'search_terms',
  'measures_total',
  'measures_done',
  'extra',
  'created_by',
  'created_at',
  'updated_at',
];
const MEASURE_COLUMNS = ['tenant_id', 'item_id', 'content', 'status', 'done_at', 'sort_order', 'created_at', 'updated_at'];
const EVENT_COLUMNS = ['tenant_id', 'item_id', 'at', 'actor_id', 'actor_name', 'action', 'to_status', 'comment', 'detail'];

/** Inserts the valid rows in one transaction, in multi-row statements. */
async function writeRows(
  deps: AppDeps,
  actor: Actor,
  rows: ValidRow[],
  file: { fileName: string; sha256: string },
): Promise<{ first: string | null; last: string | null }> {
  const now = deps.now();
  const year = localYear(now);
  const { principal } = actor;
  const tenantId = rows[0]?.org.tenantId ?? principal.tenantId;
  return deps.database.db.transaction(async (tx) => {
    // Codes: the file's own are kept and push the counters past them; the rest are drawn in one block per prefix.
    const highest = new Map<string, number>();
    for (const r of rows) {
      const m = r.code ? CODE_PATTERN.exec(r.code) : null;
      if (!m) continue;
      const key = `${m[1]}:${m[2]}`;
      highest.set(key, Math.max(highest.get(key) ?? 0, Number(m[3])));
    }
    for (const [key, last] of highest) {
      const [prefix = 'WT', y = '0'] = key.split(':');
      await tx
        .insert(ledgerCounters)
        .values({ tenantId, prefix, year: Number(y), last })
        .onConflictDoUpdate({
          target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
          set: { last: sql`greatest(${ledgerCounters.last}, ${last})` },
        });
    }
    for (const prefix of ['WT', 'RW'] as const) {
      const need = rows.filter((r) => !r.code && itemCode(r.kind, year, 0).startsWith(prefix));
      if (need.length === 0) continue;
      const [counter] = await tx
        .insert(ledgerCounters)
        .values({ tenantId, prefix, year, last: need.length })
        .onConflictDoUpdate({
          target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
          set: { last: sql`${ledgerCounters.last} + ${need.length}` },
        })
        .returning({ last: ledgerCounters.last });
      let next = (counter?.last ?? need.length) - need.length + 1;
      for (const r of need) r.code = itemCode(r.kind, year, next++);
    }
    const stamp = now.toISOString();
    for (let i = 0; i < rows.length; i += ITEM_CHUNK) {
      const chunk = rows.slice(i, i + ITEM_CHUNK);
      const inserted = await insertJsonRows<{ id: number; code: string }>(
        tx,
        'ledger_items',
        ITEM_COLUMNS,
        chunk.map((r) => ({
          tenant_id: tenantId,
          code: r.code ?? '',
          kind: r.kind,
          title: r.title,
          description: '',
          category: r.category,
          source: r.source,
          org_id: r.org.id,
          responsible_org_id: r.responsible.id,
          responsible_person_id: r.responsiblePersonId,
          lead_leader_id: r.leadLeaderId,
          status: 'submitted',
          deadline: r.deadline,
          original_deadline: r.deadline,
          search_terms: searchTerms(r.title),
          measures_total: r.measures.length,
          measures_done: r.measures.filter((m) => m.done).length,
          extra: { importedFrom: file.fileName, importRow: r.row },
          created_by: principal.userId,
          created_at: stamp,
          updated_at: stamp,
        })),
        'id, code',
      );
      const idOf = new Map(inserted.map((x) => [x.code, Number(x.id)]));
      const measures = chunk.flatMap((r) =>
        r.measures.map((m, order) => ({
          tenant_id: tenantId,
          item_id: idOf.get(r.code ?? '') ?? 0,
          content: m.content,
          status: m.done ? 'done' : 'pending',
          done_at: m.done ? stamp : null,
          sort_order: order,
          created_at: stamp,
          updated_at: stamp,
        })),
      );
      for (let j = 0; j < measures.length; j += MEASURE_CHUNK)
        await insertJsonRows(tx, 'ledger_measures', MEASURE_COLUMNS, measures.slice(j, j + MEASURE_CHUNK));
      await insertJsonRows(
        tx,
        'ledger_events',
        EVENT_COLUMNS,
        inserted.map((x) => ({
          tenant_id: tenantId,
          item_id: Number(x.id),
          at: stamp,
          actor_id: principal.userId,
          actor_name: principal.displayName,
          action: 'submit',
          to_status: 'submitted',
          comment: `导入：${file.fileName}`,
          detail: { import: file.sha256 },
        })),
      );
    }
    const first = rows[0]?.code ?? null;
    const last = rows[rows.length - 1]?.code ?? null;
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'ledger.import',
        { type: 'ledger_import', id: null },
        { fileName: file.fileName, sha256: file.sha256, rows: rows.length, first, last },
      ),
    );
    return { first, last };
  });
}

async function saveErrorFile(
  deps: AppDeps,
  principal: Principal,
  file: { fileName: string; content: Buffer },
  errors: ImportError[],
): Promise<number | null> {
  const content = await markErrors(file.content, errors, {
    sheetName: '导入错误',
    widthOf: (header) => LEDGER_COLUMNS.find(([h]) => h === header)?.[1] ?? 14,
  });
  if (!content) return null;
  return saveImportErrorFile(deps, principal, file.fileName, content);
}

/** The import template: the 台账 columns (the system's own greyed), drop-down lists for 类别 and 来源, and a sheet of instructions. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shiji 实绩';
  const sheet = workbook.addWorksheet('问题台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map(([header, width]) => ({ header, width }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  LEDGER_COLUMNS.forEach(([name], i) => {
    const cell = head.getCell(i + 1);
    const imported = (IMPORTED as readonly string[]).includes(name);
    const required = (REQUIRED as readonly string[]).includes(name);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: imported ? (required ? 'FFFFE699' : 'FFDDEBF7') : 'FFD9D9D9' } };
    if (!imported) cell.note = '由系统生成，导入时忽略 / set by the system, ignored on import';
    else if (required) cell.note = '必填 / required';
  });
  const lists = workbook.addWorksheet('选项');
  lists.columns = [
    { header: '问题类别', width: 20 },
    { header: '问题来源', width: 16 },
  ];
  const categories = Object.values(CATEGORY_LABELS);
  const sources = Object.values(SOURCE_LABELS);
  for (let i = 0; i < Math.max(categories.length, sources.length); i += 1) lists.addRow([categories[i] ?? null, sources[i] ?? null]);
  const categoryColumn = LEDGER_COLUMNS.findIndex(([h]) => h === '类别') + 1;
  const sourceColumn = LEDGER_COLUMNS.findIndex(([h]) => h === '来源') + 1;
  for (let r = 2; r <= 2001; r += 1) {
    sheet.getCell(r, categoryColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$A$2:$A$${categories.length + 1}`],
      showErrorMessage: true,
      error: '请从下拉列表选择问题类别',
    };
    sheet.getCell(r, sourceColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$B$2:$B$${sources.length + 1}`],
      showErrorMessage: true,
      error: '请从下拉列表选择问题来源',
    };
  }
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  const lines: [string, string][] = [
    ['列', '怎么填'],
    ['编号', '可不填，系统按年自动编号（WT-年份-六位序号）；迁移旧台账时可保留原编号，已存在的编号不能再次导入。'],
    ['问题', '必填，200 字以内。'],
    ['类别', '必填，从下拉列表选择（见“选项”表）。'],
    ['来源', '必填，从下拉列表选择（见“选项”表）。'],
    ['所涉单位', '必填，单位全称；同名单位写成“上级单位/本单位”，如“青山县/城关镇”。'],
    ['责任单位', '不填则同所涉单位。'],
    ['责任人、牵头领导', '干部姓名；同名时写成“单位/姓名”。'],
    ['整改措施', '每行一条（单元格内按 Alt+Enter 换行）；行尾写“（已完成）”表示已完成。'],
    ['时限', '日期，如 2027-03-31。'],
    ['其余列', '状态、红黄绿灯、督办次数、销号日期等由系统生成，导入时忽略；导入的问题均为“待交办”。'],
    ['校验', '先校验全部行：任何一行有错则一行也不导入，并给出标注了错误的文件供修改后重新导入。'],
  ];
  for (const line of lines) help.addRow(line);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
