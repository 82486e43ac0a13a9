import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/databases.js';
import { login, startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildPerson, buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';
import { ZOrg, ZOrgList, ZPersonPage } from '../../src/modules/org/org.contract.js';

/** The demo city itself (`shiji seed`): these tests are about the demo, so they seed it. */
describe.each(testEngines())('the demo city on $name', (engine) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine, {}, { seed: 'demo' });
    admin = await login(t, 'sysadmin');
  });
  afterAll(async () => t?.close());

  it('the demo city has 13 counties of every zone, departments and about 300 people', async () => {
    const items = ZOrgList.parse((await admin.request('GET', '/api/orgs')).json()).items;
    const counties = items.filter((o) => o.level === 'county');
    expect(counties).toHaveLength(13);
    expect(new Set(counties.map((o) => o.zone))).toEqual(
      new Set(['urban_core', 'agricultural_county', 'ecological_zone', 'development_zone']),
    );
    for (const name of ['市纪委监委', '市委组织部', '市审计局', '市统计局', '市信访局', '市住建局'])
      expect(items.some((o) => o.name === name)).toBe(true);
    expect(items.every((o) => o.isDemo)).toBe(true);
    const people = ZPersonPage.parse((await admin.request('GET', '/api/people?pageSize=1')).json());
    expect(people.total).toBeGreaterThanOrEqual(280);
    expect(people.total).toBeLessThanOrEqual(340);
  });

  it('the demo city leader is linked to the city’s principal cadre', async () => {
    const leader = (
      (await admin.request('GET', '/api/users?q=leader')).json().items as { username: string; personId: number | null }[]
    ).find((u) => u.username === 'leader');
    expect(leader?.personId).not.toBeNull();
  });
});

