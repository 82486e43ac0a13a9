import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../platform/context.js';
import type { Principal } from '../../platform/http.js';
import { orgNames, personNames } from '../org/index.js';
import type { TListItemsQuery } from './ledger.contract.js';
import { CATEGORY_LABELS, LIGHT_LABELS, OUTCOME_LABELS, SOURCE_LABELS, STATUS_LABELS } from './ledger.labels.js';
import { findItemsAfter } from './ledger.list.repository.js';
import type { ItemCategory, ItemSource, ItemStatus } from './ledger.rules.js';
import { localDate } from '../../platform/time.js';
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
  const sheet = workbook.addWorksheet('问题台账', { views: [{ state: 'frozen', ySplit: 1 }] });
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
