import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZUser } from '../../src/modules/org/org.contract.js';
import { testEngines } from '../support/databases.js';
import { login, PASSWORD, startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

/**
 * Accounts: nobody grants more than they hold (security issue, defect 1), 三员分立 between the three
 * administrators (defect 2), and the system administrator reads no business data (defect 3).
 */
describe.each(testEngines())('accounts and 三员分立 on $name', (engine) => {
  let t: TestApp;
  let city: BuiltOrg;
  let countyA: BuiltOrg;
  let countyB: BuiltOrg;
  let townA: BuiltOrg;
  const as = new Map<string, Client>();
  const users = new Map<string, BuiltUser>();

  const userRow = async (id: number) => ZUser.parse((await client('citySec').request('GET', `/api/users/${id}`)).json());
  const client = (name: string) => {
    const c = as.get(name);
    if (!c) throw new Error(`no client ${name}`);
    return c;
  };
  const user = (name: string) => {
    const u = users.get(name);
    if (!u) throw new Error(`no user ${name}`);
    return u;
  };
  const deniedAudit = async (action: string, targetId: number | null) => {
    const rows = (await client('reader').request('GET', `/api/audit?action=${action}&outcome=denied&pageSize=200`)).json().items as {
      targetId: string | null;
    }[];
    return rows.filter((r) => r.targetId === (targetId === null ? null : String(targetId))).length;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    city = await buildTenant(t);
    countyA = await buildOrg(t, { parent: city });
    countyB = await buildOrg(t, { parent: city });
    townA = await buildOrg(t, { parent: countyA, level: 'township' });
    const specs: [string, Parameters<typeof buildUser>[1]][] = [
      ['citySys', { role: 'sysadmin', scope: 'all', org: city }],
      ['citySec', { role: 'secadmin', scope: 'all', org: city }],
      ['citySec2', { role: 'secadmin', scope: 'all', org: city }],
      ['cityAud', { role: 'auditor', scope: 'all', org: city }],
      // Reads the audit log; never the target of an act.
      ['reader', { role: 'auditor', scope: 'all', org: city }],
      ['aSys', { role: 'sysadmin', scope: 'subtree', org: countyA }],
      ['aSec', { role: 'secadmin', scope: 'subtree', org: countyA }],
      ['aHandler', { role: 'handler', scope: 'own', org: townA }],
      ['bLeader', { role: 'leader', scope: 'subtree', org: countyB }],
      // A city-wide account placed in county A's tree: county A's administrators must not be able to take it over.
      ['wideLeader', { role: 'leader', scope: 'all', org: townA }],
    ];
    for (const [name, spec] of specs) {
      const u = await buildUser(t, spec);
      users.set(name, u);
      as.set(name, await loginAs(t, u));
    }
  });
  afterAll(async () => t?.close());

  describe('defect 1: nobody grants more than they hold', () => {
    it('a county sysadmin cannot mint a city-wide user in the county; nothing is written and the refusal is audited', async () => {
      const body = {
        username: 'escalated',
        displayName: '越权用户',
        orgId: townA.id,
        role: 'leader',
        scope: 'all',
        password: 'a-long-new-passphrase',
      };
      const res = await client('aSys').request('POST', '/api/users', body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden', field: 'scope' });
      expect(res.json().error.message).toContain('超出');
      const list = (await client('citySys').request('GET', '/api/users?q=escalated')).json();
      expect(list.total).toBe(0);
      expect(await deniedAudit('user.create', null)).toBeGreaterThanOrEqual(1);
    });

    it('a county sysadmin creates county users up to the county subtree, and none in another county', async () => {
      const ok = await client('aSys').request('POST', '/api/users', {
        username: 'a.leader2',
        displayName: '县领导二',
        orgId: countyA.id,
        role: 'leader',
        scope: 'subtree',
        password: 'a-long-new-passphrase',
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ role: 'leader', scope: 'subtree', orgId: countyA.id });
      const elsewhere = await client('aSys').request('POST', '/api/users', {
        username: 'b.handler2',
        displayName: '外县',
        orgId: countyB.id,
        role: 'handler',
        scope: 'own',
        password: 'a-long-new-passphrase',
      });
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error.field).toBe('orgId');
      // An own-scope account cannot be given a subtree, nor created by anyone but an administrator.
      const byLeader = await client('bLeader').request('POST', '/api/users', {
        username: 'x.y',
        displayName: 'x',
        orgId: countyB.id,
        role: 'handler',
        scope: 'own',
        password: 'a-long-new-passphrase',
      });
      expect(byLeader.statusCode).toBe(403);
    });

    it('a county administrator cannot take over a wider account placed in the county, nor move an account out of the county', async () => {
      const wide = user('wideLeader');
      const row = await userRow(wide.id);
      const seen = ZUser.parse((await client('aSys').request('GET', `/api/users/${wide.id}`)).json());
      expect(seen.acts).toEqual([]);
      for (const [method, url, body] of [
        ['POST', `/api/users/${wide.id}/reset-password`, { password: 'taken-over-passphrase', version: row.version }],
        ['POST', `/api/users/${wide.id}/lock`, { version: row.version }],
        ['POST', `/api/users/${wide.id}/disable`, { version: row.version }],
        ['PATCH', `/api/users/${wide.id}`, { displayName: '改名', version: row.version }],
      ] as const) {
        const res = await client('aSys').request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.field).toBe('scope');
      }
      expect(
        (await client('aSec').request('PUT', `/api/users/${wide.id}/role`, { role: 'leader', scope: 'own', version: row.version }))
          .statusCode,
      ).toBe(403);
      expect((await login(t, wide.username, PASSWORD)).userId).toBe(wide.id);

      const handler = user('aHandler');
      const moved = await client('aSys').request('PATCH', `/api/users/${handler.id}`, {
        orgId: city.id,
        version: (await userRow(handler.id)).version,
      });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.field).toBe('orgId');
      const widened = await client('aSec').request('PUT', `/api/users/${handler.id}/role`, {
        role: 'handler',
        scope: 'all',
        version: (await userRow(handler.id)).version,
      });
      expect(widened.statusCode).toBe(403);
      expect(widened.json().error.field).toBe('scope');
      const within = await client('aSec').request('PUT', `/api/users/${handler.id}/role`, {
        role: 'handler',
        scope: 'subtree',
        version: (await userRow(handler.id)).version,
      });
      expect(within.statusCode).toBe(200);
      expect((await userRow(handler.id)).scope).toBe('subtree');
    });
  });

  describe('defect 2: 三员分立 — the three administrators’ accounts are the security administrator’s alone', () => {
    const acts = ['lock', 'unlock', 'disable', 'enable', 'reset-password', 'set-role'] as const;
    const attempt = async (actor: string, target: string, act: (typeof acts)[number]) => {
      const u = user(target);
      const version = (await userRow(u.id)).version;
      const c = client(actor);
      if (act === 'set-role') return c.request('PUT', `/api/users/${u.id}/role`, { role: u.role, scope: u.scope, version });
      if (act === 'reset-password')
        return c.request('POST', `/api/users/${u.id}/reset-password`, { password: 'a-reset-passphrase-9', version });
      return c.request('POST', `/api/users/${u.id}/${act}`, { version });
    };

    it('the sysadmin and the auditor can do nothing to the three admin accounts; each refusal is audited', async () => {
      for (const actor of ['citySys', 'cityAud']) {
        for (const target of ['citySys', 'citySec', 'cityAud', 'citySec2']) {
          for (const act of acts) {
            const res = await attempt(actor, target, act);
            expect(res.statusCode, `${actor} ${act} ${target}`).toBe(403);
          }
        }
      }
      // The probe's path: reset the auditor's password, then read the audit log as the auditor. Refused, and the auditor's password still works.
      expect(await deniedAudit('user.reset-password', user('cityAud').id)).toBeGreaterThanOrEqual(1);
      expect((await login(t, user('cityAud').username, PASSWORD)).userId).toBe(user('cityAud').id);
    });

    it('the security administrator locks, unlocks, disables, enables, resets and sets the role of the other two; a second one does the first one’s', async () => {
      for (const target of ['cityAud', 'citySys']) {
        for (const act of acts) expect((await attempt('citySec', target, act)).statusCode, `citySec ${act} ${target}`).toBe(200);
        expect((await userRow(user(target).id)).mustChangePassword).toBe(true);
      }
      for (const act of acts) expect((await attempt('citySec', 'citySec', act)).statusCode, `citySec ${act} self`).toBe(403);
      const own = await attempt('citySec', 'citySec', 'reset-password');
      expect(own.json().error.message).toContain('自己');
      // The second security administrator resets the first one's password (the first one's session ends with it).
      expect((await attempt('citySec2', 'citySec', 'reset-password')).statusCode).toBe(200);
      expect((await client('citySec').request('GET', '/api/auth/me')).statusCode).toBe(401);
      const rows = (await client('reader').request('GET', '/api/audit?action=user.password.reset&outcome=success&pageSize=50')).json()
        .items as { actorName: string; targetId: string }[];
      expect(rows.some((r) => r.actorName === user('citySec2').username && r.targetId === String(user('citySec').id))).toBe(true);
    });
  });

  describe('defect 3: the system administrator manages the system, not its content', () => {
    it('the sysadmin reads no ledger item, export or contact number, but keeps orgs, users and health', async () => {
      const leader = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'all', org: city }));
      const created = await leader.request('POST', '/api/ledger/items', {
        title: '三员分立检查',
        category: 'formalism',
        source: 'self_inspection',
        orgId: countyB.id,
      });
      expect(created.statusCode).toBe(201);
      const organization = await loginAs(t, await buildUser(t, { role: 'organization', scope: 'all', org: city }));
      const person = await organization.request('POST', '/api/people', { orgId: countyB.id, name: '联系人', contact: '13800001111' });
      expect(person.statusCode).toBe(201);
      expect((await organization.request('GET', `/api/people/${person.json().id}/contact`)).json().contact).toBe('13800001111');
      const sys = await loginAs(t, await buildUser(t, { role: 'sysadmin', scope: 'all', org: city }));
      expect((await sys.request('GET', '/api/ledger/items')).statusCode).toBe(403);
      expect((await sys.request('GET', `/api/ledger/items/${created.json().id}`)).statusCode).toBe(404);
      expect((await sys.request('GET', '/api/ledger/export.xlsx')).statusCode).toBe(403);
      expect((await sys.request('GET', '/api/ledger/stats')).statusCode).toBe(403);
      expect((await sys.request('GET', `/api/people/${person.json().id}/contact`)).statusCode).toBe(403);
      const me = (await sys.request('GET', '/api/auth/me')).json();
      expect(me.user.permissions).not.toContain('ledger.read');
      expect(me.user.permissions).not.toContain('person.contact');
      for (const url of ['/api/orgs', '/api/users', '/api/health']) expect((await sys.request('GET', url)).statusCode, url).toBe(200);
    });
  });
});
