import { afterEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildUser } from '../support/factories.js';
import type { Config } from '../../src/platform/config.js';

/** Browser security headers on every answer, and Secure cookies behind TLS (security issue, defect 5). */
describe.each(testEngines().slice(0, 1))('security headers and cookies on $name', (engine) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const start = async (overrides: Partial<Config> = {}) => (t = await startTestApp(engine, overrides));

  it('every answer — API, error, unknown route — carries CSP with frame-ancestors, nosniff, a referrer policy and HSTS', async () => {
    const app = await start();
    for (const url of ['/api/health', '/api/orgs', '/api/nope', '/']) {
      const res = await app.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).toContain("object-src 'self'");
      expect(csp, url).not.toContain('unsafe-eval');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
    }
  });

  const loginCookies = async (app: TestApp, headers: Record<string, string> = {}) => {
    const user = await buildUser(app, { role: 'leader', scope: 'all' });
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: user.password },
      headers,
    });
    expect(res.statusCode).toBe(200);
    return res.cookies.filter((c) => c.name.startsWith('shiji_'));
  };

  it('cookies are HttpOnly and SameSite=Strict; Secure over TLS as a trusted proxy says, not as anybody says', async () => {
    const plain = await loginCookies(await start());
    expect(plain.map((c) => [c.name, c.httpOnly, c.sameSite, c.secure ?? false])).toEqual([
      ['shiji_session', true, 'Strict', false],
      ['shiji_device', true, 'Strict', false],
    ]);
    // Without a trusted proxy, a client claiming https is not believed.
    const claimed = await loginCookies(t as TestApp, { 'x-forwarded-proto': 'https' });
    expect(claimed.every((c) => !c.secure)).toBe(true);
    await t?.close();
    const proxied = await start({ trustProxy: '127.0.0.1' });
    const behindTls = await loginCookies(proxied, { 'x-forwarded-proto': 'https' });
    expect(behindTls.every((c) => c.secure === true)).toBe(true);
    await t?.close();
    const forced = await loginCookies(await start({ secureCookies: true }));
    expect(forced.every((c) => c.secure === true)).toBe(true);
  });
});
