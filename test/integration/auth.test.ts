import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/databases.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { buildTenant, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

describe.each(testEngines())('auth on $name', (engine) => {
  let t: TestApp;
  let city: BuiltOrg;
  /** One account per role, city-wide. */
  let sysadmin: BuiltUser;
  let secadmin: BuiltUser;
  let auditor: BuiltUser;
  let leader: BuiltUser;
  let inspector: BuiltUser;
  let deputy: BuiltUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    city = await buildTenant(t);
    const cityWide = (role: BuiltUser['role']) => buildUser(t, { role, scope: 'all', org: city });
    sysadmin = await cityWide('sysadmin');
    secadmin = await cityWide('secadmin');
    auditor = await cityWide('auditor');
    leader = await cityWide('leader');
    inspector = await cityWide('inspector');
    deputy = await cityWide('deputy');
  });
  afterAll(async () => t?.close());

  const loginRaw = (username: string, password: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: cookie ? { cookie } : {} });

  it('logs in, sets an HttpOnly SameSite=Strict session cookie and answers me', async () => {
    const res = await loginRaw(sysadmin.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'shiji_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(Buffer.from(cookie?.value ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `shiji_session=${cookie?.value}` } });
    expect(me.json().user.username).toBe(sysadmin.username);
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('refuses a wrong password with 401 in the caller’s language', async () => {
    const zh = await loginRaw(leader.username, 'wrong-password');
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toEqual({ code: 'invalid_credentials', message: '用户名或密码错误' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('five failures from one client make that client wait, longer each time; other clients and the owner’s trusted device still get in; the wait is audited and told to the secadmin', async () => {
    const stranger = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: inspector.username, password },
        remoteAddress: '203.0.113.9',
      });
    const owner = await loginRaw(inspector.username, PASSWORD);
    const device = owner.cookies.find((c) => c.name === 'shiji_device');
    expect(device).toBeDefined();
    for (let i = 0; i < 4; i += 1) expect((await stranger('bad-guess')).statusCode).toBe(401);
    const fifth = await stranger('bad-guess');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('login_throttled');
    expect(fifth.json().error.message).toContain('1 分钟');
    expect(fifth.headers['retry-after']).toBe('60');
    // The stranger waits even with the right password…
    expect((await stranger(PASSWORD)).statusCode).toBe(429);
    // …but nobody else does: another address, and the owner's browser holding its device cookie.
    expect((await loginRaw(inspector.username, PASSWORD)).statusCode).toBe(200);
    expect((await loginRaw(inspector.username, PASSWORD, `shiji_device=${device?.value}`)).statusCode).toBe(200);
    // Each further guess doubles the stranger's wait.
    t.clock.advance(61_000);
    const sixth = await stranger('bad-guess');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe('120');
    t.clock.advance(121_000);
    expect((await stranger(PASSWORD)).statusCode).toBe(200);

    // Both waits are in the audit chain, and the security administrator was told of each.
    const audit = await loginAs(t, auditor);
    const waits = (await audit.request('GET', '/api/audit?action=auth.throttle')).json().items as {
      ip: string;
      detail: { failures: number; minutes: number };
    }[];
    expect(waits.map((w) => [w.ip, w.detail.failures, w.detail.minutes])).toEqual([
      ['203.0.113.9', 6, 2],
      ['203.0.113.9', 5, 1],
    ]);
    const sec = await loginAs(t, secadmin);
    const notices = (await sec.request('GET', '/api/notifications')).json().items as {
      kind: string;
      params: { username: string; client: string };
    }[];
    expect(notices.filter((n) => n.kind === 'login_locked').map((n) => [n.params.username, n.params.client])).toEqual([
      [inspector.username, '203.0.113.9'],
      [inspector.username, '203.0.113.9'],
    ]);
    // Nobody else is told.
    const other = await loginAs(t, leader);
    expect(
      ((await other.request('GET', '/api/notifications')).json().items as { kind: string }[]).some((n) => n.kind === 'login_locked'),
    ).toBe(false);
  });

  it('refuses a cookie mutation without the CSRF header, accepts it with', async () => {
    const c = await loginAs(t, sysadmin);
    const body = { parentId: city.id, name: 'CSRF测试镇', level: 'township', zone: 'urban_core' };
    const without = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: c.cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(32) },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    expect((await c.request('POST', '/api/orgs', body)).statusCode).toBe(201);
  });

  it('expires a session after 30 idle minutes and after 12 hours in all', async () => {
    const c = await loginAs(t, leader);
    t.clock.advance(29 * 60_000);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await c.request('GET', '/api/auth/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('session_expired');

    const d = await loginAs(t, leader);
    for (let i = 0; i < 25; i += 1) {
      t.clock.advance(29 * 60_000);
      const res = await d.request('GET', '/api/auth/me');
      if (i < 24) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('logout ends the session', async () => {
    const c = await loginAs(t, deputy);
    expect((await c.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('disabling a user ends their sessions and refuses their login', async () => {
    const handler = await buildUser(t, { role: 'handler', scope: 'all', org: city });
    const victim = await loginAs(t, handler);
    const admin = await loginAs(t, sysadmin);
    const user = (await admin.request('GET', `/api/users/${victim.userId}`)).json();
    expect((await admin.request('POST', `/api/users/${victim.userId}/disable`, { version: user.version })).statusCode).toBe(200);
    expect((await victim.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await loginRaw(handler.username, PASSWORD)).json().error.code).toBe('account_disabled');
    const again = (await admin.request('GET', `/api/users/${victim.userId}`)).json();
    await admin.request('POST', `/api/users/${victim.userId}/enable`, { version: again.version });
    expect((await loginRaw(handler.username, PASSWORD)).statusCode).toBe(200);
  });

  it('changes the password under the policy; the old one stops working', async () => {
    const organization = await buildUser(t, { role: 'organization', scope: 'all', org: city });
    const c = await loginAs(t, organization);
    const weak = await c.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'password1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'weak_password', field: 'newPassword' });
    const wrongCurrent = await c.request('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'a-long-new-passphrase' });
    expect(wrongCurrent.json().error).toMatchObject({ code: 'validation', field: 'currentPassword' });
    expect(
      (await c.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-long-new-passphrase' })).statusCode,
    ).toBe(200);
    expect((await loginRaw(organization.username, PASSWORD)).statusCode).toBe(401);
    expect((await loginRaw(organization.username, 'a-long-new-passphrase')).statusCode).toBe(200);
  });

  it('API tokens: shown once, work as Bearer without CSRF, stop working when revoked', async () => {
    const c = await loginAs(t, secadmin);
    const created = await c.request('POST', '/api/auth/tokens', { name: '数据交换' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const list = (await c.request('GET', '/api/auth/tokens')).json();
    expect(JSON.stringify(list)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/security/settings', headers: bearer })).statusCode).toBe(200);
    expect((await c.request('DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/security/settings', headers: bearer })).statusCode).toBe(401);
  });
  it('the secadmin changes the lockout and session limits; others may not; stale versions are refused', async () => {
    const sec = await loginAs(t, secadmin);
    const current = (await sec.request('GET', '/api/security/settings')).json();
    expect(current).toMatchObject({ lockoutThreshold: 5, lockoutMinutes: 15, sessionIdleMinutes: 30, version: 0 });
    const admin = await loginAs(t, sysadmin);
    expect((await admin.request('PUT', '/api/security/settings', { lockoutThreshold: 3, version: 0 })).statusCode).toBe(403);
    const bad = await sec.request('PUT', '/api/security/settings', { lockoutThreshold: 1, version: 0 });
    expect(bad.json().error).toMatchObject({ code: 'validation', field: 'lockoutThreshold' });
    const saved = await sec.request('PUT', '/api/security/settings', { lockoutThreshold: 3, sessionIdleMinutes: 10, version: 0 });
    expect(saved.json()).toMatchObject({ lockoutThreshold: 3, sessionIdleMinutes: 10, lockoutMinutes: 15, version: 1 });
    expect((await sec.request('PUT', '/api/security/settings', { lockoutThreshold: 4, version: 0 })).statusCode).toBe(412);

    for (let i = 0; i < 2; i += 1) expect((await loginRaw(deputy.username, 'bad-guess')).statusCode).toBe(401);
    expect((await loginRaw(deputy.username, 'bad-guess')).statusCode).toBe(429);
    const c = await loginAs(t, leader);
    t.clock.advance(11 * 60_000);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);

    // The secadmin's own session idled out too; a new one restores the defaults.
    expect((await sec.request('GET', '/api/security/settings')).statusCode).toBe(401);
    const sec2 = await loginAs(t, secadmin);
    const restored = await sec2.request('PUT', '/api/security/settings', { lockoutThreshold: 5, sessionIdleMinutes: 30, version: 1 });
    expect(restored.statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    const audit = await loginAs(t, auditor);
    const log = (await audit.request('GET', '/api/audit?action=security.update')).json();
    expect(log.total).toBe(2);
  });
});

describe('mlps3 profile', () => {
  const engine = testEngines()[0];
  if (!engine) throw new Error('no engine');
  it('enforces three character classes and 90-day rotation', async () => {
    const t = await startTestApp(engine, { profile: 'mlps3' });
    try {
      const city = await buildTenant(t);
      const c = await loginAs(t, await buildUser(t, { role: 'sysadmin', scope: 'all', org: city }));
      // Its password is set now: 91 days on it has expired.
      const leader = await buildUser(t, { role: 'leader', scope: 'all', org: city });
      const settings = (await loginAs(t, await buildUser(t, { role: 'secadmin', scope: 'all', org: city }))).request(
        'GET',
        '/api/security/settings',
      );
      expect((await settings).json()).toMatchObject({ profile: 'mlps3', passwordRequiresClasses: 3, passwordMaxAgeDays: 90 });
      const weak = await c.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'onlylowercase' });
      expect(weak.json().error).toMatchObject({ code: 'weak_password', field: 'newPassword' });
      t.clock.advance(91 * 86_400_000);
      const fresh = await loginAs(t, leader);
      const blocked = await fresh.request('GET', '/api/orgs');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('password_expired');
      expect((await fresh.request('GET', '/api/auth/me')).json().user.passwordExpired).toBe(true);
      expect(
        (await fresh.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'New-Passw0rd-2027' })).statusCode,
      ).toBe(200);
      expect((await fresh.request('GET', '/api/orgs')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
