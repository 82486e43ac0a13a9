import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZItemDetail, ZSimilarList } from '../../src/modules/ledger/index.js';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildItem, buildOrg, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

describe.each(testEngines())('ledger edit, duplicates, merge and bulk steps on $name', (engine) => {
  let t: TestApp;
  let inspector: Client;
  let handler: Client;
  let auditor: Client;
  let qsId: number;
  let ylId: number;
  /** Two counties of a city; the items are filed on qsCounty unless said otherwise. */
  let qsCounty: BuiltOrg;
  let ylCounty: BuiltOrg;
  /** A handler of qsCounty's subtree. */
  let handlerUser: BuiltUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const city = await buildTenant(t);
    qsCounty = await buildOrg(t, { parent: city });
    ylCounty = await buildOrg(t, { parent: city });
    qsId = qsCounty.id;
    ylId = ylCounty.id;
    handlerUser = await buildUser(t, { role: 'handler', scope: 'subtree', org: qsCounty });
    inspector = await loginAs(t, await buildUser(t, { role: 'inspector', scope: 'all', org: city }));
    handler = await loginAs(t, handlerUser);
    auditor = await loginAs(t, await buildUser(t, { role: 'auditor', scope: 'all', org: city }));
  });
  afterAll(async () => t?.close());

  const create = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.request('POST', '/api/ledger/items', {
      category: 'formalism',
      source: 'supervision',
      orgId: qsId,
      deadline: '2027-03-31',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return ZItemDetail.parse(res.json());
  };

  it('suggests open items in the same org subtree that say the same thing in other words, and not others', async () => {
    const clinic = await create(inspector, { title: '村卫生室长期无人坐诊', description: '群众看病要跑到镇上' });
    const plaza = await create(inspector, { title: '文化广场建成后长期闲置' });
    const elsewhere = await create(inspector, { title: '卫生室无人坐诊', orgId: ylId });
    const res = await inspector.request('GET', `/api/ledger/similar?title=${encodeURIComponent('青山县某村卫生室无人坐诊')}&orgId=${qsId}`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = ZSimilarList.parse(res.json()).items.map((i) => i.id);
    expect(ids).toContain(clinic.id);
    expect(ids).not.toContain(plaza.id);
    expect(ids).not.toContain(elsewhere.id); // another county's subtree
    // The item page shows its look-alikes too (never itself).
    const again = await create(inspector, { title: '卫生室无人坐诊问题' });
    expect(again.similar.map((s) => s.id)).toContain(clinic.id);
    expect(again.similar.map((s) => s.id)).not.toContain(again.id);
    // A handler of another county sees no suggestion from qsCounty.
    const yunling = await loginAs(t, await buildUser(t, { role: 'handler', scope: 'own', org: ylCounty }));
    const theirs = ZSimilarList.parse(
      (await yunling.request('GET', `/api/ledger/similar?title=${encodeURIComponent('卫生室无人坐诊')}`)).json(),
    );
    expect(theirs.items.every((i) => i.id === elsewhere.id)).toBe(true);
    expect((await inspector.request('GET', '/api/ledger/similar')).json().error.field).toBe('title');
  });

  it('merges a duplicate into another item: the duplicate is closed as merged, keeps its events, its evidence is carried over', async () => {
    const target = await create(inspector, { title: '闲置的文化广场无人管理' });
    let dup = await create(inspector, { title: '文化广场闲置', measures: [{ content: '盘活广场' }] });
    const upload = await inspector.upload(`/api/ledger/items/${dup.id}/evidence`, {
      fileName: '现场照片.png',
      mimeType: 'image/png',
      content: Buffer.from('89504e470d0a1a0a0000', 'hex'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    dup = ZItemDetail.parse(upload.json());
    expect(
      (await inspector.request('POST', `/api/ledger/items/${dup.id}/actions/merge`, { version: dup.version })).json().error.field,
    ).toBe('targetId');
    const res = await inspector.request('POST', `/api/ledger/items/${dup.id}/actions/merge`, {
      version: dup.version,
      targetId: target.id,
      comment: '同一问题',
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = ZItemDetail.parse(res.json());
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id, light: null });
    expect(merged.events.map((e) => e.action)).toEqual(['submit', 'evidence.add', 'merge']);
    expect(merged.links).toEqual([expect.objectContaining({ id: target.id, kind: 'duplicate', direction: 'out' })]);
    const after = ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${target.id}`)).json());
    expect(after.evidence.map((e) => e.fileName)).toEqual(['现场照片.png']);
    expect(after.events.at(-1)?.action).toBe('merge.in');
    expect(after.links).toEqual([expect.objectContaining({ id: dup.id, kind: 'duplicate', direction: 'in' })]);
    // A merged item takes no more steps and cannot be merged into.
    const other = await create(inspector, { title: '另一个问题' });
    const intoMerged = await inspector.request('POST', `/api/ledger/items/${other.id}/actions/merge`, {
      version: other.version,
      targetId: dup.id,
    });
    expect(intoMerged.statusCode).toBe(422);
    expect(intoMerged.json().error.field).toBe('targetId');
    expect(intoMerged.json().error.message).toContain('已合并');
    // Out-of-scope targets are invalid, not revealed.
    const yunling = await create(inspector, { title: '云岭县的问题', orgId: ylId });
    const qsSupervisor = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'subtree', org: qsCounty }));
    const mine = await create(inspector, { title: '青山县的问题' });
    const cross = await qsSupervisor.request('POST', `/api/ledger/items/${mine.id}/actions/merge`, {
      version: mine.version,
      targetId: yunling.id,
    });
    expect([403, 400]).toContain(cross.statusCode);
    // Handlers may not merge.
    expect(
      (await handler.request('POST', `/api/ledger/items/${mine.id}/actions/merge`, { version: mine.version, targetId: target.id }))
        .statusCode,
    ).toBe(403);
  });

  it('PATCH changes the fields sent, version-checked by body or If-Match; the deadline moves only before 交办', async () => {
    const item = await create(inspector, { title: '数据造假', description: '统计报表数字与实际不符' });
    const res = await inspector.request('PATCH', `/api/ledger/items/${item.id}`, {
      version: item.version,
      title: '统计数据造假',
      category: 'statistical_fraud',
      deadline: '2027-04-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = ZItemDetail.parse(res.json());
    expect(edited).toMatchObject({
      title: '统计数据造假',
      category: 'statistical_fraud',
      deadline: '2027-04-30',
      originalDeadline: '2027-04-30',
      version: item.version + 1,
    });
    expect(edited.events.at(-1)).toMatchObject({ action: 'edit' });
    const stale = await inspector.request(
      'PATCH',
      `/api/ledger/items/${item.id}`,
      { title: '改不了' },
      { 'if-match': `"${item.version}"` },
    );
    expect(stale.statusCode).toBe(412);
    const viaHeader = await inspector.request(
      'PATCH',
      `/api/ledger/items/${item.id}`,
      { severity: 'serious' },
      { 'if-match': `"${edited.version}"` },
    );
    expect(viaHeader.statusCode, viaHeader.body).toBe(200);
    expect(ZItemDetail.parse(viaHeader.json()).title).toBe('统计数据造假');
    expect((await inspector.request('PATCH', `/api/ledger/items/${item.id}`, { title: 'x' })).json().error.field).toBe('version');
    const bad = await inspector.request('PATCH', `/api/ledger/items/${item.id}`, { version: 9, category: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('category');
    let current = ZItemDetail.parse(viaHeader.json());
    current = ZItemDetail.parse(
      (
        await inspector.request('POST', `/api/ledger/items/${item.id}/actions/assign`, {
          version: current.version,
          handlerUserId: handler.userId,
        })
      ).json(),
    );
    const late = await inspector.request('PATCH', `/api/ledger/items/${item.id}`, { version: current.version, deadline: '2027-12-31' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.field).toBe('deadline');
    // The handler works the item but does not rewrite it.
    expect((await handler.request('PATCH', `/api/ledger/items/${item.id}`, { version: current.version, title: '改标题' })).statusCode).toBe(
      403,
    );
    const unchanged = ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${item.id}`)).json());
    expect(unchanged).toMatchObject({ title: '统计数据造假', deadline: '2027-04-30', version: current.version });
  });

  it('bulk 催办 urges every item in one transaction, and a stale row makes nothing change', async () => {
    const a = await create(inspector, { title: '批量一' });
    const b = await create(inspector, { title: '批量二' });
    const assign = async (i: typeof a) =>
      ZItemDetail.parse(
        (
          await inspector.request('POST', `/api/ledger/items/${i.id}/actions/assign`, { version: i.version, handlerUserId: handler.userId })
        ).json(),
      );
    const [a1, b1] = [await assign(a), await assign(b)];
    const bad = await inspector.request('POST', '/api/ledger/bulk-actions', {
      action: 'urge',
      items: [
        { id: a1.id, version: a1.version },
        { id: b1.id, version: b1.version - 1 },
      ],
      comment: '限期整改',
    });
    expect(bad.statusCode).toBe(412);
    expect(bad.json().error.field).toBe('items.1');
    for (const i of [a1, b1])
      expect(ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${i.id}`)).json()).urgeCount).toBe(0);
    const ok = await inspector.request('POST', '/api/ledger/bulk-actions', {
      action: 'urge',
      items: [
        { id: a1.id, version: a1.version },
        { id: b1.id, version: b1.version },
      ],
      comment: '限期整改',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ done: 2 });
    for (const i of [a1, b1])
      expect(ZItemDetail.parse((await inspector.request('GET', `/api/ledger/items/${i.id}`)).json()).urgeCount).toBe(1);
    expect(
      (await inspector.request('POST', '/api/ledger/bulk-actions', { action: 'close', items: [{ id: a1.id, version: 1 }] })).json().error
        .field,
    ).toBe('action');
  });

  it('a refused step is written into the audit chain as denied, and the chain still verifies', async () => {
    const item = await create(inspector, { title: '审计拒绝' });
    const refused = await handler.request('POST', `/api/ledger/items/${item.id}/actions/reject`, {
      version: item.version,
      reason: '不是我的',
    });
    expect(refused.statusCode).toBe(403);
    const log = (await auditor.request('GET', '/api/audit?action=ledger.reject&outcome=denied')).json();
    expect(
      log.items.some(
        (r: { targetId: string; actorName: string }) => r.targetId === String(item.id) && r.actorName === handlerUser.username,
      ),
    ).toBe(true);
    const verify = await auditor.request('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
  });
});

describe.each(testEngines())('回头看 days per category on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { recheckDays: { default: 60, byCategory: { statistical_fraud: 180 } } });
  });
  afterAll(async () => t?.close());

  it('schedules the recheck by the category’s days (SHIJI_RECHECK_DAYS), else the default', async () => {
    // Each item is walked through the loop to 销号 (submit → assign → start → measure proven → request closure → close).
    const closeOne = async (category: 'statistical_fraud' | 'formalism') =>
      (await buildItem(t, { status: 'closed', title: `回头看${category}`, category, source: 'statistics', measures: ['核实数据'] }))
        .recheckDue;
    // The test clock stands at 2026-12-01 (Asia/Shanghai).
    expect(await closeOne('statistical_fraud')).toBe('2027-05-30');
    expect(await closeOne('formalism')).toBe('2027-01-30');
  });
});
