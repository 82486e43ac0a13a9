import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  ZFlagPage,
  ZIntegrityRun,
  ZOrgResult,
  ZResults,
  ZScheme,
  ZSchemeList,
  ZValueCell,
  ZValueGrid,
  ZWhatIf,
  computeScheme,
  runNightlyIntegrity,
  seedDemoAssessment,
  type TIndicator,
  type TOrgResult,
} from '../../src/modules/assessment/index.js';
import { seedDemoLedgerHistory, ZItemDetail } from '../../src/modules/ledger/index.js';
import { testEngines } from '../support/databases.js';
import { login, startTestApp, type Client, type TestApp } from '../support/app.js';
import {
  actorOf,
  buildFigure,
  buildIndicator,
  buildOrg,
  buildScheme,
  buildTenant,
  buildUser,
  loginAs,
  type BuiltOrg,
  type BuiltUser,
} from '../support/factories.js';

const cents = (n: number) => Math.round(n * 100);

/** Every point explained: the lines, third-party, satisfaction and deductions add up to the total exactly. */
function expectBreakdownSums(r: TOrgResult): void {
  const lines = r.lines.reduce((n, l) => n + cents(l.contribution), 0);
  expect(cents(r.indicatorScore)).toBe(lines);
  expect(cents(r.visibleScore) + cents(r.latentScore)).toBe(lines);
  expect(cents(r.total)).toBe(lines + cents(r.thirdParty.contribution) + cents(r.satisfaction.contribution) - cents(r.deductionTotal));
  for (const l of r.lines) expect(l.explanation.text.length).toBeGreaterThan(0);
}
const schemeOf = async (c: Client, year: number, zone: string) => {
  const list = ZSchemeList.parse((await c.request('GET', `/api/assessment/schemes?year=${year}&zone=${zone}`)).json());
  const scheme = list.items[0];
  if (!scheme) throw new Error(`no scheme ${year} ${zone}`);
  return scheme;
};

/**
 * The demo city's 实绩考核 (`shiji seed` with its ledger history and assessment): these tests assert the demo's own
 * schemes, results, planted frauds and leader changes, so they seed the demo and log in as its accounts.
 */
