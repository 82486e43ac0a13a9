import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, seedDemoLedger, ZItemDetail, ZItemPage, ZLedgerStats } from '../../src/modules/ledger/index.js';
import { testEngines } from '../support/databases.js';
import { login, startTestApp } from '../support/app.js';

/** The demo ledger itself (`shiji seed`): this test is about the demo, so it seeds the demo city and uses its accounts. */
describe('demo ledger', () => {
  const engine = testEngines()[0];
  if (!engine) throw new Error('no engine');
  it('seeds a few hundred realistic items across states and orgs, consistent with the loop', async () => {
    const t = await startTestApp(engine, {}, { seed: 'demo' });
    try {
      // 240 items of this year, and 6 of last year that the demo's 2025 assessment deducts for.
      expect(await seedDemoLedger(t.deps)).toBe(246);
      const c = await login(t, 'inspector');
      const stats = ZLedgerStats.parse((await c.request('GET', '/api/ledger/stats')).json());
      expect(stats.total).toBe(246);
      expect(stats.byStatus.length).toBeGreaterThanOrEqual(7);
      expect(stats.byOrg.length).toBeGreaterThan(10);
      expect(stats.red).toBeGreaterThan(0);
      const closed = ZItemPage.parse((await c.request('GET', '/api/ledger/items?status=closed&pageSize=5')).json());
      for (const summary of closed.items) {
        const item = ZItemDetail.parse((await c.request('GET', `/api/ledger/items/${summary.id}`)).json());
        expect(item.measures.every((m) => m.status === 'done' && m.completionNote)).toBe(true);
        expect(item.closureOutcome).not.toBeNull();
        expect(item.recheckDue).not.toBeNull();
      }
      // Export: the standard columns, one row per item in scope, readable by a spreadsheet library.
      const exported = await c.request('GET', '/api/ledger/export.xlsx');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toContain('filename*=UTF-8');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('问题台账');
      expect(sheet?.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS.map(([h]) => h)]);
      expect((sheet?.rowCount ?? 0) - 1).toBe(246);
      expect((sheet?.getColumn(1).values ?? []).filter((v) => String(v).startsWith('WT-2025-')).length).toBe(6);
      // Every demo problem names its 责任人 and 牵头领导 (the default view showed "—" on every row).
      const named = (column: number) =>
        (sheet?.getColumn(column).values ?? []).slice(2).filter((v) => String(v ?? '').trim() !== '').length;
      expect(named(7)).toBeGreaterThanOrEqual(240);
      expect(named(8)).toBeGreaterThanOrEqual(240);
      // The light filter (written for the indexes) picks exactly the rows whose computed light it names.
      for (const [light, label] of [
        ['red', '红灯'],
        ['yellow', '黄灯'],
        ['green', '绿灯'],
      ]) {
        const filtered = ZItemPage.parse((await c.request('GET', `/api/ledger/items?light=${light}&pageSize=1`)).json()).total;
        expect((sheet?.getColumn(13).values ?? []).filter((v) => v === label).length, light).toBe(filtered);
        expect(filtered, light).toBeGreaterThan(0);
      }
      const scoped = await (await login(t, 'qingshan.handler')).request('GET', '/api/ledger/export.xlsx?status=rectifying');
      const scopedBook = new ExcelJS.Workbook();
      await scopedBook.xlsx.load(scoped.rawPayload as unknown as ArrayBuffer);
      const units = (scopedBook.getWorksheet('问题台账')?.getColumn(6).values ?? []).slice(2);
      expect(units.length).toBeGreaterThan(0);
      expect(units.every((u) => String(u).includes('青山') || ['石门镇', '柳河乡', '杨庄乡', '青山纪委监委'].includes(String(u)))).toBe(
        true,
      );
      const statuses = (scopedBook.getWorksheet('问题台账')?.getColumn(12).values ?? []).slice(2);
      expect(new Set(statuses)).toEqual(new Set(['整改中']));
      // It prints as a 台账 is filed: A4 landscape, one page wide, the header row on every page, and the page
      // header says what it is, whose scope, which filters and when.
      const printed = scopedBook.getWorksheet('问题台账');
      expect(printed?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(printed?.pageSetup.printTitlesRow).toBe('1:1');
      expect(printed?.headerFooter.oddHeader).toContain('问题台账');
      expect(printed?.headerFooter.oddHeader).toContain('范围：青山县（含下级）');
      expect(printed?.headerFooter.oddHeader).toContain('筛选：状态：整改中');
      expect(printed?.headerFooter.oddHeader).toMatch(/导出：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(printed?.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');

      const titles = ZItemPage.parse((await c.request('GET', `/api/ledger/items?q=${encodeURIComponent('卫生室')}`)).json());
      expect(titles.total).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
