import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZItemDetail, ZItemPage, ZLedgerStats } from '../../src/modules/ledger/index.js';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

describe.each(testEngines())('ledger loop on $name', (engine) => {
  let t: TestApp;
  let inspector: Client;
  let handler: Client;
  /** Two counties of a city: the items are filed on qsCounty; ylCounty is outside the county accounts' scope. */
  let qsCounty: BuiltOrg;
  let ylCounty: BuiltOrg;
  let qsId: number;
  let ylId: number;
  /** A city-wide inspector (the supervisor), a handler of qsCounty's subtree, a city-wide auditor. */
  let inspectorUser: BuiltUser;
  let handlerUser: BuiltUser;
  let auditorUser: BuiltUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const city = await buildTenant(t);
    qsCounty = await buildOrg(t, { parent: city });
    ylCounty = await buildOrg(t, { parent: city });
    qsId = qsCounty.id;
    ylId = ylCounty.id;
    inspectorUser = await buildUser(t, { role: 'inspector', scope: 'all', org: city });
    handlerUser = await buildUser(t, { role: 'handler', scope: 'subtree', org: qsCounty, displayName: `${qsCounty.name}承办人` });
    auditorUser = await buildUser(t, { role: 'auditor', scope: 'all', org: city });
    inspector = await loginAs(t, inspectorUser);
    handler = await loginAs(t, handlerUser);
  });
  afterAll(async () => t?.close());

  const create = (c: Client, body: Record<string, unknown>) =>
    c.request('POST', '/api/ledger/items', {
      title: '村卫生室无人坐诊',
      category: 'formalism',
      source: 'supervision',
      orgId: qsId,
      deadline: '2027-03-31',
      ...body,
    });

  it('runs the full loop: submit → assign → start → measure with proof → request closure → close by a second person', async () => {
    const created = await create(inspector, { measures: [{ content: '落实乡村医生轮班坐诊制度' }] });
    expect(created.statusCode, created.body).toBe(201);
    let item = ZItemDetail.parse(created.json());
    expect(item.code).toMatch(/^WT-2026-\d{6}$/);
    expect(item).toMatchObject({ status: 'submitted', responsibleOrgName: qsCounty.name, measuresTotal: 1, light: 'green' });
    expect(item.allowedActions).toEqual(expect.arrayContaining(['assign', 'reject']));

    const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
      const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      item = ZItemDetail.parse(res.json());
      return item;
    };
    await step(inspector, 'assign', { handlerUserId: handler.userId, comment: '请于一季度内整改' });
    expect(item.status).toBe('assigned');
    expect(
      (await handler.request('POST', `/api/ledger/items/${item.id}/actions/close`, { version: item.version, outcome: 'rectified' }))
        .statusCode,
    ).toBe(422);
    await step(handler, 'start');
    const early = await handler.request('POST', `/api/ledger/items/${item.id}/actions/request-closure`, { version: item.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.field).toBe('measures');
    expect(early.json().error.message).toBe('无法处理：每条整改措施都须填写完成情况或上传佐证材料');
    const measure = item.measures[0];
    if (!measure) throw new Error('no measure');
    const done = await handler.request('PATCH', `/api/ledger/items/${item.id}/measures/${measure.id}`, {
      status: 'done',
      completionNote: '已排班，每日有医生坐诊',
      version: measure.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    item = ZItemDetail.parse(done.json());
    expect(item.measuresDone).toBe(1);
    await step(handler, 'request-closure');
    expect(item.status).toBe('closure_requested');
    // The handler cannot close their own item: 销号 needs a second person.
    const selfClose = await handler.request('POST', `/api/ledger/items/${item.id}/actions/close`, {
      version: item.version,
      outcome: 'rectified',
    });
    expect(selfClose.statusCode).toBe(403);
    expect(item.allowedActions).not.toContain('close');

    const withoutOutcome = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/close`, { version: item.version });
    expect(withoutOutcome.json().error.field).toBe('outcome');
    await step(inspector, 'close', { outcome: 'rectified', comment: '经实地核查，已整改到位' });
    expect(item).toMatchObject({ status: 'closed', closureOutcome: 'rectified', light: null });
    expect(item.events.map((e) => e.action)).toEqual(['submit', 'assign', 'start', 'measure.update', 'request-closure', 'close']);

    const auditor = await loginAs(t, auditorUser);
    const log = (await auditor.request('GET', '/api/audit?targetType=ledger_item&pageSize=50')).json();
    const entries = log.items.filter((r: { targetId: string }) => r.targetId === String(item.id)) as { action: string; outcome: string }[];
    expect(
      entries
        .filter((r) => r.outcome === 'success')
        .map((r) => r.action)
        .sort(),
    ).toEqual(['ledger.assign', 'ledger.close', 'ledger.create', 'ledger.request-closure', 'ledger.start']);
    // The refused attempts (closing one's own item, closing without proof or outcome) are in the chain too.
    expect(
      entries
        .filter((r) => r.outcome === 'denied')
        .map((r) => r.action)
        .sort(),
    ).toEqual(['ledger.close', 'ledger.close', 'ledger.close', 'ledger.request-closure']);
    const measureLog = (await auditor.request('GET', '/api/audit?action=ledger.measure.update')).json();
    expect(measureLog.total).toBeGreaterThan(0);
  });

  it('return sends it back to the handler; reopen brings a closed item back', async () => {
    let item = ZItemDetail.parse((await create(inspector, { measures: [{ content: '清理闲置文化广场' }] })).json());
    const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
      const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      item = ZItemDetail.parse(res.json());
    };
    await step(inspector, 'assign', { handlerUserId: handler.userId });
    await step(handler, 'start');
    const m = item.measures[0];
    if (!m) throw new Error('no measure');
    item = ZItemDetail.parse(
      (
        await handler.request('PATCH', `/api/ledger/items/${item.id}/measures/${m.id}`, { completionNote: '已清理', version: m.version })
      ).json(),
    );
    await step(handler, 'request-closure');
    expect(
      (await inspector.request('POST', `/api/ledger/items/${item.id}/actions/return`, { version: item.version })).json().error.field,
    ).toBe('comment');
    await step(inspector, 'return', { comment: '缺少现场照片' });
    expect(item.status).toBe('returned');
    await step(handler, 'start');
    await step(handler, 'request-closure');
    await step(inspector, 'close', { outcome: 'partly_rectified' });
    await step(inspector, 'reopen', { comment: '群众反映问题反复' });
    expect(item.status).toBe('reopened');
    await step(inspector, 'urge', { comment: '限期一周' });
    expect(item.urgeCount).toBe(1);
  });

  it('refuses a stale version with 412 and changes nothing', async () => {
    const item = ZItemDetail.parse((await create(inspector, {})).json());
    const first = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/urge`, { version: item.version });
    expect(first.statusCode).toBe(422);
    const assigned = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/assign`, {
      version: item.version,
      handlerUserId: handler.userId,
    });
    expect(assigned.statusCode).toBe(200);
    const stale = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/urge`, { version: item.version });
    expect(stale.statusCode).toBe(412);
    const now = ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${item.id}`)).json());
    expect(now.urgeCount).toBe(0);
  });

  it('keeps every item inside the caller’s scope', async () => {
    const yl = ZItemDetail.parse((await create(inspector, { orgId: ylId, title: '民俗小镇门可罗雀' })).json());
    const list = ZItemPage.parse((await handler.request('GET', '/api/ledger/items?pageSize=200')).json());
    expect(list.items.every((i) => i.responsibleOrgName !== ylCounty.name)).toBe(true);
    expect(list.total).toBeGreaterThan(0);
    expect((await handler.request('GET', `/api/ledger/items/${yl.id}`)).statusCode).toBe(404);
    expect((await handler.request('POST', `/api/ledger/items/${yl.id}/actions/start`, { version: yl.version })).statusCode).toBe(404);
    const outside = await create(handler, { orgId: ylId });
    expect(outside.json().error.field).toBe('orgId');
    const auditor = await loginAs(t, auditorUser);
    expect((await auditor.request('GET', '/api/ledger/items')).statusCode).toBe(403);
  });

  it('filters by light, status and keyword; validates input naming the field', async () => {
    await create(inspector, { title: '半拉子工程烂尾', category: 'unfinished_project', deadline: '2026-11-20' });
    const red = ZItemPage.parse((await inspector.request('GET', '/api/ledger/items?light=red')).json());
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every((i) => i.light === 'red')).toBe(true);
    const byQ = ZItemPage.parse((await inspector.request('GET', `/api/ledger/items?q=${encodeURIComponent('烂尾')}`)).json());
    expect(byQ.items.map((i) => i.title)).toContain('半拉子工程烂尾');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ category: 'nonsense' }, 'category'],
      [{ source: 'rumour' }, 'source'],
      [{ deadline: '2026-02-30x' }, 'deadline'],
      [{ orgId: 999999 }, 'orgId'],
      [{ measures: [{ content: '' }] }, 'measures.0.content'],
    ];
    for (const [body, field] of cases) {
      const res = await create(inspector, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await inspector.request('GET', '/api/ledger/items?light=purple')).json().error.field).toBe('light');
  });

  it('Idempotency-Key: 50 concurrent same-key creations make exactly one item; another body with the key is refused', async () => {
    const key = `create-${engine.name}-0001`;
    const body = { title: '新官不理旧账的积案', category: 'legacy_neglect', source: 'petition', orgId: qsId };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => inspector.request('POST', '/api/ledger/items', body, { 'idempotency-key': key })),
    );
    const ids = new Set(responses.map((r) => (r.statusCode === 201 ? r.json().id : `status ${r.statusCode} ${r.body}`)));
    expect([...ids]).toHaveLength(1);
    expect(typeof [...ids][0]).toBe('number');
    const list = ZItemPage.parse(
      (await inspector.request('GET', `/api/ledger/items?q=${encodeURIComponent('新官不理旧账的积案')}`)).json(),
    );
    expect(list.total).toBe(1);
    const other = await inspector.request('POST', '/api/ledger/items', { ...body, title: '另一个问题' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.field).toBe('Idempotency-Key');
    const short = await inspector.request('POST', '/api/ledger/items', body, { 'idempotency-key': 'x' });
    expect(short.json().error.field).toBe('idempotency-key');
  });

  it('extensions: asked by the handler, approved or refused by the assigner; the original deadline is kept; late requests are flagged', async () => {
    let item = ZItemDetail.parse((await create(inspector, { deadline: '2026-12-20', measures: [{ content: '补齐台账' }] })).json());
    const step = async (c: Client, action: string, body: Record<string, unknown> = {}, status = 200) => {
      const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
      if (status === 200) item = ZItemDetail.parse(res.json());
      return res;
    };
    await step(inspector, 'assign', { handlerUserId: handler.userId });
    await step(handler, 'start');
    expect((await step(handler, 'request-extension', { deadline: '2026-12-10', reason: '资金未到位' }, 400)).json().error.field).toBe(
      'deadline',
    );
    expect((await step(handler, 'request-extension', { deadline: '2027-01-20' }, 400)).json().error.field).toBe('reason');
    await step(handler, 'request-extension', { deadline: '2027-01-20', reason: '资金未到位' });
    expect(item.extensions[0]).toMatchObject({
      status: 'pending',
      oldDeadline: '2026-12-20',
      newDeadline: '2027-01-20',
      isLate: false,
      isLastMinute: false,
    });
    expect(item.allowedActions).not.toContain('decide-extension');
    await step(handler, 'decide-extension', { decision: 'approve' }, 403);
    await step(inspector, 'decide-extension', { decision: 'approve', comment: '同意延期一个月' });
    expect(item).toMatchObject({ deadline: '2027-01-20', originalDeadline: '2026-12-20' });
    expect(item.extensions[0]?.status).toBe('approved');

    // A request made after the deadline passed is flagged, and a refusal leaves the deadline alone.
    t.clock.advance(60 * 86_400_000);
    const lateHandler = await loginAs(t, handlerUser);
    const lateInspector = await loginAs(t, inspectorUser);
    await step(lateHandler, 'request-extension', { deadline: '2027-03-01', reason: '工程量增加' });
    expect(item.extensions[1]).toMatchObject({ isLate: true });
    await step(lateInspector, 'decide-extension', { decision: 'refuse', comment: '不予延期' });
    expect(item).toMatchObject({ deadline: '2027-01-20', light: 'red' });
    t.clock.advance(-60 * 86_400_000);
    inspector = await loginAs(t, inspectorUser);
    handler = await loginAs(t, handlerUser);
  });

  it('回头看: closing schedules a recheck in 90 days; a rebound reopens the item and is counted', async () => {
    let item = ZItemDetail.parse((await create(inspector, { measures: [{ content: '拆除违规景观' }] })).json());
    const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
      const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      item = ZItemDetail.parse(res.json());
    };
    await step(inspector, 'assign', { handlerUserId: handler.userId });
    await step(handler, 'start');
    const m = item.measures[0];
    if (!m) throw new Error('no measure');
    item = ZItemDetail.parse(
      (
        await handler.request('PATCH', `/api/ledger/items/${item.id}/measures/${m.id}`, {
          completionNote: '已拆除',
          status: 'done',
          version: m.version,
        })
      ).json(),
    );
    await step(handler, 'request-closure');
    await step(inspector, 'close', { outcome: 'rectified' });
    expect(item.recheckDue).toBe('2027-03-01');
    const missing = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/recheck`, { version: item.version });
    expect(missing.json().error.field).toBe('result');
    await step(inspector, 'recheck', { result: 'rebound', comment: '回头看发现问题反弹' });
    expect(item).toMatchObject({ status: 'reopened', reboundCount: 1, recheckDue: null });
    await step(handler, 'start');
    expect(item.status).toBe('rectifying');
  });

  it('stats: counts and rates derived from the items in scope', async () => {
    const all = ZItemPage.parse((await inspector.request('GET', '/api/ledger/items?pageSize=200')).json());
    const res = await inspector.request('GET', '/api/ledger/stats');
    expect(res.statusCode, res.body).toBe(200);
    const s = ZLedgerStats.parse(res.json());
    expect(s.total).toBe(all.total);
    expect(s.byStatus.reduce((a, r) => a + r.n, 0)).toBe(all.total);
    const closed = all.items.filter((i) => i.status === 'closed').length;
    const open = all.items.filter((i) => !['closed', 'rejected', 'merged'].includes(i.status)).length;
    expect(s.closed).toBe(closed);
    expect(s.closureRate).toBeCloseTo(closed / (closed + open), 3);
    expect(s.red).toBe(all.items.filter((i) => i.light === 'red').length);
    expect(s.reboundRate).toBeGreaterThan(0);
    expect(s.byOrg.map((r) => r.label)).toContain(ylCounty.name);
    expect(s.monthly).toHaveLength(12);
    expect(s.monthly.at(-1)).toMatchObject({ month: '2026-12', created: all.total });
    const scoped = ZLedgerStats.parse((await handler.request('GET', '/api/ledger/stats')).json());
    expect(scoped.byOrg.map((r) => r.label)).not.toContain(ylCounty.name);
    expect(scoped.total).toBeLessThan(s.total);
  });

  it('evidence: a file on a measure proves it for closure, downloads byte for byte, and bad files are refused', async () => {
    let item = ZItemDetail.parse((await create(inspector, { measures: [{ content: '整治办公用房超标' }] })).json());
    await inspector.request('POST', `/api/ledger/items/${item.id}/actions/assign`, {
      version: item.version,
      handlerUserId: handler.userId,
    });
    item = ZItemDetail.parse((await handler.request('GET', `/api/ledger/items/${item.id}`)).json());
    item = ZItemDetail.parse(
      (await handler.request('POST', `/api/ledger/items/${item.id}/actions/start`, { version: item.version })).json(),
    );
    const measure = item.measures[0];
    if (!measure) throw new Error('no measure');
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('整改后现场照片'.repeat(200))]);
    const upload = (name: string, type: string, content: Buffer, fields: Record<string, string> = {}) => {
      const boundary = '----shiji-test-boundary';
      const parts = [
        ...Object.entries(fields).map(([k, v]) =>
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        ),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ];
      return t.app.inject({
        method: 'POST',
        url: `/api/ledger/items/${item.id}/evidence`,
        headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      });
    };
    const bad = await upload('virus.exe', 'application/octet-stream', Buffer.from('MZ'));
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.field).toBe('file');
    const wrongMeasure = await upload('现场.jpg', 'image/jpeg', photo, { measureId: '999999' });
    expect(wrongMeasure.json().error.field).toBe('measureId');
    const ok = await upload('整改现场.jpg', 'image/jpeg', photo, { measureId: String(measure.id), note: '整改后' });
    expect(ok.statusCode, ok.body).toBe(201);
    item = ZItemDetail.parse(ok.json());
    expect(item.evidence[0]).toMatchObject({ fileName: '整改现场.jpg', size: photo.length, measureId: measure.id });
    expect(item.measures[0]?.evidenceCount).toBe(1);
    const download = await handler.request('GET', `/api/ledger/items/${item.id}/evidence/${item.evidence[0]?.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(download.rawPayload, photo)).toBe(0);
    // The photo alone proves the measure: closure may be requested without a note.
    const closure = await handler.request('POST', `/api/ledger/items/${item.id}/actions/request-closure`, { version: item.version });
    expect(closure.statusCode, closure.body).toBe(200);
    const other = await loginAs(t, await buildUser(t, { role: 'handler', scope: 'own', org: ylCounty }));
    expect((await other.request('GET', `/api/ledger/items/${item.id}/evidence/${item.evidence[0]?.id}`)).statusCode).toBe(404);
  });

  it('assignees: a supervisor picks handlers in scope by name; others may not list them', async () => {
    const res = await inspector.request('GET', `/api/ledger/assignees?q=${encodeURIComponent(handlerUser.displayName)}`);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain(handlerUser.username);
    expect(names).not.toContain(auditorUser.username);
    expect(JSON.stringify(res.json())).not.toContain('passwordHash');
    expect((await handler.request('GET', '/api/ledger/assignees')).statusCode).toBe(403);
    // Handlers and leaders of both counties exist; a county leader picks only from the county.
    await buildUser(t, { role: 'leader', scope: 'subtree', org: ylCounty });
    const county = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'subtree', org: qsCounty }));
    const scoped = (await county.request('GET', '/api/ledger/assignees')).json().items.map((u: { orgName: string }) => u.orgName);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((n: string) => n === qsCounty.name)).toBe(true);
  });
});
