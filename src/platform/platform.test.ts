import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson, chainText } from './audit.js';
import { createCryptoProvider, hashPassword, verifyPassword } from './crypto.js';
import { AppError } from './errors.js';
import { zodToAppError } from './http.js';
import { localeFrom, translate } from './i18n.js';

describe('crypto providers', () => {
  const key = '0f'.repeat(32);
  it.each(['sm', 'intl'] as const)('%s: encrypts, decrypts and detects tampering', (profile) => {
    const c = createCryptoProvider(profile, key);
    const sealed = c.encrypt('13812345678');
    expect(sealed).not.toContain('13812345678');
    expect(c.decrypt(sealed)).toBe('13812345678');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[2] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64');
    expect(() => c.decrypt(parts.join(':'))).toThrow();
  });
  it('hashes with SM3 by default and SHA-256 under intl', () => {
    // SM3("abc") from GB/T 32905-2016, appendix A.
    expect(createCryptoProvider('sm', key).hash('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createCryptoProvider('intl', key).hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('scrypt password hashes verify only the right password', async () => {
    const stored = await hashPassword('正确的密码 horse');
    expect(stored.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码 horse', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
  });
});

describe('audit canonical form', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('changes when any field changes', () => {
    const row = {
      seq: 1,
      at: new Date(0),
      actorId: 1,
      actorName: 'a',
      action: 'x',
      targetType: null,
      targetId: null,
      ip: null,
      outcome: 'success',
      detail: {},
      prevHash: '0',
    };
    expect(chainText(row)).not.toBe(chainText({ ...row, outcome: 'failure' }));
    expect(chainText(row)).not.toBe(chainText({ ...row, detail: { k: 1 } }));
  });
});

describe('errors and i18n', () => {
  it('picks the locale from Accept-Language, zh-CN by default', () => {
    expect(localeFrom(undefined)).toBe('zh-CN');
    expect(localeFrom('en-US,en;q=0.9')).toBe('en-US');
    expect(localeFrom('fr-FR, en;q=0.5')).toBe('en-US');
    expect(localeFrom('de')).toBe('zh-CN');
    expect(localeFrom('en;q=0.4, zh-CN;q=0.8')).toBe('zh-CN');
  });
  it('names the field in both languages', () => {
    const schema = z.strictObject({ name: z.string().min(1).max(5), level: z.enum(['city', 'county']) });
    const cases: [unknown, string, RegExp, RegExp][] = [
      [{ level: 'city' }, 'name', /必填/, /required/],
      [{ name: 'toolongname', level: 'city' }, 'name', /不能超过 5/, /at most 5/],
      [{ name: 'ok', level: 'town' }, 'level', /city, county/, /one of: city, county/],
      [{ name: 'ok', level: 'city', extra: 1 }, 'extra', /未知字段/, /unknown field/],
      [{ name: 3, level: 'city' }, 'name', /应为 文本/, /expected text/],
    ];
    for (const [input, field, zh, en] of cases) {
      const result = schema.safeParse(input);
      if (result.success) throw new Error('expected failure');
      const error = zodToAppError(result.error, input);
      expect(error.field).toBe(field);
      expect(error.toBody('zh-CN').error.message).toMatch(zh);
      expect(error.toBody('en-US').error.message).toMatch(en);
      expect(error.status).toBe(400);
    }
  });
  it('every error code has both translations', () => {
    for (const code of ['validation', 'not_found', 'csrf', 'account_locked', 'version_conflict', 'cycle'] as const) {
      const e = new AppError(code, { entity: 'entity.org', minutes: 3 });
      expect(translate('zh-CN', `error.${code}`)).not.toBe(`error.${code}`);
      expect(e.toBody('en-US').error.message).not.toMatch(/^error\./);
    }
  });
});

describe('cookie and content-disposition as the Fastify plugins load them (pinned by overrides to versions that accept Node 20)', () => {
  it('content-disposition loads through require() as @fastify/static does, and encodes Chinese file names', async () => {
    const { createRequire } = await import('node:module');
    const staticRequire = createRequire(createRequire(import.meta.url).resolve('@fastify/static'));
    const { create } = staticRequire('content-disposition') as { create: (name: string) => string };
    expect(create('台账 2026.xlsx')).toBe(`attachment; filename="?? 2026.xlsx"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6%202026.xlsx`);
  });
  it('cookie parses and serialises as @fastify/cookie uses it', async () => {
    const { createRequire } = await import('node:module');
    const cookieRequire = createRequire(createRequire(import.meta.url).resolve('@fastify/cookie'));
    const cookie = cookieRequire('cookie') as {
      parse?: (s: string) => Record<string, string>;
      parseCookie?: (s: string) => Record<string, string>;
    };
    const parse = cookie.parseCookie ?? cookie.parse;
    expect(parse?.('shiji_session=abc; shiji_device=1.x.y')).toEqual({ shiji_session: 'abc', shiji_device: '1.x.y' });
  });
  it('@fastify/static sends a download with a Chinese file name', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { default: Fastify } = await import('fastify');
    const { default: fastifyStatic } = await import('@fastify/static');
    const root = await mkdtemp(join(tmpdir(), 'shiji-static-'));
    const app = Fastify();
    try {
      await writeFile(join(root, '整改台账 2026.csv'), '序号,问题\n1,示例\n');
      await app.register(fastifyStatic, { root, serve: false });
      app.get('/download', (_req, reply) => reply.download('整改台账 2026.csv'));
      const res = await app.inject({ method: 'GET', url: '/download' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="???? 2026.csv"; filename*=UTF-8''${encodeURIComponent('整改台账 2026.csv')}`,
      );
      expect(res.body).toBe('序号,问题\n1,示例\n');
    } finally {
      await app.close();
      await rm(root, { recursive: true, force: true });
    }
  });
  it('@fastify/cookie sets, reads and clears cookies through Fastify and inject()', async () => {
    const { default: Fastify } = await import('fastify');
    const { default: cookie } = await import('@fastify/cookie');
    const app = Fastify();
    try {
      await app.register(cookie);
      app.get('/set', (_req, reply) =>
        reply
          .setCookie('shiji_session', 'tok_-AZ09', { httpOnly: true, sameSite: 'strict', secure: true, path: '/', maxAge: 3600 })
          .setCookie('note', '整改 ok;', { path: '/' })
          .send({ ok: true }),
      );
      app.get('/read', (req) => ({ cookies: req.cookies }));
      app.get('/clear', (_req, reply) => reply.clearCookie('shiji_session', { path: '/' }).send({ ok: true }));

      const set = await app.inject({ method: 'GET', url: '/set' });
      const header = set.headers['set-cookie'] as string[];
      expect(header[0]).toBe('shiji_session=tok_-AZ09; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Strict');
      expect(header[1]).toBe(`note=${encodeURIComponent('整改 ok;')}; Path=/; SameSite=Lax`);
      const session = set.cookies.find((c) => c.name === 'shiji_session');
      expect(session).toMatchObject({ value: 'tok_-AZ09', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: 3600, path: '/' });
      expect(set.cookies.find((c) => c.name === 'note')?.value).toBe('整改 ok;');

      const byHeader = await app.inject({
        method: 'GET',
        url: '/read',
        headers: { cookie: header.map((h) => h.split(';')[0]).join('; ') },
      });
      expect(byHeader.json()).toEqual({ cookies: { shiji_session: 'tok_-AZ09', note: '整改 ok;' } });
      const byOption = await app.inject({ method: 'GET', url: '/read', cookies: { shiji_session: 'tok_-AZ09', shiji_device: '1.x.y' } });
      expect(byOption.json()).toEqual({ cookies: { shiji_session: 'tok_-AZ09', shiji_device: '1.x.y' } });

      const cleared = await app.inject({ method: 'GET', url: '/clear' });
      expect(cleared.headers['set-cookie']).toBe('shiji_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax');
    } finally {
      await app.close();
    }
  });
});
