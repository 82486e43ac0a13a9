import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../platform/context.js';
import type { Principal } from '../../platform/http.js';
import { orgNames, personNames } from '../org/index.js';
import type { TListItemsQuery } from './ledger.contract.js';
import { CATEGORY_LABELS, LIGHT_LABELS, OUTCOME_LABELS, SOURCE_LABELS, STATUS_LABELS } from './ledger.labels.js';
import { findItemsAfter } from './ledger.list.repository.js';
import type { ItemCategory, ItemSource, ItemStatus } from './ledger.rules.js';
import { localDate, timeZone } from '../../platform/time.js';
import { exportStamp, printLayout } from '../../platform/xlsx.js';
import { itemFilterFrom } from './ledger.queries.js';

/** The standard 台账 columns, in order: header, width. */
export const LEDGER_COLUMNS: [string, number][] = [
  ['编号', 18],
  ['问题', 40],
  ['类别', 14],
  ['来源', 12],
  ['所涉单位', 18],
  ['责任单位', 18],
  ['责任人', 10],
  ['牵头领导', 10],
  ['整改措施', 50],
  ['时限', 12],
  ['原定时限', 12],
  ['状态', 10],
  ['红黄绿灯', 10],
  ['督办次数', 10],
  ['销号日期', 12],
  ['销号结论', 12],
];

const BATCH = 2000;
const FILL: Record<string, string> = { red: 'FFFFC7CE', yellow: 'FFFFEB9C', green: 'FFC6EFCE' };
const PLAIN: Partial<ExcelJS.Style> = {};
const WRAP: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };
const LIGHT_STYLES: Record<string, Partial<ExcelJS.Style>> = Object.fromEntries(
  Object.entries(FILL).map(([light, argb]) => [light, { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }]),
);

const SCOPE_WORDS: Record<Principal['scope'], string> = { own: '本单位', subtree: '含下级', all: '全部' };

/** What the printed page says the export holds: scope, filters in words, export time. */
export async function exportDetails(deps: AppDeps, principal: Principal, query: TListItemsQuery): Promise<string[]> {
  const db = deps.database.db;
  const names = await orgNames(
    db,
    [principal.orgId, query.orgId, query.responsibleOrgId].filter((id): id is number => typeof id === 'number'),
  );
  const filters = [
    query.orgId ? `所涉单位：${names.get(query.orgId) ?? query.orgId}` : '',
    query.responsibleOrgId ? `责任单位：${names.get(query.responsibleOrgId) ?? query.responsibleOrgId}` : '',
    query.category ? `类别：${CATEGORY_LABELS[query.category]}` : '',
    query.source ? `来源：${SOURCE_LABELS[query.source]}` : '',
    query.status ? `状态：${STATUS_LABELS[query.status]}` : '',
    query.light ? `亮灯：${LIGHT_LABELS[query.light] ?? query.light}` : '',
    query.deadlineFrom || query.deadlineTo ? `时限：${query.deadlineFrom ?? ''}至${query.deadlineTo ?? ''}` : '',
    query.q ? `关键词：${query.q}` : '',
    query.tag ? `标签：${query.tag}` : '',
    query.mine ? '我的待办' : '',
  ].filter(Boolean);
  return [
    `范围：${names.get(principal.orgId) ?? ''}（${SCOPE_WORDS[principal.scope]}）`,
    filters.length > 0 ? `筛选：${filters.join('，')}` : '筛选：无',
    `导出：${exportStamp(deps.now(), timeZone())} ${principal.displayName}`,
  ];
}

/**
 * Streams the filtered ledger as an .xlsx: rows are fetched in id order by keyset and written
 * through ExcelJS's streaming writer (no shared strings), so memory stays bounded at any size.
 */
export async function exportLedger(deps: AppDeps, principal: Principal, query: TListItemsQuery): Promise<Readable> {
  const db = deps.database.db;
  const filter = await itemFilterFrom(deps, principal, query);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Shiji 实绩';
  const sheet = workbook.addWorksheet('问题台账', {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...printLayout({ title: '问题台账', details: await exportDetails(deps, principal, query) }),
  });
  sheet.columns = LEDGER_COLUMNS.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    let afterId = 0;
    for (;;) {
      const rows = await findItemsAfter(db, filter, afterId, BATCH);
      if (rows.length === 0) break;
      const orgs = await orgNames(
        db,
        rows.flatMap((r) => [r.orgId, r.responsibleOrgId]),
      );
      const persons = await personNames(
        db,
        rows.flatMap((r) => [r.responsiblePersonId, r.leadLeaderId]),
      );
      for (const r of rows) {
        const row = sheet.addRow([
          r.code,
          r.title,
          CATEGORY_LABELS[r.category as ItemCategory] ?? r.category,
          SOURCE_LABELS[r.source as ItemSource] ?? r.source,
          orgs.get(r.orgId) ?? '',
          orgs.get(r.responsibleOrgId) ?? '',
          r.responsiblePersonId ? (persons.get(r.responsiblePersonId) ?? '') : '',
          r.leadLeaderId ? (persons.get(r.leadLeaderId) ?? '') : '',
          r.measuresText ?? '',
          r.deadline ?? '',
          r.originalDeadline && r.originalDeadline !== r.deadline ? r.originalDeadline : '',
          STATUS_LABELS[r.status as ItemStatus] ?? r.status,
          r.light ? LIGHT_LABELS[r.light] : '',
          r.urgeCount,
          r.closedAt ? localDate(r.closedAt) : '',
          r.closureOutcome ? (OUTCOME_LABELS[r.closureOutcome] ?? r.closureOutcome) : '',
        ]);
        // Shared style objects: ExcelJS caches a style by object identity, so rows cost no style work.
        row.eachCell((cell) => {
          cell.style = PLAIN;
        });
        row.getCell(9).style = WRAP;
        const light = r.light ? LIGHT_STYLES[r.light] : undefined;
        if (light) row.getCell(13).style = light;
        row.commit();
      }
      afterId = rows[rows.length - 1]?.id ?? afterId;
      // Let the response drain before fetching more, so a slow client does not pile rows up in memory.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
