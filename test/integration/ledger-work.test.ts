import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { ZItemDetail, ZItemPage, ZLedgerStats, type TItemDetail } from '../../src/modules/ledger/index.js';
import { users } from '../../src/modules/org/org.table.js';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildPerson, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

/** The claim pool, 我的待办, confidentiality, comments and links, the lead leader, If-Match on steps, closure outcomes in stats. */
describe.each(testEngines())('ledger work on $name', (engine) => {
  let t: TestApp;
  let inspector: Client;
  let qsHandler: Client;
  let ylHandler: Client;
  let cityHandler: Client;
  let cityId: number;
  let qsId: number;
  let ylId: number;
  let zhangId: number;
  let zhangName: string;
  /** A city with two counties; ylCounty is not below qsCounty. */
  let city: BuiltOrg;
  let qsCounty: BuiltOrg;
  let ylCounty: BuiltOrg;
  /** The city-wide inspector supervises; qs's handler works qs's subtree, yl's handler its own org only. */
  let inspectorUser: BuiltUser;
  let qsHandlerUser: BuiltUser;

  beforeAll(async () => {
    t = await startTestApp(engine);
    city = await buildTenant(t);
    qsCounty = await buildOrg(t, { parent: city });
    ylCounty = await buildOrg(t, { parent: city });
    cityId = city.id;
    qsId = qsCounty.id;
    ylId = ylCounty.id;
    inspectorUser = await buildUser(t, { role: 'inspector', scope: 'all', org: city, displayName: '市督查室' });
    qsHandlerUser = await buildUser(t, { role: 'handler', scope: 'subtree', org: qsCounty, displayName: `${qsCounty.name}承办人` });
    inspector = await loginAs(t, inspectorUser);
    qsHandler = await loginAs(t, qsHandlerUser);
    ylHandler = await loginAs(t, await buildUser(t, { role: 'handler', scope: 'own', org: ylCounty }));
    // A city-wide handler: not a supervisor.
    cityHandler = await loginAs(t, await buildUser(t, { role: 'handler', scope: 'all', org: city }));
    // A cadre of the county, the lead leader of some items.
    const zhang = await buildPerson(t, { org: qsCounty, name: '张三', position: '县长' });
    zhangId = zhang.id;
    zhangName = zhang.name;
  });
  afterAll(async () => t?.close());

  const create = async (c: Client, body: Record<string, unknown>): Promise<TItemDetail> => {
    const res = await c.request('POST', '/api/ledger/items', {
      title: '村卫生室无人坐诊',
      category: 'formalism',
      source: 'supervision',
      orgId: qsId,
      deadline: '2027-03-31',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return ZItemDetail.parse(res.json());
  };
  const step = async (
    c: Client,
    item: TItemDetail,
    action: string,
    body: Record<string, unknown> = {},
    status = 200,
  ): Promise<TItemDetail> => {
    const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
    return status === 200 ? ZItemDetail.parse(res.json()) : item;
  };
  const pool = async (c: Client) => {
    const res = await c.request('GET', '/api/ledger/items?pool=true&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    return ZItemPage.parse(res.json()).items.map((i) => i.id);
  };
  const todo = async (c: Client) => ZItemPage.parse((await c.request('GET', '/api/ledger/items?mine=true&pageSize=200')).json()).items;

  it('领题池: the city publishes a problem, a county unit sees and claims it, then it is theirs alone', async () => {
    const cityWide = await create(inspector, {
      title: '惠民资金发放滞后',
      orgId: cityId,
      isInPool: true,
      measures: [{ content: '核对发放名册' }],
    });
    const qsOnly = await create(inspector, { title: '文化广场建成后闲置', orgId: qsId, isInPool: true });
    const notPublished = await create(inspector, { title: '民俗小镇门可罗雀', orgId: cityId });
    expect(cityWide.isInPool).toBe(true);
    // Units below the publishing org see its pool; ylCounty is not below qsCounty.
    expect(await pool(qsHandler)).toEqual(expect.arrayContaining([cityWide.id, qsOnly.id]));
    expect(await pool(ylHandler)).toContain(cityWide.id);
    expect(await pool(ylHandler)).not.toContain(qsOnly.id);
    expect(await pool(ylHandler)).not.toContain(notPublished.id);
    expect((await ylHandler.request('GET', `/api/ledger/items/${qsOnly.id}`)).statusCode).toBe(404);

    const seen = ZItemDetail.parse((await ylHandler.request('GET', `/api/ledger/items/${cityWide.id}`)).json());
    expect(seen.allowedActions).toEqual(['claim']);
    const claimed = await step(ylHandler, seen, 'claim', { comment: '我县认领' });
    expect(claimed).toMatchObject({
      status: 'claimed',
      responsibleOrgName: ylCounty.name,
      handlerUserId: ylHandler.userId,
      isInPool: false,
    });
    expect(claimed.allowedActions).toContain('start');
    // Claimed: out of every pool, and qsCounty no longer sees it at all.
    expect(await pool(qsHandler)).not.toContain(cityWide.id);
    expect((await qsHandler.request('GET', `/api/ledger/items/${cityWide.id}`)).statusCode).toBe(404);
    expect(
      (await qsHandler.request('POST', `/api/ledger/items/${cityWide.id}/actions/claim`, { version: claimed.version })).statusCode,
    ).toBe(404);
    // The claimer works it like an assigned item.
    const started = await step(ylHandler, claimed, 'start');
    expect(started.status).toBe('rectifying');
    expect((await todo(ylHandler)).map((i) => i.id)).toContain(cityWide.id);
  });

  it('领题池: a confidential item cannot be published; an assigned one cannot be withdrawn or republished', async () => {
    const refused = await inspector.request('POST', '/api/ledger/items', {
      title: '违规吃喝线索',
      category: 'corruption',
      source: 'public_report',
      orgId: qsId,
      confidentiality: 'confidential',
      isInPool: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('isInPool');
    const item = await create(inspector, {});
    const published = await inspector.request('PATCH', `/api/ledger/items/${item.id}`, { version: item.version, isInPool: true });
    expect(published.statusCode, published.body).toBe(200);
    const assigned = await step(inspector, ZItemDetail.parse(published.json()), 'assign', { handlerUserId: qsHandler.userId });
    expect(assigned.isInPool).toBe(false);
    const again = await inspector.request('PATCH', `/api/ledger/items/${item.id}`, { version: assigned.version, isInPool: true });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.field).toBe('isInPool');
  });

  it('机密 items are seen by supervisors and the people working them, by no other reader in scope', async () => {
    const secret = await create(inspector, {
      title: '违规收受礼金线索核查',
      category: 'corruption',
      source: 'public_report',
      confidentiality: 'confidential',
    });
    const qsLeader = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'subtree', org: qsCounty }));
    const listIds = async (c: Client) =>
      ZItemPage.parse((await c.request('GET', '/api/ledger/items?pageSize=200&confidentiality=confidential')).json()).items.map(
        (i) => i.id,
      );
    expect(await listIds(qsLeader)).toContain(secret.id);
    expect(await listIds(qsHandler)).not.toContain(secret.id);
    expect((await qsHandler.request('GET', `/api/ledger/items/${secret.id}`)).statusCode).toBe(404);
    const exported = await qsHandler.request('GET', '/api/ledger/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain(secret.code);
    // Once it is handed to them, the handler sees it.
    await step(inspector, secret, 'assign', { handlerUserId: qsHandler.userId });
    expect((await qsHandler.request('GET', `/api/ledger/items/${secret.id}`)).statusCode).toBe(200);
  });

  it('keeps the export, the list, the detail and every step inside the caller’s subtree', async () => {
    const yl = await create(inspector, { orgId: ylId, title: '云岭县集镇污水管网半拉子' });
    const qs = await create(inspector, { title: '青山县乡镇卫生院药品短缺' });
    const exported = await qsHandler.request('GET', '/api/ledger/export.xlsx?pageSize=200');
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet?.getRow(1).values as string[]).indexOf('责任单位');
    const orgNamesSeen = new Set<string>();
    const codes: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      codes.push(String(row.getCell(1).value));
      orgNamesSeen.add(String(row.getCell(header).value));
    });
    expect(codes).toContain(qs.code);
    expect(codes).not.toContain(yl.code);
    // Every row's responsible org lies in qsCounty's subtree.
    const qsOrgs = new Set(((await qsHandler.request('GET', '/api/orgs')).json().items as { name: string }[]).map((o) => o.name));
    expect([...orgNamesSeen].every((name) => qsOrgs.has(name))).toBe(true);
    expect(qsOrgs.has(ylCounty.name)).toBe(false);
    const list = ZItemPage.parse((await qsHandler.request('GET', '/api/ledger/items?pageSize=200')).json());
    expect(list.items.every((i) => qsOrgs.has(i.responsibleOrgName))).toBe(true);
    for (const [method, url, body] of [
      ['GET', `/api/ledger/items/${yl.id}`, undefined],
      ['PATCH', `/api/ledger/items/${yl.id}`, { version: yl.version, title: '改' }],
      ['POST', `/api/ledger/items/${yl.id}/comments`, { body: '看看' }],
      ['POST', `/api/ledger/items/${yl.id}/measures`, { content: '措施' }],
      ['POST', `/api/ledger/items/${yl.id}/actions/urge`, { version: yl.version }],
      ['POST', `/api/ledger/items/${yl.id}/links`, { targetId: qs.id }],
    ] as const) {
      const res = await qsHandler.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    // A supervisor of qsCounty cannot reach across either, not even as a link target.
    const qsLeader = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'subtree', org: qsCounty }));
    const across = await qsLeader.request('POST', `/api/ledger/items/${qs.id}/links`, { targetId: yl.id });
    expect(across.statusCode).toBe(400);
    expect(across.json().error.field).toBe('targetId');
  });

  it('我的待办: the handler’s work, the reviewer’s closures and extensions, due 回头看 — and nothing finished', async () => {
    const a = await create(inspector, { title: '待办A：整改中', measures: [{ content: '措施' }] });
    let aa = await step(inspector, a, 'assign', { handlerUserId: qsHandler.userId });
    aa = await step(qsHandler, aa, 'start');
    const b = await create(inspector, { title: '待办B：申请销号', measures: [{ content: '措施' }] });
    let bb = await step(inspector, b, 'assign', { handlerUserId: qsHandler.userId });
    bb = await step(qsHandler, bb, 'start');
    const mb = bb.measures[0];
    if (!mb) throw new Error('no measure');
    bb = ZItemDetail.parse(
      (
        await qsHandler.request('PATCH', `/api/ledger/items/${bb.id}/measures/${mb.id}`, {
          status: 'done',
          completionNote: '已完成',
          version: mb.version,
        })
      ).json(),
    );
    bb = await step(qsHandler, bb, 'request-closure');
    aa = await step(qsHandler, aa, 'request-extension', { deadline: '2027-06-30', reason: '汛期施工受阻' });

    const handlerTodo = await todo(qsHandler);
    expect(handlerTodo.find((i) => i.id === aa.id)?.todo).toEqual(['handle']);
    expect(handlerTodo.map((i) => i.id)).not.toContain(bb.id);
    const reviewerTodo = await todo(inspector);
    expect(reviewerTodo.find((i) => i.id === bb.id)?.todo).toEqual(['review']);
    expect(reviewerTodo.find((i) => i.id === aa.id)?.todo).toEqual(['extension']);

    bb = await step(inspector, bb, 'close', { outcome: 'rectified' });
    expect((await todo(inspector)).map((i) => i.id)).not.toContain(bb.id);
    // 90 days on, the 回头看 is due and shows for the supervisor.
    t.clock.advance(86 * 24 * 3600 * 1000);
    try {
      const later = await loginAs(t, inspectorUser);
      expect((await todo(later)).find((i) => i.id === bb.id)?.todo).toEqual(['recheck']);
    } finally {
      t.clock.advance(-86 * 24 * 3600 * 1000);
    }
  });

  it('the lead leader (an account linked to the 牵头领导) urges, decides the extension and reviews the closure, whatever their role', async () => {
    let item = await create(inspector, { title: '牵头领导督办的问题', leadLeaderId: zhangId, measures: [{ content: '措施' }] });
    item = await step(inspector, item, 'assign', { handlerUserId: qsHandler.userId });
    item = await step(qsHandler, item, 'start');
    // The city's handler account is not a supervisor: before it is linked to the lead leader it may not urge.
    expect((await cityHandler.request('POST', `/api/ledger/items/${item.id}/actions/urge`, { version: item.version })).statusCode).toBe(
      403,
    );
    await t.database.db.update(users).set({ personId: zhangId }).where(eq(users.id, cityHandler.userId));
    try {
      item = await step(cityHandler, item, 'urge', { comment: '请加快进度' });
      expect(item.urgeCount).toBe(1);
      item = await step(qsHandler, item, 'request-extension', { deadline: '2027-05-31', reason: '等待上级资金' });
      const asLead = ZItemDetail.parse((await cityHandler.request('GET', `/api/ledger/items/${item.id}`)).json());
      expect(asLead.allowedActions).toEqual(expect.arrayContaining(['urge', 'decide-extension']));
      expect(asLead.allowedActions).not.toContain('assign');
      expect((await todo(cityHandler)).find((i) => i.id === item.id)?.todo).toEqual(['extension']);
      item = await step(cityHandler, asLead, 'decide-extension', { decision: 'approve', comment: '同意' });
      expect(item).toMatchObject({ deadline: '2027-05-31', originalDeadline: '2027-03-31' });
      const m = item.measures[0];
      item = ZItemDetail.parse(
        (
          await qsHandler.request('PATCH', `/api/ledger/items/${item.id}/measures/${m?.id}`, {
            status: 'done',
            completionNote: '完成',
            version: m?.version,
          })
        ).json(),
      );
      item = await step(qsHandler, item, 'request-closure');
      expect((await todo(cityHandler)).find((i) => i.id === item.id)?.todo).toEqual(['review']);
      item = await step(cityHandler, item, 'close', { outcome: 'rectified' });
      expect(item.status).toBe('closed');
    } finally {
      await t.database.db.update(users).set({ personId: null }).where(eq(users.id, cityHandler.userId));
    }
  });

  it('If-Match carries the version of a step or a measure edit; a stale one is refused with 412', async () => {
    const item = await create(inspector, { measures: [{ content: '措施' }] });
    const noVersion = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/urge`, {});
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.field).toBe('version');
    const assigned = await inspector.request(
      'POST',
      `/api/ledger/items/${item.id}/actions/assign`,
      { handlerUserId: qsHandler.userId },
      { 'if-match': `"${item.version}"` },
    );
    expect(assigned.statusCode, assigned.body).toBe(200);
    const stale = await inspector.request('POST', `/api/ledger/items/${item.id}/actions/urge`, {}, { 'if-match': `"${item.version}"` });
    expect(stale.statusCode).toBe(412);
    const disagree = await inspector.request(
      'POST',
      `/api/ledger/items/${item.id}/actions/urge`,
      { version: item.version + 1 },
      { 'if-match': `"${item.version}"` },
    );
    expect(disagree.json().error.field).toBe('If-Match');
    const current = ZItemDetail.parse(assigned.json());
    const m = current.measures[0];
    if (!m) throw new Error('no measure');
    const edit = await qsHandler.request(
      'PATCH',
      `/api/ledger/items/${item.id}/measures/${m.id}`,
      { dueDate: '2027-01-15', isMilestone: true, ownerPersonId: zhangId },
      { 'if-match': String(m.version) },
    );
    expect(edit.statusCode, edit.body).toBe(200);
    expect(ZItemDetail.parse(edit.json()).measures[0]).toMatchObject({ dueDate: '2027-01-15', isMilestone: true, ownerName: zhangName });
    const staleMeasure = await qsHandler.request(
      'PATCH',
      `/api/ledger/items/${item.id}/measures/${m.id}`,
      { content: '改' },
      { 'if-match': String(m.version) },
    );
    expect(staleMeasure.statusCode).toBe(412);
  });

  it('comments and related links: anyone in scope comments; links show on both items and can be removed', async () => {
    const a = await create(inspector, { title: '乡镇卫生院无人值守' });
    const b = await create(inspector, { title: '村卫生室药品过期' });
    const commented = await qsHandler.request('POST', `/api/ledger/items/${a.id}/comments`, { body: '已与卫健局沟通，下周派驻医生' });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(ZItemDetail.parse(commented.json()).comments).toEqual([
      expect.objectContaining({ authorName: qsHandlerUser.displayName, body: '已与卫健局沟通，下周派驻医生' }),
    ]);
    expect((await qsHandler.request('POST', `/api/ledger/items/${a.id}/comments`, { body: '  ' })).json().error.field).toBe('body');
    // Linking needs a supervisor or someone working the item.
    expect((await qsHandler.request('POST', `/api/ledger/items/${a.id}/links`, { targetId: b.id })).statusCode).toBe(403);
    const linked = await inspector.request('POST', `/api/ledger/items/${a.id}/links`, { targetId: b.id });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(ZItemDetail.parse(linked.json()).links).toEqual([expect.objectContaining({ id: b.id, kind: 'related', direction: 'out' })]);
    expect(ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${b.id}`)).json()).links).toEqual([
      expect.objectContaining({ id: a.id, kind: 'related', direction: 'in' }),
    ]);
    // A relation goes both ways: linking again, from either side, is refused.
    expect((await inspector.request('POST', `/api/ledger/items/${b.id}/links`, { targetId: a.id })).statusCode).toBe(409);
    expect((await inspector.request('POST', `/api/ledger/items/${a.id}/links`, { targetId: b.id })).statusCode).toBe(409);
    expect((await inspector.request('POST', `/api/ledger/items/${a.id}/links`, { targetId: a.id })).json().error.field).toBe('targetId');
    // Either side may remove it.
    const removed = await inspector.request('DELETE', `/api/ledger/items/${b.id}/links/${a.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${a.id}`)).json()).links).toEqual([]);
    expect((await inspector.request('DELETE', `/api/ledger/items/${a.id}/links/${b.id}`)).statusCode).toBe(404);
  });

  it('回头看 happens once per closure: no second recheck, and reopening drops the scheduled one', async () => {
    let item = await create(inspector, { title: '回头看只做一次', measures: [{ content: '措施' }] });
    item = await step(inspector, item, 'assign', { handlerUserId: qsHandler.userId });
    item = await step(qsHandler, item, 'start');
    const m = item.measures[0];
    if (!m) throw new Error('no measure');
    item = ZItemDetail.parse(
      (
        await qsHandler.request('PATCH', `/api/ledger/items/${item.id}/measures/${m.id}`, {
          status: 'done',
          completionNote: '完成',
          version: m.version,
        })
      ).json(),
    );
    item = await step(qsHandler, item, 'request-closure');
    item = await step(inspector, item, 'close', { outcome: 'rectified' });
    expect(item.rechecks).toHaveLength(1);
    item = await step(inspector, item, 'reopen', { comment: '群众反映仍有问题' });
    expect(item.rechecks).toEqual([]);
    expect(item.recheckDue).toBeNull();
    expect(item.allowedActions).not.toContain('recheck');
    item = await step(qsHandler, item, 'start');
    item = await step(qsHandler, item, 'request-closure');
    item = await step(inspector, item, 'close', { outcome: 'partly_rectified', comment: '主体完成' });
    item = await step(inspector, item, 'recheck', { result: 'consolidated', comment: '整改成果巩固' });
    expect(item.rechecks).toEqual([expect.objectContaining({ result: 'consolidated', checkedByName: inspectorUser.displayName })]);
    expect(item.allowedActions).not.toContain('recheck');
    await step(inspector, item, 'recheck', { result: 'rebound' }, 422);
  });

  it('stats tell fixed from merely closed, and count urging', async () => {
    {
      const c = inspector;
      const h = qsHandler;
      const before = ZLedgerStats.parse((await c.request('GET', '/api/ledger/stats')).json());
      const qs = qsId;
      const closeWith = async (outcome: string, reason?: string) => {
        const r = await c.request('POST', '/api/ledger/items', {
          title: `结论${outcome}`,
          category: 'formalism',
          source: 'supervision',
          orgId: qs,
          measures: [{ content: '措施' }],
        });
        let item = ZItemDetail.parse(r.json());
        const go = async (who: Client, action: string, body: Record<string, unknown> = {}) => {
          const res = await who.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
          expect(res.statusCode, res.body).toBe(200);
          item = ZItemDetail.parse(res.json());
        };
        await go(c, 'assign', { handlerUserId: h.userId });
        await go(c, 'urge');
        await go(h, 'start');
        const m = item.measures[0];
        item = ZItemDetail.parse(
          (
            await h.request('PATCH', `/api/ledger/items/${item.id}/measures/${m?.id}`, {
              status: 'done',
              completionNote: '完成',
              version: m?.version,
            })
          ).json(),
        );
        await go(h, 'request-closure');
        await go(c, 'close', { outcome, ...(reason ? { reason } : {}) });
      };
      await closeWith('rectified');
      await closeWith('partly_rectified');
      await closeWith('not_rectifiable', '历史原因无法恢复原貌');
      const after = ZLedgerStats.parse((await c.request('GET', '/api/ledger/stats')).json());
      const outcome = (s: typeof after, key: string) => s.byOutcome.find((o) => o.key === key)?.n ?? 0;
      expect(after.closed - before.closed).toBe(3);
      expect(outcome(after, 'rectified') - outcome(before, 'rectified')).toBe(1);
      expect(outcome(after, 'partly_rectified') - outcome(before, 'partly_rectified')).toBe(1);
      expect(outcome(after, 'not_rectifiable') - outcome(before, 'not_rectifiable')).toBe(1);
      expect(after.byOutcome.reduce((n, o) => n + o.n, 0)).toBe(after.closed);
      expect(after.rectifiedRate).toBeCloseTo(outcome(after, 'rectified') / after.closed, 10);
      expect(after.urgeTotal - before.urgeTotal).toBe(3);
      expect(after.urgedItems - before.urgedItems).toBe(3);
    }
  });

  it('sorts by light (red first) and filters by tag', async () => {
    await create(inspector, { title: '逾期的问题', deadline: '2026-11-01', tags: ['卫生'] });
    await create(inspector, { title: '快到期的问题', deadline: '2026-12-05', tags: ['卫生', '民生'] });
    const sorted = ZItemPage.parse((await inspector.request('GET', '/api/ledger/items?sort=light&pageSize=200')).json()).items;
    const rank = (l: string | null) => ({ red: 0, yellow: 1, green: 2 })[l ?? ''] ?? 3;
    const ranks = sorted.map((i) => rank(i.light));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(sorted[0]?.light).toBe('red');
    const tagged = ZItemPage.parse((await inspector.request('GET', `/api/ledger/items?tag=${encodeURIComponent('民生')}`)).json()).items;
    expect(tagged.map((i) => i.title)).toEqual(['快到期的问题']);
    expect(tagged[0]?.tags).toEqual(['卫生', '民生']);
    expect(cityHandler.userId).toBeGreaterThan(0);
  });
});
