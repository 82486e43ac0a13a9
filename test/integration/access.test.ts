import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, SCOPES } from '../../src/platform/http.js';
import { can } from '../../src/modules/org/org.policy.js';
import * as repo from '../../src/modules/org/org.repository.js';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildPerson, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

interface OrgLite {
  id: number;
  path: string;
}

describe.each(testEngines())('access matrix on $name', (engine) => {
  let t: TestApp;
  let allOrgs: OrgLite[];
  let home: OrgLite;
  let allPeople: { id: number; orgId: number; name: string }[];
  const clients = new Map<string, Client>();
  /** The city (the tenant's root), and the county every account of the matrix sits in. */
  let city: BuiltOrg;
  let discipline: BuiltUser;

  beforeAll(async () => {
    t = await startTestApp(engine);
    // A city with a department and two counties with townships; people with a contact number in every org.
    city = await buildTenant(t);
    const county = await buildOrg(t, { parent: city });
    const other = await buildOrg(t, { parent: city });
    const tree = [
      city,
      await buildOrg(t, { parent: city, level: 'department', zone: 'agency' }),
      county,
      await buildOrg(t, { parent: county, level: 'township' }),
      await buildOrg(t, { parent: county, level: 'township' }),
      other,
      await buildOrg(t, { parent: other, level: 'township' }),
    ];
    let phone = 13900000000;
    for (const org of tree)
      for (let i = 0; i < 2; i += 1) await buildPerson(t, { org, isPrincipal: i === 0, contact: String((phone += 1)) });
    const admin = await loginAs(t, await buildUser(t, { role: 'sysadmin', scope: 'all', org: city }));
    discipline = await buildUser(t, { role: 'discipline', scope: 'all', org: city });
    allOrgs = (await admin.request('GET', '/api/orgs?includeInactive=true')).json().items;
    const home0 = allOrgs.find((o) => o.id === county.id);
    if (!home0) throw new Error('county missing');
    home = home0;
    allPeople = (await admin.request('GET', '/api/people?pageSize=200&page=1')).json().items;
    allPeople = allPeople.concat((await admin.request('GET', '/api/people?pageSize=200&page=2')).json().items);
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const user = await buildUser(t, { role, scope, org: county, username: `m.${role}.${scope}`, displayName: `${role}/${scope}` });
        clients.set(`${role}.${scope}`, await loginAs(t, user));
      }
    }
  });
  afterAll(async () => t?.close());

  const visible = (scope: string, path: string) =>
    scope === 'all' ? true : scope === 'subtree' ? path.startsWith(home.path) : path === home.path;

  const cases = ROLES.flatMap((role) => SCOPES.map((scope) => [role, scope] as const));

  it.each(cases)('%s with %s scope sees exactly its orgs and people, and nothing else', async (role, scope) => {
    const c = clients.get(`${role}.${scope}`);
    if (!c) throw new Error('no client');
    const orgPath = new Map(allOrgs.map((o) => [o.id, o.path]));

    // Org list and fetch by id.
    const list = await c.request('GET', '/api/orgs?includeInactive=true');
    if (!can(role, 'org.read')) {
      expect(list.statusCode).toBe(403);
    } else {
      const ids = list
        .json()
        .items.map((o: OrgLite) => o.id)
        .sort((a: number, b: number) => a - b);
      const expected = allOrgs
        .filter((o) => visible(scope, o.path))
        .map((o) => o.id)
        .sort((a, b) => a - b);
      expect(ids).toEqual(expected);
      for (const org of allOrgs) {
        const res = await c.request('GET', `/api/orgs/${org.id}`);
        expect(res.statusCode).toBe(visible(scope, org.path) ? 200 : 404);
      }
    }

    // People list (every page), fetch by id and contact.
    const firstPage = await c.request('GET', '/api/people?pageSize=200');
    if (!can(role, 'person.read')) {
      expect(firstPage.statusCode).toBe(403);
    } else {
      const body = firstPage.json();
      const expectedPeople = allPeople.filter((p) => visible(scope, orgPath.get(p.orgId) ?? ''));
      expect(body.total).toBe(expectedPeople.length);
      for (const p of body.items) expect(visible(scope, orgPath.get(p.orgId) ?? '')).toBe(true);
      const outside = allPeople.find((p) => !visible(scope, orgPath.get(p.orgId) ?? ''));
      const inside = expectedPeople[0];
      if (outside) {
        const res = await c.request('GET', `/api/people/${outside.id}`);
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain(outside.name);
        const contact = await c.request('GET', `/api/people/${outside.id}/contact`);
        expect(contact.statusCode).toBe(can(role, 'person.contact') ? 404 : 403);
      }
      if (inside) expect((await c.request('GET', `/api/people/${inside.id}`)).statusCode).toBe(200);
      // Filtering by an org outside the scope answers 404 rather than its people.
      const foreignOrg = allOrgs.find((o) => !visible(scope, o.path));
      if (foreignOrg) expect((await c.request('GET', `/api/people?orgId=${foreignOrg.id}`)).statusCode).toBe(404);
    }

    // Writes: without the permission 403; with it, an out-of-scope target is 404 or a refused field.
    const foreign = allOrgs.find((o) => !visible(scope, o.path) && o.path !== city.path);
    const rename = await c.request('PATCH', `/api/orgs/${foreign?.id ?? home.id}`, { name: '改名', version: 1 });
    if (!can(role, 'org.write')) expect(rename.statusCode).toBe(403);
    else if (foreign) expect(rename.statusCode).toBe(404);
    if (foreign) {
      const create = await c.request('POST', '/api/orgs', {
        parentId: foreign.id,
        name: '越权新建',
        level: 'township',
        zone: 'urban_core',
      });
      expect(create.statusCode).toBe(can(role, 'org.write') ? 400 : 403);
      const person = await c.request('POST', '/api/people', { orgId: foreign.id, name: '越权' });
      expect(person.statusCode).toBe(can(role, 'person.write') ? 400 : 403);
      if (can(role, 'person.write')) expect(person.json().error.field).toBe('orgId');
    }
    // Nobody grants more than they hold: a city-wide account minted in the county only by a city-wide sysadmin.
    const mint = await c.request('POST', '/api/users', {
      username: `mint.${role}.${scope}`,
      displayName: '越权',
      orgId: home.id,
      role: 'leader',
      scope: 'all',
      password: 'a-long-new-passphrase',
    });
    expect(mint.statusCode, mint.body).toBe(role === 'sysadmin' && scope === 'all' ? 201 : 403);
    // 三员分立: the system administrator reads no ledger item; every business role reads its scope.
    expect((await c.request('GET', '/api/ledger/items')).statusCode).toBe(can(role, 'ledger.read') ? 200 : 403);
    const users = await c.request('GET', '/api/users?pageSize=200');
    expect(users.statusCode).toBe(can(role, 'user.read') ? 200 : 403);
    const audit = await c.request('GET', '/api/audit');
    expect(audit.statusCode).toBe(role === 'auditor' ? 200 : 403);
  });

  it('a contact read is audited and answers the decrypted number', async () => {
    const c = await loginAs(t, discipline);
    const person = allPeople[0];
    if (!person) throw new Error('no people');
    const res = await c.request('GET', `/api/people/${person.id}/contact`);
    expect(res.statusCode).toBe(200);
    expect(res.json().contact).toMatch(/^1\d{10}$/);
    const stored = await repo.findPersonById(t.deps.database.db, person.id);
    expect(stored?.contactSealed).not.toContain(res.json().contact);
    const auditor = await loginAs(t, await buildUser(t, { role: 'auditor', scope: 'all', org: city }));
    const log = (await auditor.request('GET', '/api/audit?action=person.contact.read')).json();
    expect(
      log.items.some(
        (r: { targetId: string; actorName: string }) => r.targetId === String(person.id) && r.actorName === discipline.username,
      ),
    ).toBe(true);
  });
});