describe.each(testEngines())('实绩考核 and 数据核查 of the demo city on $name', (engine) => {
  let t: TestApp;
  let org: Client;
  let leader: Client;
  let qsHandler: Client;
  let planted: Awaited<ReturnType<typeof seedDemoAssessment>>['planted'];
  let orgIdOf: (name: string) => number;

  beforeAll(async () => {
    t = await startTestApp(engine, {}, { seed: 'demo' });
    await seedDemoLedgerHistory(t.deps);
    planted = (await seedDemoAssessment(t.deps)).planted;
    org = await login(t, 'organization');
    leader = await login(t, 'leader');
    qsHandler = await login(t, 'qingshan.handler');
    const orgs = (await org.request('GET', '/api/orgs')).json().items as { id: number; name: string }[];
    orgIdOf = (name) => orgs.find((o) => o.name === name)?.id ?? 0;
  });
  afterAll(async () => t?.close());

  it('the demo has a scheme per zone and year, and its results explain every point', async () => {
    const scheme = await schemeOf(leader, 2025, 'agricultural_county');
    expect(scheme.weightSum).toBe(100);
    const res = await leader.request('GET', `/api/assessment/schemes/${scheme.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const { results } = ZResults.parse(res.json());
    expect(results.map((r) => r.name).sort()).toEqual(['东阳市', '丰谷县', '平川县', '禾田县', '青山县'].sort());
    expect(results.map((r) => r.rank)).toEqual([...results.map((r) => r.rank)].sort((a, b) => a - b));
    for (const r of results) expectBreakdownSums(r);
    // Latent indicators (潜绩) carry part of every score.
    expect(results.every((r) => r.latentScore > 0)).toBe(true);
    // Last year's ledger costs points, each deduction naming its items: 平川县's verified 虚报 and 统计造假 (one still
    // open and red at year end), 东阳市's 统计造假, 青山县's and 丰谷县's items red at year end, 禾田县's rebound.
    const byName = new Map(results.map((r) => [r.name, r]));
    const kinds = (name: string) =>
      Object.fromEntries((byName.get(name)?.deductions ?? []).filter((d) => d.count > 0).map((d) => [d.kind, d.count]));
    expect(kinds('平川县')).toEqual({ fake_achievement: 1, statistical_fraud: 1, red_at_year_end: 1 });
    expect(kinds('东阳市')).toEqual({ statistical_fraud: 1 });
    expect(kinds('青山县')).toMatchObject({ red_at_year_end: 1 });
    expect(kinds('丰谷县')).toMatchObject({ red_at_year_end: 1 });
    expect(kinds('禾田县')).toMatchObject({ rebound: 1 });
    expect(byName.get('平川县')?.deductionTotal).toBe(2 + 3 + 0.5);
    // One county's breakdown names those items by code and title, as its head would read them.
    const dongyang = ZOrgResult.parse(
      (await leader.request('GET', `/api/assessment/schemes/${scheme.id}/results/${byName.get('东阳市')?.orgId}`)).json(),
    );
    const fraud = dongyang.deductions.find((d) => d.kind === 'statistical_fraud');
    expect(fraud?.items).toEqual([
      { id: fraud?.itemIds[0], code: expect.stringMatching(/^WT-?2025/), title: expect.stringContaining('虚报统计数据') },
    ]);
  });

  it('数据核查 finds every planted fraud, explains each flag, and turns one into a ledger item for verification', async () => {
    const run = await org.request('POST', '/api/assessment/integrity/run', { year: 2025 });
    expect(run.statusCode, run.body).toBe(200);
    const summary = ZIntegrityRun.parse(run.json());
    expect(summary.flags).toBeGreaterThan(0);
    const flags = ZFlagPage.parse((await org.request('GET', '/api/assessment/integrity/flags?pageSize=200')).json()).items;
    const indicators = (await org.request('GET', '/api/assessment/indicators')).json().items as { id: number; code: string }[];
    const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
    for (const p of planted) {
      const found = flags.some(
        (f) =>
          f.check === p.check &&
          codeOf.get(f.indicatorId ?? 0) === p.code &&
          (p.orgId === null || f.orgId === p.orgId || f.orgId === p.otherOrgId),
      );
      expect(found, `${p.check} ${p.code} ${p.orgId}`).toBe(true);
    }
    // The pile-up is where it was planted; 义务教育巩固率, whose density simply climbs through its target 97, is quiet.
    expect(flags.filter((f) => f.check === 'bunching').map((f) => codeOf.get(f.indicatorId ?? 0))).toEqual(['HOTLINE_ONTIME']);
    // Every refusal is explained in words, naming its indicator.
    expect(summary.refused.length).toBeGreaterThan(0);
    for (const r of summary.refused) expect(r.text).not.toMatch(/integrity\./);
    const divergence = flags.find((f) => f.check === 'divergence' && f.orgId === orgIdOf('平川县'));
    expect(divergence?.reason.text).toContain('平川县');
    expect(divergence?.detail).toMatchObject({ statistic: { name: 'modified_z' } });
    // A rerun updates the same flags instead of adding more.
    const again = ZIntegrityRun.parse((await org.request('POST', '/api/assessment/integrity/run', { year: 2025 })).json());
    expect(again).toMatchObject({ flags: summary.flags, newFlags: 0 });
    if (!divergence) throw new Error('no divergence flag');
    const referred = await org.request('POST', `/api/assessment/integrity/flags/${divergence.id}/refer`, {});
    expect(referred.statusCode, referred.body).toBe(201);
    const item = ZItemDetail.parse((await org.request('GET', `/api/ledger/items/${referred.json().itemId}`)).json());
    expect(item).toMatchObject({ source: 'integrity_check', category: 'statistical_fraud', responsibleOrgName: '平川县' });
    expect(item.description).toContain('须人工核实');
    expect((await org.request('POST', `/api/assessment/integrity/flags/${divergence.id}/refer`, {})).statusCode).toBe(422);
    const dismissed = await org.request(
      'POST',
      `/api/assessment/integrity/flags/${flags.find((f) => f.status === 'open' && f.id !== divergence.id)?.id}/dismiss`,
      { note: '经核实为统计口径调整' },
    );
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json().status).toBe('dismissed');
    expect((await qsHandler.request('GET', '/api/assessment/integrity/flags')).statusCode).toBe(403);
  });

  it('leader-change years are kept by the organisation department and read by the jump check', async () => {
    const listed = (await org.request('GET', '/api/assessment/leader-changes')).json() as { items: { orgName: string; year: number }[] };
    expect(listed.items).toEqual([expect.objectContaining({ orgName: '禾田县', year: 2025 })]);
    const added = await org.request('PUT', '/api/assessment/leader-changes', { orgId: orgIdOf('青山县'), year: 2024 });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items.map((i: { orgName: string; year: number }) => `${i.orgName}${i.year}`)).toEqual(['禾田县2025', '青山县2024']);
    expect((await leader.request('PUT', '/api/assessment/leader-changes', { orgId: orgIdOf('青山县'), year: 2023 })).statusCode).toBe(403);
    expect((await org.request('PUT', '/api/assessment/leader-changes', { orgId: orgIdOf('青山县'), year: 1999 })).json().error.field).toBe(
      'year',
    );
    const removed = await org.request('PUT', '/api/assessment/leader-changes', { orgId: orgIdOf('青山县'), year: 2024, remove: true });
    expect(removed.json().items).toHaveLength(1);
    expect(
      (await org.request('PUT', '/api/assessment/leader-changes', { orgId: orgIdOf('青山县'), year: 2024, remove: true })).statusCode,
    ).toBe(404);
    // The planted jump of 禾田县 fell in its leader-change year, and the flag says so.
    const flags = ZFlagPage.parse(
      (await org.request('GET', `/api/assessment/integrity/flags?check=jump&orgId=${orgIdOf('禾田县')}&pageSize=50`)).json(),
    ).items;
    expect(flags.some((f) => f.reason.key.startsWith('integrity.jump.leader_change') && f.reason.text.includes('主要领导调整当年'))).toBe(
      true,
    );
  });
});

/**
 * 实绩考核 and 数据核查 on data the tests build: a city with three agricultural counties (one with two townships
 * whose figures do not add up to the county's) and three ecological ones; the indicators GRAIN and INCOME (higher
 * is better) and PM25 (lower is better); last year's (2025) figures, the improvement baselines; 2025 schemes for both
 * zones, the agricultural one computed.
 */
describe.each(testEngines())('实绩考核 and 数据核查 on $name', (engine) => {
  let t: TestApp;
  let org: Client;
  let leader: Client;
  let qsHandler: Client;
  let auditor: BuiltUser;
  /** The agricultural counties, in the order the grid lists them (by path); qs's handler works qs only. */
  let agricultural: BuiltOrg[];
  let qs: BuiltOrg;
  let fg: BuiltOrg;
  let ecological: BuiltOrg[];
  let grain: TIndicator;
  let income: TIndicator;
  let pm25: TIndicator;
  const id = (code: string) => ({ GRAIN: grain, INCOME: income, PM25: pm25 })[code]?.id ?? 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const city = await buildTenant(t);
    qs = await buildOrg(t, { parent: city, zone: 'agricultural_county' });
    fg = await buildOrg(t, { parent: city, zone: 'agricultural_county' });
    const third = await buildOrg(t, { parent: city, zone: 'agricultural_county' });
    agricultural = [qs, fg, third].sort((a, b) => (a.path < b.path ? -1 : 1));
    ecological = [];
    for (let i = 0; i < 3; i += 1) ecological.push(await buildOrg(t, { parent: city, zone: 'ecological_zone' }));
    const organization = await buildUser(t, { role: 'organization', scope: 'all', org: city });
    auditor = await buildUser(t, { role: 'auditor', scope: 'all', org: city });
    org = await loginAs(t, organization);
    leader = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'all', org: city }));
    qsHandler = await loginAs(t, await buildUser(t, { role: 'handler', scope: 'subtree', org: qs }));
    const by = organization;
    grain = await buildIndicator(t, { by, code: 'GRAIN', name: '粮食总产量', unit: '万吨', family: 'grain' });
    income = await buildIndicator(t, { by, code: 'INCOME', name: '农村居民人均可支配收入', unit: '元', domain: 'livelihood' });
    pm25 = await buildIndicator(t, {
      by,
      code: 'PM25',
      name: 'PM2.5年平均浓度',
      unit: 'μg/m³',
      domain: 'ecology',
      direction: 'lower_better',
    });
    // 2025 baselines: against the 2026 figures the grid test enters (10 + 3i + k), the first county improves most on
    // GRAIN and the last on INCOME, so moving weight between the indicators reorders the ranks.
    const baselines = [
      [5, 22],
      [13, 14],
      [32, 8.5],
    ];
    for (const [i, county] of agricultural.entries()) {
      await buildFigure(t, { by, org: county, indicator: grain, year: 2025, value: baselines[i]?.[0] ?? 0 });
      await buildFigure(t, { by, org: county, indicator: income, year: 2025, value: baselines[i]?.[1] ?? 0 });
    }
    // fg's townships report far more grain than fg itself: a 数据核查 sum mismatch on fg's 2025 GRAIN.
    for (const value of [300, 300])
      await buildFigure(t, { by, org: await buildOrg(t, { parent: fg, level: 'township' }), indicator: grain, year: 2025, value });
    for (const [i, county] of ecological.entries())
      await buildFigure(t, { by, org: county, indicator: pm25, year: 2025, value: 30 + 2 * i });
    const agri2025 = await buildScheme(t, {
      by,
      year: 2025,
      zone: 'agricultural_county',
      lines: [
        { indicator: grain, weight: 50 },
        { indicator: income, weight: 40 },
      ],
      satisfactionWeight: 10,
    });
    await computeScheme(t.deps, actorOf(by), { schemeId: agri2025.id, locale: 'zh-CN' });
    await buildScheme(t, {
      by,
      year: 2025,
      zone: 'ecological_zone',
      lines: [{ indicator: pm25, weight: 90, target: 35 }],
      satisfactionWeight: 10,
    });
  });
  afterAll(async () => t?.close());

  it('refuses a scheme whose weights do not sum to 100, naming the gap; saves one that does', async () => {
    const body = {
      year: 2026,
      zone: 'agricultural_county',
      name: '2026年度农业县考核（测试）',
      indicators: [
        { indicatorId: id('GRAIN'), weight: 40, method: 'improvement' },
        { indicatorId: id('INCOME'), weight: 30, method: 'improvement' },
        { indicatorId: id('PM25'), weight: 15, method: 'target', target: 35 },
      ],
      thirdPartyWeight: 5,
      satisfactionWeight: 5,
    };
    const short = await org.request('POST', '/api/assessment/schemes', body);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('weights');
    expect(short.json().error.message).toContain('差 5');
    const noTarget = await org.request('POST', '/api/assessment/schemes', {
      ...body,
      satisfactionWeight: 10,
      indicators: [...body.indicators.slice(0, 2), { indicatorId: id('PM25'), weight: 15, method: 'target' }],
    });
    expect(noTarget.json().error.field).toBe('indicators.2.target');
    expect((await leader.request('POST', '/api/assessment/schemes', { ...body, satisfactionWeight: 10 })).statusCode).toBe(403);
    const ok = await org.request('POST', '/api/assessment/schemes', { ...body, satisfactionWeight: 10 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ZScheme.parse(ok.json())).toMatchObject({ weightSum: 100, edition: 1, status: 'current' });
    expect((await org.request('POST', '/api/assessment/schemes', { ...body, satisfactionWeight: 10 })).statusCode).toBe(409);
  });

  it('figures are entered once in the grid, all or nothing, in scope; computing reads them', async () => {
    const scheme = await schemeOf(org, 2026, 'agricultural_county');
    const grid = ZValueGrid.parse((await qsHandler.request('GET', `/api/assessment/values?year=2026&schemeId=${scheme.id}`)).json());
    // The county handler's grid holds its own county only.
    expect(grid.orgs.map((o) => o.name)).toEqual([qs.name]);
    const qsId = qs.id;
    const fgId = fg.id;
    const grainId = scheme.indicators[0]?.indicatorId ?? 0;
    const outside = await qsHandler.request('PUT', '/api/assessment/values', {
      year: 2026,
      values: [
        { orgId: qsId, indicatorId: grainId, value: 61.5 },
        { orgId: fgId, indicatorId: grainId, value: 99 },
      ],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('values.1.orgId');
    // Nothing of the refused batch was written.
    const after = ZValueGrid.parse((await org.request('GET', `/api/assessment/values?year=2026&schemeId=${scheme.id}`)).json());
    expect(after.cells.filter((c) => c.orgId === qsId && c.indicatorId === grainId)).toEqual([]);
    const values = after.orgs.flatMap((o, i) =>
      scheme.indicators.map((l, k) => ({ orgId: o.id, indicatorId: l.indicatorId, value: 10 + i * 3 + k })),
    );
    const saved = await org.request('PUT', '/api/assessment/values', { year: 2026, values });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ saved: values.length, cleared: 0 });
    const inputs = await org.request('PUT', '/api/assessment/inputs', {
      year: 2026,
      kind: 'satisfaction',
      scores: after.orgs.map((o, i) => ({ orgId: o.id, score: 80 + i })),
    });
    expect(inputs.statusCode, inputs.body).toBe(200);
    const computed = await org.request('POST', `/api/assessment/schemes/${scheme.id}/compute`);
    expect(computed.statusCode, computed.body).toBe(200);
    const { results } = ZResults.parse(computed.json());
    expect(results).toHaveLength(agricultural.length);
    for (const r of results) expectBreakdownSums(r);
    const qsResult = results.find((r) => r.orgId === qsId);
    expect(qsResult?.lines.find((l) => l.indicatorId === grainId)?.rawValue).toBe(
      values.find((v) => v.orgId === qsId && v.indicatorId === grainId)?.value,
    );
    // The handler sees its own county's result only.
    const mine = ZResults.parse((await qsHandler.request('GET', `/api/assessment/schemes/${scheme.id}/results`)).json());
    expect(mine.results.map((r) => r.name)).toEqual([qs.name]);
    expect((await qsHandler.request('GET', `/api/assessment/schemes/${scheme.id}/results/${fgId}`)).statusCode).toBe(404);
    expect((await qsHandler.request('POST', `/api/assessment/schemes/${scheme.id}/compute`)).statusCode).toBe(403);
  });

  it('what-if moves ranks without saving; a changed scheme makes a new edition and never rewrites the old results', async () => {
    const scheme = await schemeOf(org, 2026, 'agricultural_county');
    const before = ZResults.parse((await org.request('GET', `/api/assessment/schemes/${scheme.id}/results`)).json()).results;
    const [first, second, third] = scheme.indicators;
    if (!first || !second || !third) throw new Error('scheme lines');
    const tried = await org.request('POST', `/api/assessment/schemes/${scheme.id}/what-if`, {
      indicatorWeights: { [String(first.indicatorId)]: 0, [String(third.indicatorId)]: 55 },
    });
    expect(tried.statusCode, tried.body).toBe(200);
    const whatIf = ZWhatIf.parse(tried.json());
    expect(whatIf.weightSum).toBe(100 - 40 + 40);
    expect(whatIf.moves.some((m) => m.rankChange !== 0)).toBe(true);
    const unchanged = ZResults.parse((await org.request('GET', `/api/assessment/schemes/${scheme.id}/results`)).json()).results;
    expect(unchanged.map((r) => [r.orgId, r.total])).toEqual(before.map((r) => [r.orgId, r.total]));

    const edited = await org.request('PUT', `/api/assessment/schemes/${scheme.id}`, {
      year: 2026,
      zone: 'agricultural_county',
      name: scheme.name,
      indicators: [
        { indicatorId: first.indicatorId, weight: 30, method: 'improvement' },
        { indicatorId: second.indicatorId, weight: 40, method: 'improvement' },
        { indicatorId: third.indicatorId, weight: 15, method: 'target', target: 35 },
      ],
      thirdPartyWeight: 5,
      satisfactionWeight: 10,
      version: scheme.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const next = ZScheme.parse(edited.json());
    expect(next).toMatchObject({ edition: 2, status: 'current', resultCount: 0 });
    expect(next.id).not.toBe(scheme.id);
    const old = ZResults.parse((await org.request('GET', `/api/assessment/schemes/${scheme.id}/results`)).json());
    expect(old.scheme.status).toBe('superseded');
    expect(old.results.map((r) => [r.orgId, r.total])).toEqual(before.map((r) => [r.orgId, r.total]));
    expect((await org.request('POST', `/api/assessment/schemes/${scheme.id}/compute`)).statusCode).toBe(422);
  });

  it('以考促改: one click puts an org’s feedback on the ledger', async () => {
    const scheme = await schemeOf(org, 2025, 'agricultural_county');
    const res = await org.request('POST', `/api/assessment/schemes/${scheme.id}/results/${fg.id}/feedback`, {
      deadline: '2027-03-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = ZItemDetail.parse((await org.request('GET', `/api/ledger/items/${res.json().itemId}`)).json());
    expect(item).toMatchObject({ source: 'assessment_feedback', responsibleOrgName: fg.name, status: 'submitted' });
    expect(item.title).toContain('2025年度考核反馈');
    // Twice for the same result is refused (the external reference is taken).
    expect((await org.request('POST', `/api/assessment/schemes/${scheme.id}/results/${fg.id}/feedback`, {})).statusCode).toBe(409);
  });

  it('the digit analysis of an uploaded column gives Nigrini’s figures (first 1000 Fibonacci numbers)', async () => {
    const fib: bigint[] = [1n, 1n];
    while (fib.length < 1000) fib.push((fib[fib.length - 1] ?? 0n) + (fib[fib.length - 2] ?? 0n));
    const res = await org.upload(
      '/api/assessment/integrity/digits',
      {
        fileName: 'fibonacci.csv',
        mimeType: 'text/csv',
        content: Buffer.from(`序号,数值\n${fib.map((f, i) => `${i + 1},${f}`).join('\n')}\n`),
      },
      { test: 'first', column: '数值' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ n: 1000, counts: [301, 177, 125, 96, 80, 67, 56, 53, 45], conformity: 'close' });
    expect(res.json().mad).toBeCloseTo(0.00082, 6);
    const tooFew = await org.upload('/api/assessment/integrity/digits', {
      fileName: 'few.txt',
      mimeType: 'text/plain',
      content: Buffer.from('12\n345\n6789\n'),
    });
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.json().error.message).toContain('只有 3 个数');
    const badColumn = await org.upload(
      '/api/assessment/integrity/digits',
      { fileName: 'fibonacci.csv', mimeType: 'text/csv', content: Buffer.from('a,b\n1,2\n') },
      { column: '不存在' },
    );
    expect(badColumn.json().error.field).toBe('column');
  });

  it('figures come in by Excel: the template lists the units and the figures already there; a bad cell refuses the whole file', async () => {
    const scheme = await schemeOf(org, 2025, 'ecological_zone');
    const template = await org.request('GET', `/api/assessment/values/template.xlsx?year=2025&schemeId=${scheme.id}`);
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header[0]).toBe('单位');
    expect(header).toContain('PM2.5年平均浓度（μg/m³）[PM25]');
    const pmColumn = header.indexOf('PM2.5年平均浓度（μg/m³）[PM25]') + 1;
    const names = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(1).value));
    expect(names.sort()).toEqual(ecological.map((o) => o.name).sort());
    // The figures already in the system are filled in (一表同享).
    expect(typeof sheet.getRow(2).getCell(pmColumn).value).toBe('number');
    const upload = async (mutate: (s: ExcelJS.Worksheet) => void, query = '') => {
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const s0 = copy.worksheets[0];
      if (!s0) throw new Error('no sheet');
      mutate(s0);
      const content = Buffer.from(await copy.xlsx.writeBuffer());
      return org.upload(`/api/assessment/values/import?year=2025${query}`, {
        fileName: '考核数据.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content,
      });
    };
    const grid = async () => ZValueGrid.parse((await org.request('GET', `/api/assessment/values?year=2025&schemeId=${scheme.id}`)).json());
    const pm = scheme.indicators.find((l) => l.code === 'PM25')?.indicatorId ?? 0;
    const before = (await grid()).cells.filter((c) => c.indicatorId === pm).map((c) => [c.orgId, c.value]);
    const bad = await upload((s0) => {
      s0.getRow(2).getCell(pmColumn).value = 21.5;
      s0.getRow(3).getCell(pmColumn).value = '二十';
      s0.getRow(4).getCell(1).value = '不存在县';
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'PM2.5年平均浓度（μg/m³）[PM25]'],
      [4, '单位'],
    ]);
    expect(bad.json().errors[0].message).toBe('应为数字');
    // Nothing was written, not even the good row 2.
    expect((await grid()).cells.filter((c) => c.indicatorId === pm).map((c) => [c.orgId, c.value])).toEqual(before);
    const marked = await org.request('GET', bad.json().errorFileUrl);
    expect(marked.statusCode).toBe(200);
    const markedBook = new ExcelJS.Workbook();
    await markedBook.xlsx.load(marked.rawPayload as unknown as ArrayBuffer);
    expect(String(markedBook.worksheets[0]?.getRow(2).getCell(header.length + 1).value)).toContain('第 3 行');
    expect((await leader.request('GET', bad.json().errorFileUrl)).statusCode).toBe(404);
    const dry = await upload((s0) => (s0.getRow(2).getCell(pmColumn).value = 21.5), '&dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 3 });
    expect((await grid()).cells.filter((c) => c.indicatorId === pm).map((c) => [c.orgId, c.value])).toEqual(before);
    const ok = await upload((s0) => (s0.getRow(2).getCell(pmColumn).value = '1,021.5'));
    expect(ok.statusCode, ok.body).toBe(200);
    const firstOrg = (await grid()).orgs.find((o) => o.name === sheet.getRow(2).getCell(1).value);
    expect((await grid()).cells.find((c) => c.indicatorId === pm && c.orgId === firstOrg?.id)?.value).toBe(1021.5);
  });

  it('the nightly 数据核查 runs once a day per tenant (after 02:00), even when two passes race', async () => {
    // The test clock stands at 16:00 in Shanghai.
    const [a, b] = await Promise.all([runNightlyIntegrity(t.deps, t.deps.now()), runNightlyIntegrity(t.deps, t.deps.now())]);
    expect(a + b).toBe(1);
    expect(await runNightlyIntegrity(t.deps, t.deps.now())).toBe(0);
    const reader = await loginAs(t, auditor);
    const log = (await reader.request('GET', '/api/audit?action=integrity.nightly')).json() as {
      total: number;
      items: { detail: { year: number; flags: number } }[];
    };
    expect(log.total).toBe(1);
    expect(log.items[0]?.detail.year).toBe(2025);
    expect(log.items[0]?.detail.flags).toBeGreaterThan(0);
    // Before 02:00 the next day nothing runs; after it, the day's run does.
    expect(await runNightlyIntegrity(t.deps, new Date('2026-12-01T17:30:00Z'))).toBe(0);
    expect(await runNightlyIntegrity(t.deps, new Date('2026-12-01T18:30:00Z'))).toBe(1);
  });

  it('a figure carries its evidence and is verified against its source; an open flag must be settled first', async () => {
    const qingshan = qs.id;
    const scheme = await schemeOf(org, 2025, 'agricultural_county');
    const grid = ZValueGrid.parse(
      (await qsHandler.request('GET', `/api/assessment/values?year=2025&schemeId=${scheme.id}&orgId=${qingshan}`)).json(),
    );
    const cell = grid.cells[0];
    if (!cell) throw new Error('no figure of qs');
    const key = `year=2025&orgId=${qingshan}&indicatorId=${cell.indicatorId}`;
    const pdf = Buffer.from('%PDF-1.4 统计年鉴第 12 页');
    // The county's clerk attaches the yearbook page to the county's own figure.
    const attached = await qsHandler.upload(`/api/assessment/values/evidence?${key}`, {
      fileName: '统计年鉴.pdf',
      mimeType: 'application/pdf',
      content: pdf,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(ZValueCell.parse(attached.json())).toMatchObject({
      evidence: { fileName: '统计年鉴.pdf', size: pdf.length },
      verification: 'reported',
    });
    const download = await org.request('GET', `/api/assessment/values/evidence?${key}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    // Not another county's figure, not a file type offices do not use, not a figure that was never entered.
    const dongyang = fg.id;
    expect(
      (
        await qsHandler.upload(`/api/assessment/values/evidence?year=2025&orgId=${dongyang}&indicatorId=${cell.indicatorId}`, {
          fileName: 'a.pdf',
          mimeType: 'application/pdf',
          content: pdf,
        })
      ).statusCode,
    ).toBe(404);
    const exe = await qsHandler.upload(`/api/assessment/values/evidence?${key}`, {
      fileName: 'a.exe',
      mimeType: 'application/x-msdownload',
      content: pdf,
    });
    expect(exe.statusCode).toBe(415);
    expect(
      (
        await qsHandler.upload(`/api/assessment/values/evidence?year=2031&orgId=${qingshan}&indicatorId=${cell.indicatorId}`, {
          fileName: 'a.pdf',
          mimeType: 'application/pdf',
          content: pdf,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await qsHandler.upload(`/api/assessment/values/evidence?year=20x5&orgId=${qingshan}&indicatorId=${cell.indicatorId}`, {
          fileName: 'a.pdf',
          mimeType: 'application/pdf',
          content: pdf,
        })
      ).json().error.field,
    ).toBe('year');

    // Verification is the organisation department's: the clerk may not, the department may, with a note.
    const body = { year: 2025, orgId: qingshan, indicatorId: cell.indicatorId };
    expect((await qsHandler.request('POST', '/api/assessment/values/verification', { ...body, verification: 'verified' })).statusCode).toBe(
      403,
    );
    expect(
      (await org.request('POST', '/api/assessment/values/verification', { ...body, verification: 'checked' })).json().error.field,
    ).toBe('verification');
    const verified = await org.request('POST', '/api/assessment/values/verification', {
      ...body,
      verification: 'verified',
      note: '与统计年鉴一致',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(ZValueCell.parse(verified.json())).toMatchObject({
      verification: 'verified',
      note: '与统计年鉴一致',
      evidence: { fileName: '统计年鉴.pdf' },
    });
    expect(verified.json().verifiedByName).toBeTruthy();
    // The county head's breakdown shows the figure verified and backed by evidence.
    const breakdown = await org.request('GET', `/api/assessment/schemes/${scheme.id}/results/${qingshan}`);
    expect(breakdown.json().lines.find((l: { indicatorId: number }) => l.indicatorId === cell.indicatorId)).toMatchObject({
      verification: 'verified',
      hasEvidence: true,
    });
    // A changed figure is merely reported again; an unchanged one keeps its verification.
    await qsHandler.request('PUT', '/api/assessment/values', {
      year: 2025,
      values: [{ orgId: qingshan, indicatorId: cell.indicatorId, value: cell.value }],
    });
    expect(ZValueCell.parse((await org.request('GET', `/api/assessment/values/figure?${key}`)).json()).verification).toBe('verified');
    await qsHandler.request('PUT', '/api/assessment/values', {
      year: 2025,
      values: [{ orgId: qingshan, indicatorId: cell.indicatorId, value: cell.value + 1 }],
    });
    expect(ZValueCell.parse((await org.request('GET', `/api/assessment/values/figure?${key}`)).json())).toMatchObject({
      verification: 'reported',
      verifiedAt: null,
      note: null,
    });
    const removed = await qsHandler.request('DELETE', `/api/assessment/values/evidence?${key}`);
    expect(removed.json().evidence).toBeNull();
    expect((await org.request('GET', `/api/assessment/values/evidence?${key}`)).statusCode).toBe(404);

    // A flagged figure is disputed; it cannot be verified until the flag is settled, and a dismissed flag does not come back.
    await org.request('POST', '/api/assessment/integrity/run', { year: 2025 });
    const open = ZFlagPage.parse(
      (await org.request('GET', '/api/assessment/integrity/flags?status=open&year=2025&pageSize=200')).json(),
    ).items.find((f) => f.orgId && f.indicatorId);
    if (!open?.orgId || !open.indicatorId) throw new Error('no open flag on a figure');
    const flagged = { year: 2025, orgId: open.orgId, indicatorId: open.indicatorId };
    const flaggedKey = `year=2025&orgId=${open.orgId}&indicatorId=${open.indicatorId}`;
    expect(ZValueCell.parse((await org.request('GET', `/api/assessment/values/figure?${flaggedKey}`)).json()).verification).toBe(
      'disputed',
    );
    const refused = await org.request('POST', '/api/assessment/values/verification', { ...flagged, verification: 'verified' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('核查提示');
    await org.request('POST', `/api/assessment/integrity/flags/${open.id}/dismiss`, { note: '经核实为统计口径调整' });
    const otherOpen = ZFlagPage.parse(
      (await org.request('GET', `/api/assessment/integrity/flags?status=open&year=2025&orgId=${open.orgId}&pageSize=200`)).json(),
    ).items.filter((f) => f.indicatorId === open.indicatorId);
    for (const f of otherOpen) await org.request('POST', `/api/assessment/integrity/flags/${f.id}/dismiss`, { note: '同上' });
    const ok = await org.request('POST', '/api/assessment/values/verification', { ...flagged, verification: 'verified' });
    expect(ok.statusCode, ok.body).toBe(200);
    await org.request('POST', '/api/assessment/integrity/run', { year: 2025 });
    expect(ZValueCell.parse((await org.request('GET', `/api/assessment/values/figure?${flaggedKey}`)).json()).verification).toBe(
      'verified',
    );
  });
});
