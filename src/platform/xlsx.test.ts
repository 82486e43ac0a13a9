import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readFirstSheet } from './xlsx.js';

async function* pieces(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

describe('reading Excel files with Chinese text', () => {
  it('decodes UTF-8 split anywhere between chunks', async () => {
    const text = '村卫生室无人坐诊，群众看病难；门可罗雀的民俗小镇。';
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 4, 5, 7]) {
      let out = '';
      for await (const s of decodeUtf8(pieces(bytes, size))) out += s;
      expect(out).toBe(text);
    }
  });

  async function workbook(rows: string[][], useSharedStrings: boolean): Promise<Buffer> {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings, useStyles: false });
    const sheet = wb.addWorksheet('问题台账');
    sheet.addRow(['问题', '类别', '所涉单位']).commit();
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
    await wb.commit();
    await ended;
    return Buffer.concat(chunks);
  }

  it.each([
    ['inline strings (as Shiji’s export writes them)', false],
    ['shared strings (as Excel writes)', true],
  ])('reads thousands of Chinese cells back exactly with %s (exceljs alone garbles a few: issue #2063)', async (_name, shared) => {
    const rows: string[][] = [];
    for (let i = 0; i < 6000; i += 1) rows.push([`巡视巡察发现第${i}个问题：闲置的文化广场`, '形式主义', `青山县第${i % 97}村`]);
    const content = await workbook(rows, shared);
    const read: string[][] = [];
    for await (const { number, values } of readFirstSheet(content)) if (number > 1) read.push(values.slice(1).map((v) => String(v)));
    expect(read).toHaveLength(rows.length);
    expect(read.filter((r) => r.some((c) => c.includes('\uFFFD')))).toEqual([]);
    expect(read).toEqual(rows);
  });
});