describe.each(testEngines())('orgs and people on $name', (engine) => {
  let t: TestApp;
  let admin: Client;
  /** A city with two counties (the built tree is all there is). */
  let city: BuiltOrg;
  let qs: BuiltOrg;
  let fg: BuiltOrg;
  let sysadmin: BuiltUser;
  let secadmin: BuiltUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    city = await buildTenant(t);
    qs = await buildOrg(t, { parent: city, zone: 'agricultural_county' });
    fg = await buildOrg(t, { parent: city, zone: 'agricultural_county' });
    sysadmin = await buildUser(t, { role: 'sysadmin', scope: 'all', org: city });
    secadmin = await buildUser(t, { role: 'secadmin', scope: 'all', org: city });
    admin = await loginAs(t, sysadmin);
  });
  afterAll(async () => t?.close());
  const orgById = async (id: number) => ZOrg.parse((await admin.request('GET', `/api/orgs/${id}`)).json());

  it('creates, renames, moves a subtree, refuses cycles, deactivates', async () => {
    const county = await orgById(qs.id);
    const created = await admin.request('POST', '/api/orgs', {
      parentId: qs.id,
      name: '新建镇',
      code: 'QS-99',
      level: 'township',
      zone: 'agricultural_county',
    });
    expect(created.statusCode).toBe(201);
    const town = ZOrg.parse(created.json());
    expect(town.path).toBe(`${county.path}${town.id}/`);
    const village = ZOrg.parse(
      (
        await admin.request('POST', '/api/orgs', { parentId: town.id, name: '新建村', level: 'village', zone: 'agricultural_county' })
      ).json(),
    );
    expect(village.depth).toBe(town.depth + 1);

    const dup = await admin.request('POST', '/api/orgs', {
      parentId: qs.id,
      name: '重复编码',
      code: 'QS-99',
      level: 'township',
      zone: 'agricultural_county',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('code');

    const renamed = await admin.request('PATCH', `/api/orgs/${town.id}`, { name: '新建镇（改）', version: town.version });
    expect(renamed.json().name).toBe('新建镇（改）');
    const stale = await admin.request('PATCH', `/api/orgs/${town.id}`, { name: '过期版本', version: town.version });
    expect(stale.statusCode).toBe(412);

    const other = await orgById(fg.id);
    const moved = await admin.request('POST', `/api/orgs/${town.id}/move`, { parentId: other.id, version: renamed.json().version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`${other.path}${town.id}/`);
    const movedVillage = ZOrg.parse((await admin.request('GET', `/api/orgs/${village.id}`)).json());
    expect(movedVillage.path).toBe(`${other.path}${town.id}/${village.id}/`);
    expect(movedVillage.depth).toBe(other.depth + 2);

    const cycle = await admin.request('POST', `/api/orgs/${town.id}/move`, { parentId: village.id, version: moved.json().version });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('cycle');
    const self = await admin.request('POST', `/api/orgs/${town.id}/move`, { parentId: town.id, version: moved.json().version });
    expect(self.json().error.code).toBe('cycle');

    const blocked = await admin.request('POST', `/api/orgs/${town.id}/deactivate`, { version: moved.json().version });
    expect(blocked.statusCode).toBe(422);
    await admin.request('POST', `/api/orgs/${village.id}/deactivate`, { version: movedVillage.version });
    const off = await admin.request('POST', `/api/orgs/${town.id}/deactivate`, { version: moved.json().version });
    expect(off.json().isActive).toBe(false);
    const active = ZOrgList.parse((await admin.request('GET', '/api/orgs')).json()).items;
    expect(active.some((o) => o.id === town.id)).toBe(false);
  });

  it('finds people by name and by pinyin initials', async () => {
    const town = await buildOrg(t, { parent: qs, level: 'township' });
    await buildPerson(t, { org: qs, name: '张三', position: '县长' });
    await buildPerson(t, { org: qs, name: '王伟', position: '县委书记', isPrincipal: true });
    await buildPerson(t, { org: town, name: '李娜', position: '党委书记', isPrincipal: true });
    const byInitials = ZPersonPage.parse((await admin.request('GET', '/api/people?q=zs')).json());
    expect(byInitials.items.map((p) => p.name)).toContain('张三');
    const byName = ZPersonPage.parse((await admin.request('GET', `/api/people?q=${encodeURIComponent('张三')}`)).json());
    expect(byName.items.map((p) => p.name)).toContain('张三');
    const byPinyin = ZPersonPage.parse((await admin.request('GET', '/api/people?q=zhangsan')).json());
    expect(byPinyin.items.map((p) => p.name)).toContain('张三');
    const principals = ZPersonPage.parse((await admin.request('GET', '/api/people?isPrincipal=true&pageSize=200')).json());
    expect(principals.items.map((p) => p.name)).toEqual(expect.arrayContaining(['王伟', '李娜']));
    expect(principals.items.every((p) => p.isPrincipal)).toBe(true);
    const inCounty = ZPersonPage.parse((await admin.request('GET', `/api/people?orgId=${qs.id}&subtree=false&pageSize=200`)).json());
    expect(inCounty.items.every((p) => p.orgId === qs.id)).toBe(true);
  });

  it('creates and updates a person; the contact is masked and sealed', async () => {
    const org = await buildOrg(t, { parent: city, name: '市审计局', level: 'department', zone: 'agency' });
    const org2 = await buildOrg(t, { parent: city, name: '市统计局', level: 'department', zone: 'agency' });
    const res = await (
      await loginAs(t, await buildUser(t, { role: 'organization', scope: 'all', org: city }))
    ).request('POST', '/api/people', { orgId: org.id, name: '欧阳明', position: '副局长', rank: '副处', contact: '13900001111' });
    expect(res.statusCode).toBe(201);
    const person = res.json();
    expect(person).toMatchObject({ name: '欧阳明', nameInitials: 'oym', contactMasked: '139****1111' });
    const up = await admin.request('PATCH', `/api/people/${person.id}`, { orgId: org2.id, isPrincipal: true, version: person.version });
    expect(up.json()).toMatchObject({ orgName: org2.name, isPrincipal: true, version: person.version + 1 });
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const person = await buildPerson(t, { org: qs });
    // A business account (the sysadmin's to reset) and an administrator's (the secadmin's to change).
    const business = await buildUser(t, { role: 'leader', scope: 'subtree', org: qs });
    const before = ZOrgList.parse((await admin.request('GET', '/api/orgs?includeInactive=true')).json()).items.length;
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/orgs', { parentId: city.id, level: 'township', zone: 'urban_core' }, 'name'],
      ['POST', '/api/orgs', { parentId: city.id, name: 'x'.repeat(101), level: 'township', zone: 'urban_core' }, 'name'],
      ['POST', '/api/orgs', { parentId: 'one', name: '镇', level: 'township', zone: 'urban_core' }, 'parentId'],
      ['POST', '/api/orgs', { parentId: city.id, name: '镇', level: 'hamlet', zone: 'urban_core' }, 'level'],
      ['POST', '/api/orgs', { parentId: city.id, name: '镇', level: 'township', zone: 'moon' }, 'zone'],
      ['POST', '/api/orgs', { parentId: city.id, name: '镇', level: 'township', zone: 'urban_core', admin: true }, 'admin'],
      ['POST', '/api/orgs', { parentId: 999999, name: '镇', level: 'township', zone: 'urban_core' }, 'parentId'],
      ['PATCH', `/api/orgs/${qs.id}`, { name: '改' }, 'version'],
      ['POST', `/api/orgs/${qs.id}/move`, { version: 1 }, 'parentId'],
      ['POST', `/api/orgs/${qs.id}/deactivate`, {}, 'version'],
      ['GET', '/api/orgs/abc', undefined, 'id'],
      ['GET', '/api/orgs?includeInactive=maybe', undefined, 'includeInactive'],
      ['GET', '/api/people?pageSize=1000', undefined, 'pageSize'],
      ['GET', '/api/people?page=0', undefined, 'page'],
      ['GET', '/api/people/-1', undefined, 'id'],
      ['POST', '/api/people', { orgId: city.id, name: '' }, 'name'],
      ['POST', '/api/people', { orgId: city.id, name: '李四', contact: 'call me' }, 'contact'],
      ['POST', '/api/people', { name: '李四' }, 'orgId'],
      ['PATCH', `/api/people/${person.id}`, { isPrincipal: 'yes', version: 1 }, 'isPrincipal'],
      [
        'POST',
        '/api/users',
        { username: 'x', displayName: 'x', orgId: city.id, role: 'handler', scope: 'all', password: 'long-enough-pw' },
        'username',
      ],
      [
        'POST',
        '/api/users',
        { username: 'newbie', displayName: 'x', orgId: city.id, role: 'king', scope: 'all', password: 'long-enough-pw' },
        'role',
      ],
      [
        'POST',
        '/api/users',
        { username: 'newbie', displayName: 'x', orgId: city.id, role: 'handler', scope: 'world', password: 'long-enough-pw' },
        'scope',
      ],
      [
        'POST',
        '/api/users',
        { username: 'newbie', displayName: 'x', orgId: city.id, role: 'handler', scope: 'all', password: 'short' },
        'password',
      ],
      [
        'POST',
        '/api/users',
        { username: sysadmin.username, displayName: 'x', orgId: city.id, role: 'handler', scope: 'all', password: 'long-enough-pw' },
        'username',
      ],
      ['POST', `/api/users/${business.id}/reset-password`, { password: '123456', version: 1 }, 'password'],
      ['PUT', `/api/users/${secadmin.id}/role`, { role: 'handler', version: 1 }, 'scope'],
      ['POST', '/api/auth/tokens', { name: '' }, 'name'],
      ['POST', '/api/auth/password', { currentPassword: 'x' }, 'newPassword'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await admin.request(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(res.json().error.field, `${method} ${url} ${res.body}`).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = ZOrgList.parse((await admin.request('GET', '/api/orgs?includeInactive=true')).json()).items.length;
    expect(after).toBe(before);
  });

  it('answers malformed JSON, wrong content type, huge bodies and unknown routes with JSON errors', async () => {
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_json');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { ...headers, 'content-type': 'application/xml' },
      payload: '<org/>',
    });
    expect(xml.statusCode).toBe(415);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    const none = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toEqual({ code: 'route_not_found', message: 'No such endpoint: GET /api/nothing-here' });
    const anon = await t.app.inject({ method: 'GET', url: '/api/orgs' });
    expect(anon.statusCode).toBe(401);
  });

  it('serves health and an OpenAPI document generated from the schemas', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', db: engine.name });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/orgs'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['parentId', 'name', 'level', 'zone']),
    );
    expect(create.requestBody.content['application/json'].schema.properties.zone.enum).toContain('agricultural_county');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/people/{id}', '/api/auth/login', '/api/audit', '/api/users/{id}/role']),
    );
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('user admin links an account to a cadre in scope (for reminders to principals and lead leaders)', async () => {
    const person = await buildPerson(t, { org: qs });
    const created = await admin.request('POST', '/api/users', {
      username: 'wang.wu',
      displayName: '王五',
      orgId: qs.id,
      role: 'handler',
      scope: 'own',
      password: 'initial-pass-1',
      personId: person.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ personId: person.id, personName: person.name });
    const unlinked = await admin.request('PATCH', `/api/users/${created.json().id}`, { personId: null, version: created.json().version });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json()).toMatchObject({ personId: null, personName: null });
    const bad = await admin.request('PATCH', `/api/users/${created.json().id}`, { personId: 99999999, version: unlinked.json().version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('personId');
  });

  it('user admin: create (must change password), lock/unlock, reset, role by secadmin only', async () => {
    const created = await admin.request('POST', '/api/users', {
      username: 'li.si',
      displayName: '李四',
      orgId: qs.id,
      role: 'handler',
      scope: 'own',
      password: 'initial-pass-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user, created.body).toHaveProperty('mustChangePassword');
    expect(user.mustChangePassword).toBe(true);
    const refusedAdmin = await admin.request('POST', '/api/users', {
      username: 'evil.aud',
      displayName: 'x',
      orgId: qs.id,
      role: 'auditor',
      scope: 'all',
      password: 'initial-pass-1',
    });
    expect(refusedAdmin.statusCode).toBe(403);
    const fresh = await login(t, 'li.si', 'initial-pass-1');
    expect((await fresh.request('GET', '/api/orgs')).json().error.code).toBe('password_expired');

    const locked = await admin.request('POST', `/api/users/${user.id}/lock`, { version: user.version });
    expect(locked.json().isLocked).toBe(true);
    expect((await fresh.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const unlocked = await admin.request('POST', `/api/users/${user.id}/unlock`, { version: locked.json().version });
    expect(unlocked.json().isLocked).toBe(false);

    const byAdmin = await admin.request('PUT', `/api/users/${user.id}/role`, {
      role: 'leader',
      scope: 'subtree',
      version: unlocked.json().version,
    });
    expect(byAdmin.statusCode).toBe(403);
    const sec = await loginAs(t, secadmin);
    const byRole = await sec.request('PUT', `/api/users/${user.id}/role`, {
      role: 'leader',
      scope: 'subtree',
      version: unlocked.json().version,
    });
    expect(byRole.json()).toMatchObject({ role: 'leader', scope: 'subtree' });
    const selfRole = await sec.request('PUT', `/api/users/${sec.userId}/role`, { role: 'auditor', scope: 'all', version: 1 });
    expect(selfRole.statusCode).toBe(403);

    const reset = await admin.request('POST', `/api/users/${user.id}/reset-password`, {
      password: 'reset-pass-2026',
      version: byRole.json().version,
    });
    expect(reset.statusCode).toBe(200);
    expect((await login(t, 'li.si', 'reset-pass-2026')).userId).toBe(user.id);
  });
});
