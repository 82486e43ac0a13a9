import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ZDeliveryPage, ZNotificationPage, ZWebhook } from '../../src/modules/notify/notify.contract.js';
import { deliverWebhooks, runReminders, type FetchFn } from '../../src/modules/notify/notify.service.js';
import { notifications, webhookDeliveries } from '../../src/modules/notify/notify.table.js';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildItem, buildOrg, buildPerson, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

const CITY_HOOK = 'https://hooks.example.test/city?key=secret-city';
const YL_HOOK = 'https://hooks.example.test/yunling?key=secret-yl';
const MIN = 60_000;

describe.each(testEngines())('reminders and webhooks on $name', (engine) => {
  let t: TestApp;
  /** The accounts built for the file: city-wide ones, and the county qs's handler, leader and system administrator. */
  type Who = 'inspector' | 'qsHandler' | 'qsLeader' | 'leader' | 'sysadmin' | 'qsSysadmin' | 'secadmin' | 'auditor';
  const accounts = new Map<Who, BuiltUser>();
  const user = (who: Who): BuiltUser => {
    const found = accounts.get(who);
    if (!found) throw new Error(`no account ${who}`);
    return found;
  };
  // Sessions expire as the fake clock moves days ahead, so every step logs in afresh.
  const as = (who: Who): Promise<Client> => loginAs(t, user(who));
  let handlerId: number;
  let qsItemId: number;
  let ylItemId: number;
  // The fake webhook server: the city robot fails twice then answers ok; Yunling's always fails.
  const calls: { url: string; at: number; body: unknown }[] = [];
  let cityFailures = 2;
  const fakeFetch: FetchFn = async (url, init) => {
    calls.push({ url, at: t.clock.now().getTime(), body: JSON.parse(init.body) });
    if (url === CITY_HOOK && cityFailures-- <= 0) return { status: 200, text: async () => '{"errcode":0,"errmsg":"ok"}' };
    if (url === CITY_HOOK) return { status: 200, text: async () => '{"errcode":45009,"errmsg":"api freq out of limit"}' };
    return { status: 500, text: async () => 'upstream down' };
  };
  const setTime = (iso: string) => t.clock.advance(new Date(iso).getTime() - t.clock.now().getTime());
  const pass = () => runReminders(t.deps, t.deps.now());
  const deliver = () => deliverWebhooks(t.deps, t.deps.now(), fakeFetch);
  const mine = async (who: Who) => ZNotificationPage.parse((await (await as(who)).request('GET', '/api/notifications?pageSize=50')).json());
  const deliveryRow = async (orgId: number) => {
    const [row] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, orgId));
    if (!row) throw new Error(`no delivery for org ${orgId}`);
    return row;
  };
  let cityId: number;
  let qsId: number;
  let ylId: number;
  let ylCounty: BuiltOrg;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const city = await buildTenant(t);
    const qsCounty = await buildOrg(t, { parent: city });
    ylCounty = await buildOrg(t, { parent: city });
    cityId = city.id;
    qsId = qsCounty.id;
    ylId = ylCounty.id;
    // Accounts linked to cadres: qs's leader is the person who heads qs (its principal), the city leader is 张三 (the lead leader).
    const principal = await buildPerson(t, { org: qsCounty, position: '县委书记', isPrincipal: true });
    const zhang = await buildPerson(t, { org: qsCounty, name: '张三', position: '县长' });
    const account = async (who: Who, spec: Parameters<typeof buildUser>[1]) => accounts.set(who, await buildUser(t, spec));
    await account('inspector', { role: 'inspector', scope: 'all', org: city });
    await account('leader', { role: 'leader', scope: 'all', org: city, person: zhang });
    await account('sysadmin', { role: 'sysadmin', scope: 'all', org: city });
    await account('secadmin', { role: 'secadmin', scope: 'all', org: city });
    await account('auditor', { role: 'auditor', scope: 'all', org: city });
    await account('qsHandler', { role: 'handler', scope: 'subtree', org: qsCounty });
    await account('qsLeader', { role: 'leader', scope: 'subtree', org: qsCounty, person: principal });
    await account('qsSysadmin', { role: 'sysadmin', scope: 'subtree', org: qsCounty });
    handlerId = user('qsHandler').id;
    const sysadmin = await as('sysadmin');
    const qsSysadmin = await as('qsSysadmin');

    // Webhooks: the city's robot, qs's switched off (so the city's is the nearest enabled one), yl's own.
    expect((await sysadmin.request('PUT', '/api/notify/webhooks', { orgId: cityId, url: CITY_HOOK, enabled: true })).statusCode).toBe(200);
    expect(
      (await qsSysadmin.request('PUT', '/api/notify/webhooks', { orgId: qsId, url: 'https://hooks.example.test/qs', enabled: false }))
        .statusCode,
    ).toBe(200);
    expect((await sysadmin.request('PUT', '/api/notify/webhooks', { orgId: ylId, url: YL_HOOK, enabled: true })).statusCode).toBe(200);

    // Two items due 2026-12-20: qs's, handed to its handler with 张三 as lead leader; yl's, not yet handed out.
    const by = user('inspector');
    qsItemId = (
      await buildItem(t, {
        status: 'assigned',
        title: '村卫生室无人坐诊',
        org: qsCounty,
        deadline: '2026-12-20',
        leadLeader: zhang,
        by,
        handler: user('qsHandler'),
      })
    ).id;
    ylItemId = (await buildItem(t, { title: '民俗小镇门可罗雀', org: ylCounty, deadline: '2026-12-20', by })).id;
  });
  afterAll(async () => t?.close());

  it('sends nothing while items are green', async () => {
    expect(await pass()).toEqual({ reminders: 0, notifications: 0, deliveries: 0 });
    expect((await mine('qsHandler')).total).toBe(0);
  });

  it('turning yellow notifies the handler, the org principal and the lead leader once each', async () => {
    setTime('2026-12-14T02:00:00Z'); // 10:00 in Shanghai, six days before the deadline
    const first = await pass();
    // Two items turned yellow; the yl item has no linked recipients but still goes to its webhook.
    expect(first).toEqual({ reminders: 2, notifications: 3, deliveries: 2 });
    for (const c of ['qsHandler', 'qsLeader', 'leader'] as const) {
      const page = await mine(c);
      expect(page.items.map((n) => [n.kind, n.itemId])).toEqual([['yellow', qsItemId]]);
      expect(page.unread).toBe(1);
    }
    expect((await mine('inspector')).total).toBe(0);
    // A second pass (or a second server) at the same time sends nothing again.
    expect(await pass()).toEqual({ reminders: 0, notifications: 0, deliveries: 0 });
    const later = new Date('2026-12-15T02:00:00Z').getTime() - t.clock.now().getTime();
    t.clock.advance(later);
    expect(await pass()).toEqual({ reminders: 0, notifications: 0, deliveries: 0 });
    setTime('2026-12-14T02:00:00Z');
  });

  it('retries a failing webhook with back-off: the city robot fails twice, then delivers', async () => {
    const start = t.clock.now().getTime();
    const city = await deliveryRow(cityId);
    expect(city.payload).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('村卫生室无人坐诊') } });
    expect(await deliver()).toEqual({ delivered: 0, retrying: 2, failed: 0 });
    let row = await deliveryRow(cityId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 200, lastError: 'errcode 45009: api freq out of limit' });
    expect(row.nextAttemptAt?.getTime()).toBe(start + MIN);
    // Not due yet: nothing is sent.
    const before = calls.length;
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(calls.length).toBe(before);
    t.clock.advance(MIN);
    await deliver();
    row = await deliveryRow(cityId);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt?.getTime()).toBe(start + MIN + 5 * MIN);
    t.clock.advance(5 * MIN);
    await deliver();
    row = await deliveryRow(cityId);
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(row.deliveredAt?.getTime()).toBe(start + 6 * MIN);
    expect(calls.filter((c) => c.url === CITY_HOOK).map((c) => c.at - start)).toEqual([0, MIN, 6 * MIN]);
    expect(calls[0]?.body).toEqual(city.payload);
  });

  it('a permanently failing webhook ends failed after 1 min, 5 min, 30 min, 2 h, 12 h and is listed for the sysadmin', async () => {
    const yl = await deliveryRow(ylId);
    expect(yl.attempts).toBe(3);
    for (const wait of [30 * MIN, 120 * MIN, 720 * MIN]) {
      t.clock.advance(wait);
      await deliver();
    }
    const row = await deliveryRow(ylId);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastStatus: 500,
      lastError: 'HTTP 500: upstream down',
      nextAttemptAt: null,
    });
    const ylCalls = calls.filter((c) => c.url === YL_HOOK).map((c) => c.at);
    expect(ylCalls.slice(1).map((at, i) => at - (ylCalls[i] ?? 0))).toEqual([MIN, 5 * MIN, 30 * MIN, 120 * MIN, 720 * MIN]);
    t.clock.advance(24 * 60 * MIN);
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    const sysadmin = await as('sysadmin');
    const qsSysadmin = await as('qsSysadmin');
    const failed = ZDeliveryPage.parse((await sysadmin.request('GET', '/api/notify/deliveries?status=failed')).json());
    expect(failed.items.map((d) => [d.orgName, d.attempts, d.lastError])).toEqual([[ylCounty.name, 6, 'HTTP 500: upstream down']]);
    // qs's system administrator sees only deliveries of its own subtree.
    expect(ZDeliveryPage.parse((await qsSysadmin.request('GET', '/api/notify/deliveries?status=failed')).json()).total).toBe(0);
    expect((await qsSysadmin.request('POST', `/api/notify/deliveries/${row.id}/retry`)).statusCode).toBe(404);
    const retried = await sysadmin.request('POST', `/api/notify/deliveries/${row.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    const delivered = (await sysadmin.request('GET', '/api/notify/deliveries?status=delivered')).json() as { items: { id: number }[] };
    expect((await sysadmin.request('POST', `/api/notify/deliveries/${delivered.items[0]?.id}/retry`)).json().error.field).toBe('status');
  });

  it('turning red notifies again, then every 3 days while red — exactly once per event', async () => {
    setTime('2026-12-21T02:00:00Z');
    expect(await pass()).toMatchObject({ reminders: 2, notifications: 3 });
    expect(await pass()).toEqual({ reminders: 0, notifications: 0, deliveries: 0 });
    setTime('2026-12-23T12:00:00Z');
    expect((await pass()).reminders).toBe(0);
    setTime('2026-12-24T02:00:00Z');
    // Two passes at once (two servers, or a slow pass overlapping the next): the claim lets only one send.
    const [a, b] = await Promise.all([pass(), pass()]);
    expect({ reminders: a.reminders + b.reminders, notifications: a.notifications + b.notifications }).toEqual({
      reminders: 2,
      notifications: 3,
    });
    expect(await pass()).toEqual({ reminders: 0, notifications: 0, deliveries: 0 });
    for (const c of ['qsHandler', 'qsLeader', 'leader'] as const) {
      expect((await mine(c)).items.map((n) => n.kind)).toEqual(['red_again', 'red', 'yellow']);
    }
    const red = (await mine('qsHandler')).items[1];
    expect(red).toMatchObject({ itemId: qsItemId, params: { days: 1, deadline: '2026-12-20' } });
    expect(red?.body).toContain('逾期 1 天');
    // Each reminder queued one message on the item's webhook: yellow, red and red again per org.
    const rows = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, ylId));
    expect(rows).toHaveLength(3);
    expect(ylItemId).toBeGreaterThan(0);
  });

  it('the handler sees the unread count and marks read; nobody else can read or mark it', async () => {
    const handler = await as('qsHandler');
    const qsLeader = await as('qsLeader');
    expect((await handler.request('GET', '/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    const [first] = (await mine('qsHandler')).items;
    if (!first) throw new Error('no notification');
    expect((await qsLeader.request('POST', `/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    const other = await qsLeader.request('GET', '/api/notifications?pageSize=50');
    expect((other.json() as { items: { id: number }[] }).items.some((n) => n.id === first.id)).toBe(false);
    const read = await handler.request('POST', `/api/notifications/${first.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    expect((await handler.request('GET', '/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    expect(
      ZNotificationPage.parse((await handler.request('GET', '/api/notifications?unread=true')).json()).items.map((n) => n.id),
    ).not.toContain(first.id);
    expect((await handler.request('POST', '/api/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await handler.request('GET', '/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    // The others' notifications are untouched.
    expect((await qsLeader.request('GET', '/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    const [row] = await t.database.db.select().from(notifications).where(eq(notifications.id, first.id));
    expect(row?.userId).toBe(handlerId);
    expect((await handler.request('POST', '/api/notifications/999999/read')).statusCode).toBe(404);
  });

  it('webhook routes are for the system administrator, scoped, validated and audited', async () => {
    const sysadmin = await as('sysadmin');
    const qsSysadmin = await as('qsSysadmin');
    for (const c of [await as('qsHandler'), await as('inspector'), await as('leader')]) {
      expect((await c.request('GET', '/api/notify/webhooks')).statusCode).toBe(403);
      expect((await c.request('PUT', '/api/notify/webhooks', { orgId: qsId, url: CITY_HOOK, enabled: true })).statusCode).toBe(403);
      expect((await c.request('GET', '/api/notify/deliveries')).statusCode).toBe(403);
    }
    const secadmin = await as('secadmin');
    expect((await secadmin.request('GET', '/api/notify/webhooks')).statusCode).toBe(403);

    const bad = await sysadmin.request('PUT', '/api/notify/webhooks', { orgId: qsId, url: 'ftp://hooks.example.test/x', enabled: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('url');
    const outside = await qsSysadmin.request('PUT', '/api/notify/webhooks', { orgId: ylId, url: CITY_HOOK, enabled: true });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('orgId');

    const list = (await qsSysadmin.request('GET', '/api/notify/webhooks')).json() as { items: { orgId: number; version: number }[] };
    expect(list.items.map((w) => w.orgId)).toEqual([qsId]);
    const current = list.items[0];
    if (!current) throw new Error('no webhook');
    expect((await qsSysadmin.request('PUT', '/api/notify/webhooks', { orgId: qsId, url: CITY_HOOK, enabled: true })).statusCode).toBe(412);
    const updated = await qsSysadmin.request('PUT', '/api/notify/webhooks', {
      orgId: qsId,
      url: 'https://hooks.example.test/qs2',
      enabled: true,
      version: current.version,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(ZWebhook.parse(updated.json())).toMatchObject({ enabled: true, version: current.version + 1 });
    expect(
      (await qsSysadmin.request('PUT', '/api/notify/webhooks', { orgId: qsId, url: CITY_HOOK, enabled: true, version: current.version }))
        .statusCode,
    ).toBe(412);

    const auditor = await as('auditor');
    const log = (await auditor.request('GET', '/api/audit?action=notify.webhook.update')).json() as {
      items: { detail: Record<string, unknown> }[];
    };
    expect(log.items).toHaveLength(1);
    // The robot key is not written to the audit log.
    expect(JSON.stringify(log.items)).not.toContain('secret');
    expect((await auditor.request('GET', '/api/audit?action=notify.webhook.create')).json().total).toBe(3);
  });

  it('an approved extension gives a new deadline: the item is warned again when that one comes near', async () => {
    // Today is 2026-12-24; a fresh item due 2026-12-29 is yellow at once.
    const inspector = await as('inspector');
    const handler = await as('qsHandler');
    const created = await inspector.request('POST', '/api/ledger/items', {
      title: '延期后再次预警',
      category: 'formalism',
      source: 'supervision',
      orgId: qsId,
      deadline: '2026-12-29',
    });
    let item = created.json() as { id: number; version: number };
    const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
      const res = await c.request('POST', `/api/ledger/items/${item.id}/actions/${action}`, { version: item.version, ...body });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      item = res.json();
    };
    await step(inspector, 'assign', { handlerUserId: handler.userId });
    const yellowFor = async () => (await mine('qsHandler')).items.filter((n) => n.itemId === item.id && n.kind === 'yellow');
    await pass();
    expect(await yellowFor()).toHaveLength(1);
    await step(handler, 'request-extension', { deadline: '2027-02-20', reason: '材料采购周期长' });
    await step(inspector, 'decide-extension', { decision: 'approve' });
    // Green again: nothing to send. Near the new deadline it turns yellow — a second warning, for the new date.
    await pass();
    expect(await yellowFor()).toHaveLength(1);
    setTime('2027-02-15T02:00:00Z');
    await pass();
    const warnings = await yellowFor();
    expect(warnings).toHaveLength(2);
    expect(warnings.map((n) => n.params.deadline)).toEqual(['2027-02-20', '2026-12-29']);
    await pass();
    expect(await yellowFor()).toHaveLength(2);
  });
});
