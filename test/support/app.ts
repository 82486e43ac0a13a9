import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { AppDeps } from '../../src/platform/context.js';
import { createCryptoProvider } from '../../src/platform/crypto.js';
import type { Database } from '../../src/platform/db.js';
import { seedDemo } from '../../src/modules/org/org.seed.js';
import type { TestEngine } from './databases.js';

/** The password of the demo accounts (when seeded) and of the accounts the factories build. */
export const PASSWORD = 'Demo-pass-2026';

/** A controllable clock. */
export interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

/** A clock starting at a fixed instant, moved only by `advance`. */
export function fakeClock(start = new Date('2026-12-01T08:00:00.000Z')): FakeClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

/** A running test app over a fresh database. */
export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: FakeClock;
  database: Database;
  close(): Promise<void>;
}

/**
 * Builds the app on a fresh, empty database of the engine: tests build what they read with the factories
 * (factories.ts). Only tests about the demo itself ask for it with `{ seed: 'demo' }` (the demo city, its
 * people and accounts).
 */
export async function startTestApp(engine: TestEngine, overrides: Partial<Config> = {}, options: { seed?: 'demo' } = {}): Promise<TestApp> {
  const database = await engine.open();
  const clock = fakeClock();
  const config = { ...loadConfig({}), demoPassword: PASSWORD, ...overrides };
  const deps: AppDeps = { database, config, crypto: createCryptoProvider(config.crypto, 'ab'.repeat(32)), now: clock.now };
  if (options.seed === 'demo') await seedDemo(deps, PASSWORD);
  const app = await buildApp(deps, { serveWeb: false });
  return {
    app,
    deps,
    clock,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in client: cookie and CSRF token carried on every request. */
export interface Client {
  cookie: string;
  csrf: string;
  userId: number;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** POSTs one file (form field `file`) and optional text fields as multipart/form-data. */
  upload(
    url: string,
    file: { fileName: string; mimeType: string; content: Buffer },
    fields?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A multipart/form-data body with one file and text fields. */
export function multipartBody(
  file: { fileName: string; mimeType: string; content: Buffer },
  fields: Record<string, string> = {},
): { payload: Buffer; contentType: string } {
  const boundary = '----shiji-test-boundary';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Logs in through the API and returns a client for that session. */
export async function login(t: TestApp, username: string, password = PASSWORD): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'shiji_session');
  if (!session) throw new Error('no session cookie');
  const body = res.json<{ csrfToken: string; user: { id: number } }>();
  const cookie = `shiji_session=${session.value}`;
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    request: (method, url, payload, headers = {}) =>
      t.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...headers },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
    upload: (url, file, fields = {}) => {
      const { payload, contentType } = multipartBody(file, fields);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': contentType },
        payload,
      });
    },
  };
}
