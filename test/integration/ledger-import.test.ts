import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZItemDetail, ZItemPage } from '../../src/modules/ledger/index.js';
import { testEngines } from '../support/databases.js';
import { multipartBody, startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

const multipart = (content: Buffer) => {
  const { payload, contentType } = multipartBody({
    fileName: 'x.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content,
  });
  return { 'content-type': contentType, body: payload };
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['编号', '问题', '类别', '来源', '所涉单位', '责任单位', '责任人', '牵头领导', '整改措施', '时限'];

/** An .xlsx with the given header and rows, as a clerk would fill the template. */
async function workbook(rows: (string | number | Date | null)[][], header = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('问题台账');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readSheet(content: Buffer, name?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = name ? wb.getWorksheet(name) : wb.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const out: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));
    out.push(values);
  });
  return out;
}

describe.each(testEngines())('ledger Excel import on $name', (engine) => {
  let t: TestApp;
  let inspector: Client;
  /** A city with two counties, named in the files' 所涉单位 and 责任单位 columns. */
  let city: BuiltOrg;
  let qs: BuiltOrg;
  let yl: BuiltOrg;
  let auditorUser: BuiltUser;
  const upload = (c: Client, content: Buffer, query = '', fileName = '台账.xlsx') =>
    c.upload(`/api/ledger/import${query}`, { fileName, mimeType: XLSX, content });
  const count = async (c: Client) => ZItemPage.parse((await c.request('GET', '/api/ledger/items?pageSize=1')).json()).total;

  beforeAll(async () => {
    t = await startTestApp(engine);
    city = await buildTenant(t);
    qs = await buildOrg(t, { parent: city });
    yl = await buildOrg(t, { parent: city });
    inspector = await loginAs(t, await buildUser(t, { role: 'inspector', scope: 'all', org: city }));
    auditorUser = await buildUser(t, { role: 'auditor', scope: 'all', org: city });
  });
  afterAll(async () => t?.close());

  it('serves a template with the 台账 columns, drop-down lists and instructions', async () => {
    const res = await inspector.request('GET', '/api/ledger/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['问题台账', '选项', '填写说明']);
    const header = (wb.getWorksheet('问题台账')?.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 10)).toEqual(HEADERS);
    expect(wb.getWorksheet('问题台账')?.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
    expect((await readSheet(res.rawPayload, '选项')).map((r) => r[0])).toContain('形式主义');
  });

  it('a dry run checks and writes nothing; a real run writes every row with measures as 待交办', async () => {
    const before = await count(inspector);
    const file = await workbook([
      [
        '',
        '村卫生室无人坐诊',
        '形式主义',
        '巡视巡察',
        qs.name,
        '',
        '',
        '',
        '1. 落实乡村医生轮班坐诊\n2. 公开坐诊时间（已完成）',
        '2027-03-31',
      ],
      ['', '文化广场闲置', '形象工程', '12345热线', qs.name, qs.name, '', '', '', new Date(Date.UTC(2027, 5, 30))],
      ['', '民俗小镇门可罗雀', 'vanity_project', 'survey', yl.name, '', '', '', '盘活运营', 46873],
    ]);
    const dry = await upload(inspector, file, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 3, created: 0 });
    expect(await count(inspector)).toBe(before);

    const res = await upload(inspector, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, rows: 3, created: 3 });
    expect(await count(inspector)).toBe(before + 3);
    const list = ZItemPage.parse((await inspector.request('GET', `/api/ledger/items?q=${encodeURIComponent('村卫生室无人坐诊')}`)).json());
    const first = list.items[0];
    if (!first) throw new Error('imported item not found');
    const item = ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${first.id}`)).json());
    expect(item).toMatchObject({
      status: 'submitted',
      category: 'formalism',
      source: 'inspection_tour',
      responsibleOrgName: qs.name,
      deadline: '2027-03-31',
      measuresTotal: 2,
      measuresDone: 1,
    });
    expect(item.measures.map((m) => [m.content, m.status])).toEqual([
      ['落实乡村医生轮班坐诊', 'pending'],
      ['公开坐诊时间', 'done'],
    ]);
    const third = ZItemPage.parse((await inspector.request('GET', `/api/ledger/items?q=${encodeURIComponent('民俗小镇门可罗雀')}`)).json())
      .items[0];
    expect(third?.deadline).toBe('2028-04-30'); // Excel's serial day 46873
    const auditor = await loginAs(t, auditorUser);
    expect((await auditor.request('GET', '/api/audit?action=ledger.import')).json().total).toBe(1);
  });

  it('a bad row in the middle: nothing is written, every error names row, column and reason, and the marked file comes back', async () => {
    const before = await count(inspector);
    const file = await workbook([
      ['', '好的一行', '形式主义', '巡视巡察', qs.name, '', '', '', '整改', '2027-03-31'],
      ['', '', '不存在的类别', '巡视巡察', '火星县', '', '查无此人', '', '', '2027-02-30'],
      ['', '另一行好的', '官僚主义', '审计', qs.name, '', '', '', '', ''],
    ]);
    const res = await upload(inspector, file, '', '三月台账.xlsx');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 'unprocessable', field: 'file' });
    expect(body.error.message).toContain('未导入任何数据');
    expect(body.errors.map((e: { row: number; column: string; reason: string }) => [e.row, e.column, e.reason])).toEqual([
      [3, '问题', 'required'],
      [3, '类别', 'unknown_category'],
      [3, '所涉单位', 'unknown_org'],
      [3, '责任人', 'unknown_person'],
      [3, '时限', 'bad_date'],
    ]);
    expect(await count(inspector)).toBe(before);
    const marked = await inspector.request('GET', body.errorFileUrl);
    expect(marked.statusCode).toBe(200);
    expect(decodeURIComponent(String(marked.headers['content-disposition']))).toContain('三月台账-错误说明.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(marked.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(11).value).toBe('错误说明');
    expect(String(sheet?.getRow(2).getCell(11).value)).toContain('第 3 行');
    expect(sheet?.getRow(2).getCell(3).note).toBeTruthy();
    // The marked file is the uploader's alone.
    const other = await loginAs(t, auditorUser);
    expect((await other.request('GET', body.errorFileUrl)).statusCode).toBe(404);
    // English callers get English reasons.
    const form = multipart(file);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/ledger/import',
      headers: {
        cookie: inspector.cookie,
        'x-csrf-token': inspector.csrf,
        'accept-language': 'en-US',
        'content-type': form['content-type'],
      },
      payload: form.body,
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().errors[1].message).toContain('not one of the categories');
    expect(en.json().error.message).toContain('nothing was imported');
  });

  it('refuses files that are not the template, outside the caller’s scope, or imported twice', async () => {
    const noColumns = await upload(inspector, await workbook([['x']], ['标题']));
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.json().errors.map((e: { column: string }) => e.column)).toEqual(['问题', '类别', '来源', '所涉单位']);
    const notExcel = await inspector.upload('/api/ledger/import', {
      fileName: '台账.xlsx',
      mimeType: XLSX,
      content: Buffer.from('not a zip'),
    });
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.field).toBe('file');
    expect(
      (await inspector.upload('/api/ledger/import', { fileName: '台账.csv', mimeType: 'text/csv', content: Buffer.from('a,b') }))
        .statusCode,
    ).toBe(415);
    // A county handler cannot file problems on another county.
    const qingshan = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'subtree', org: qs }));
    const outside = await upload(qingshan, await workbook([['', '越权', '形式主义', '巡视巡察', yl.name, '', '', '', '', '']]));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ row: 2, column: '所涉单位', reason: 'unknown_org' });
    // Codes kept from an old ledger; the same file twice is refused by its codes.
    const withCodes = await workbook([['WT-2025-000777', '旧台账问题', '新官不理旧账', '信访', qs.name, '', '', '', '', '2027-01-31']]);
    expect((await upload(inspector, withCodes)).statusCode).toBe(200);
    const twice = await upload(inspector, withCodes);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0]).toMatchObject({ column: '编号', reason: 'code_taken' });
    const auditor = await loginAs(t, auditorUser);
    expect((await auditor.request('GET', '/api/ledger/import-template.xlsx')).statusCode).toBe(200);
    expect((await upload(auditor, withCodes)).statusCode).toBe(403);
  });

  it('export → import round trip: a ledger exported from one system imports into another with the same rows', async () => {
    const created = ZItemDetail.parse(
      (
        await inspector.request('POST', '/api/ledger/items', {
          title: '往返测试：村级活动中心长期上锁',
          category: 'formalism',
          source: 'public_report',
          orgId: qs.id,
          deadline: '2027-05-31',
          measures: [{ content: '明确开放时间' }, { content: '安排专人值守' }],
        })
      ).json(),
    );
    expect(created.status).toBe('submitted');
    const exported = await inspector.request('GET', '/api/ledger/export.xlsx');
    expect(exported.statusCode).toBe(200);
    const original = await readSheet(exported.rawPayload);
    // The other system has an org tree of the same names.
    const other = await startTestApp(engine);
    try {
      const otherCity = await buildTenant(other, { name: city.name });
      await buildOrg(other, { parent: otherCity, name: qs.name });
      await buildOrg(other, { parent: otherCity, name: yl.name });
      const clerk = await loginAs(other, await buildUser(other, { role: 'inspector', scope: 'all', org: otherCity }));
      const res = await upload(clerk, exported.rawPayload, '', '问题台账.xlsx');
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json().created).toBe(original.length - 1);
      const again = await readSheet((await clerk.request('GET', '/api/ledger/export.xlsx')).rawPayload);
      // The typed columns (编号 … 时限) come back the same; state and lights are the new system's own.
      const typed = (rows: string[][]) => rows.map((r) => r.slice(0, 10).join('|')).sort();
      expect(typed(again)).toEqual(typed(original));
      expect(new Set(again.slice(1).map((r) => r[11]))).toEqual(new Set(['待交办']));
    } finally {
      await other.close();
    }
  });
});
