import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import type { AppDeps } from './context.js';
import { AppError } from './errors.js';
import { readFile, saveFile } from './files.js';
import type { Principal } from './http.js';

/** Decodes a stream of UTF-8 byte chunks into text without splitting a character across chunks. */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

/**
 * ExcelJS's streaming reader turns each inflated chunk into text on its own, so a Chinese character
 * that straddles two chunks comes out as "��" (exceljs issues #2063, #2084; one cell in a few
 * thousand). This reader decodes worksheet and shared-string streams with a StringDecoder first.
 * It hooks two internal methods of exceljs 4.4.0, which package.json pins; the import tests read
 * thousands of Chinese cells back to prove it still holds after an upgrade.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
    super(input, options);
    const self = this as unknown as ReaderInternals;
    const parseWorksheet = self._parseWorksheet.bind(this);
    const parseSharedStrings = self._parseSharedStrings.bind(this);
    self._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decodeUtf8(iterator), sheetNo);
    self._parseSharedStrings = (entry) => {
      (entry as unknown as { setEncoding(e: string): void }).setEncoding('utf8');
      return parseSharedStrings(entry);
    };
  }
}

/** The rows of a workbook's first sheet, streamed: row number (as Excel shows it) and cell values (1-based). */
export async function* readFirstSheet(content: Buffer): AsyncGenerator<{ number: number; values: ExcelJS.CellValue[] }> {
  // An empty file has no sheet (and the zip reader would wait for one for ever).
  if (content.length === 0) return;
  const reader = new Utf8WorkbookReader(Readable.from([content]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? (row.values as ExcelJS.CellValue[]) : [];
      yield { number: row.number, values };
    }
    break;
  }
}

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/** The text of a cell, whatever Excel, WPS or LibreOffice stored in it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value as string | number | boolean).trim();
}

/**
 * A refused upload marked for the person who fixes it: the header, then only the rows with errors, each wrong cell
 * red with a note, and a last column saying what is wrong (errors of row 1 or less are about the file as a whole).
 */
export async function markErrors(
  content: Buffer,
  errors: readonly { row: number; column: string; message: string }[],
  options: { sheetName: string; widthOf?: (header: string) => number },
): Promise<Buffer | null> {
  const byRow = new Map<number, { row: number; column: string; message: string }[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(options.sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...printLayout({ title: `${options.sheetName}（错误说明）`, details: [`${new Set(errors.map((e) => e.row)).size} 行待改`] }),
  });
  let headerNames: string[] = [];
  let width = 0;
  try {
    for await (const { number, values } of readFirstSheet(content)) {
      const texts = values.slice(1).map((v) => cellText(v));
      if (number === 1) {
        headerNames = texts;
        width = texts.length;
        sheet.columns = [
          ...Array.from({ length: width }, (_, i) => ({ width: options.widthOf?.(headerNames[i] ?? '') ?? 14 })),
          { width: 60 },
        ];
        const row = sheet.addRow([...texts, ...Array.from({ length: width - texts.length }, () => ''), '错误说明']);
        row.font = { bold: true };
        row.commit();
        continue;
      }
      const rowErrors = byRow.get(number) ?? [];
      if (rowErrors.length === 0) continue; // only the rows to fix
      const row = sheet.addRow([
        ...texts,
        ...Array.from({ length: Math.max(0, width - texts.length) }, () => ''),
        `第 ${number} 行：${rowErrors.map((e) => `${e.column ? `【${e.column}】` : ''}${e.message}`).join('；')}`,
      ]);
      for (const e of rowErrors) {
        const index = headerNames.indexOf(e.column);
        if (index < 0) continue;
        const cell = row.getCell(index + 1);
        cell.fill = ERROR_FILL;
        cell.note = e.message;
      }
      row.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
      row.commit();
    }
    for (const e of errors.filter((x) => x.row <= 1))
      sheet.addRow([...Array.from({ length: width }, () => ''), `${e.column ? `【${e.column}】` : ''}${e.message}`]).commit();
  } catch {
    return null;
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

const ERROR_FILE_SUFFIX = '-错误说明.xlsx';

/** Keeps a marked error file for the uploader; answers its id. */
export async function saveImportErrorFile(deps: AppDeps, principal: Principal, uploadedName: string, content: Buffer): Promise<number> {
  const saved = await saveFile(deps.database.db, {
    tenantId: principal.tenantId,
    fileName: `${uploadedName.replace(/\.xlsx$/i, '')}${ERROR_FILE_SUFFIX}`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content,
    createdBy: principal.userId,
    now: deps.now(),
  });
  return saved.id;
}

/** A marked error file, for the user who uploaded the refused file only. */
export async function readImportErrorFile(
  deps: AppDeps,
  principal: Principal,
  fileId: number,
): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  const file = await readFile(deps.database.db, principal.tenantId, fileId);
  if (!file || file.createdBy !== principal.userId || !file.fileName.endsWith(ERROR_FILE_SUFFIX))
    throw new AppError('not_found', { entity: 'entity.file' });
  return file;
}

/** An import refused as a whole: every error (row, column, reason) and the marked file to download. */
export class ImportRefused extends AppError {
  constructor(
    readonly errors: readonly { row: number; column: string; value: string; reason: string; message: string }[],
    readonly errorCount: number,
    readonly errorFileId: number | null,
  ) {
    super('unprocessable', { field: 'file', reason: 'reason.import.errors', count: errorCount });
  }

  /** The 422 body: a summary in the caller's language, every error, and where the marked file is. */
  body(locale: 'zh-CN' | 'en-US', errorFileUrl: (id: number) => string): Record<string, unknown> {
    const base = this.toBody(locale);
    const summary =
      locale === 'en-US'
        ? `The file has ${this.errorCount} errors; nothing was imported`
        : `文件中有 ${this.errorCount} 处错误，未导入任何数据`;
    return {
      error: { ...base.error, message: summary },
      errorCount: this.errorCount,
      errors: this.errors,
      errorFileUrl: this.errorFileId ? errorFileUrl(this.errorFileId) : null,
    };
  }
}

/** Escapes text for an Excel page header (`&` starts a code there). */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/**
 * How an exported sheet prints: A4 landscape, fitted to the page width, the header row repeated on every page,
 * the title (what, for whom, which filters, when) at the top of every page and "第 n 页，共 m 页" at the bottom.
 * The sheet itself keeps its header in row 1, so an export still re-imports as it is.
 */
export function printLayout(o: {
  title: string;
  details: string[];
}): Pick<Partial<ExcelJS.AddWorksheetOptions>, 'pageSetup' | 'headerFooter'> {
  const details = o.details.filter(Boolean).map(headerText).join('　');
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.9, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L&"-,Bold"&12${headerText(o.title)}&R&9${details}`,
      oddFooter: '&C&9第 &P 页，共 &N 页',
    },
  };
}

/** An export time as clerks write it: 2026-12-07 14:05. */
export function exportStamp(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** Refusal reasons every spreadsheet import shares (zh-CN and en), spread into each import's own list. */
export const IMPORT_REASONS = {
  no_rows: { zh: '文件中没有数据行', en: 'the file has no data rows' },
  too_many_rows: { zh: '一次最多导入 {max} 行', en: 'at most {max} rows per file' },
  not_xlsx: { zh: '不是有效的 Excel（.xlsx）文件', en: 'not a valid Excel (.xlsx) file' },
  not_number: { zh: '应为数字', en: 'a number' },
} as const;
