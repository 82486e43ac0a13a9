/**
 * The digit analysis (Benford) of a column of numbers in a text, CSV or xlsx file: shared by
 * `shiji integrity digits` and POST /api/assessment/integrity/digits.
 */
import { AppError } from '../../platform/errors.js';
import { readFirstSheet } from '../../platform/xlsx.js';
import { BENFORD_DIGITS, benfordTest, toSignificand, type BenfordDigitTest, type NumericInput } from './integrity/checks.js';

/** The analysis as the CLI's --json prints it and the API answers it. */
export interface DigitsReport {
  test: BenfordDigitTest;
  n: number;
  skipped: number;
  /** The digits the counts are indexed by (1–9, 0–9 or 10–99). */
  digits: number[];
  counts: number[];
  expected: number[];
  mad: number;
  conformity: 'close' | 'acceptable' | 'marginal' | 'nonconformity';
  chiSquare: number;
  df: number;
  pValue: number;
  z: number[];
}

/** Splits one CSV line (RFC 4180 quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (typeof value === 'object' && 'result' in (value as object)) return cellText((value as { result: unknown }).result);
  if (typeof value === 'object' && 'richText' in (value as object))
    return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return '';
}

/** Picks the column: by header name, by 1-based number or letter, or the first column whose cells are mostly numbers. */
function pickColumn(header: string[], column: string | undefined, sample: string[][]): number {
  if (column !== undefined) {
    const byName = header.findIndex((h) => h === column);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(column) && Number(column) >= 1) return Number(column) - 1;
    if (/^[A-Za-z]{1,2}$/.test(column))
      return (
        column
          .toUpperCase()
          .split('')
          .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
      );
    throw new AppError('validation', { field: 'column', reason: 'reason.invalid' });
  }
  const width = Math.max(header.length, ...sample.map((r) => r.length));
  for (let i = 0; i < width; i += 1) {
    const numeric = sample.filter((r) => toSignificand(r[i] ?? '') !== null).length;
    if (numeric >= Math.max(1, sample.length / 2)) return i;
  }
  return 0;
}

/** Reads the values of one column from a file: one number a line (.txt), a CSV column, or an xlsx column. */
export async function readColumn(file: { fileName: string; content: Buffer }, column?: string): Promise<NumericInput[]> {
  const name = file.fileName.toLowerCase();
  let rows: string[][];
  if (name.endsWith('.xlsx')) {
    rows = [];
    try {
      for await (const row of readFirstSheet(file.content)) rows.push(row.values.slice(1).map(cellText));
    } catch {
      throw new AppError('validation', { field: 'file', reason: 'reason.invalid' });
    }
  } else if (name.endsWith('.csv') || name.endsWith('.txt') || !name.includes('.')) {
    const text = file.content.toString('utf8').replace(/^\uFEFF/, '');
    rows = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => (name.endsWith('.csv') ? csvCells(l) : [l.trim()]));
  } else {
    throw new AppError('unsupported_media_type', { field: 'file', type: file.fileName });
  }
  if (rows.length === 0) return [];
  const [first = []] = rows;
  // A first row with no number in the chosen column is a header.
  const hasHeader = first.some((cell) => cell !== '' && toSignificand(cell) === null);
  const body = hasHeader ? rows.slice(1) : rows;
  const index = pickColumn(hasHeader ? first : [], column, body.slice(0, 50));
  return body.map((r) => r[index] ?? '').filter((v) => v !== '');
}

/** Runs the Benford test of a file's column; a refusal (too few values, too narrow a range) is a 422 that says why. */
export async function analyseDigits(
  file: { fileName: string; content: Buffer },
  test: BenfordDigitTest,
  column?: string,
): Promise<DigitsReport> {
  const values = await readColumn(file, column);
  return digitsReport(values, test);
}

/** The Benford report of values, or an error explaining the refusal. */
export function digitsReport(values: Iterable<NumericInput>, test: BenfordDigitTest): DigitsReport {
  const result = benfordTest(values, test);
  if (result.refused)
    throw new AppError('unprocessable', {
      field: 'file',
      reason: result.reason.key,
      ...(result.reason.params as Record<string, string | number>),
    });
  const { from } = BENFORD_DIGITS[test];
  return {
    test,
    n: result.n,
    skipped: result.skipped,
    digits: result.counts.map((_, i) => from + i),
    counts: result.counts,
    expected: result.expected,
    mad: result.mad,
    conformity: result.conformity,
    chiSquare: result.chiSquare,
    df: result.df,
    pValue: result.pValue,
    z: result.z,
  };
}
