import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

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
  const reader = new Utf8WorkbookReader(Readable.from([content]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? (row.values as ExcelJS.CellValue[]) : [];
      yield { number: row.number, values };
    }
    break;
  }
}
