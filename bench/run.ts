/**
 * Benchmarks, each beside the same work done by the raw engine in the same run.
 *   npm run bench                       PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://… npm run bench   also on a PostgreSQL server (the database is emptied)
 *   BENCH_ITEMS (default 100 000 on PGlite, 1 000 000 on PostgreSQL), BENCH_IMPORT_ROWS (100 000),
 *   BENCH_PEOPLE (50 000), BENCH_RUNS (200), BENCH_LEDGER=false to skip the ledger part, BENCH_PGLITE=false for the server only,
 *   BENCH_INTEGRITY=false to skip the integrity checks (see bench/integrity.ts for their knobs)
 * Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppDeps } from '../src/platform/context.js';
import { createCryptoProvider } from '../src/platform/crypto.js';
import { migrateDatabase, openDatabase, type Database } from '../src/platform/db.js';
import { seedDemo } from '../src/modules/org/org.seed.js';
import { nameSearchKeys } from '../src/modules/org/org.service.js';
import * as repo from '../src/modules/org/org.repository.js';
import { benchLedger } from './ledger.js';
import { benchIntegrity, benchScoring } from './integrity.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function benchEngine(label: string, database: Database): Promise<void> {
  await migrateDatabase(database);
  const config = { ...loadConfig({}), demoPassword: 'Bench-pass-2026' };
  const deps: AppDeps = { database, config, crypto: createCryptoProvider('sm', 'cd'.repeat(32)), now: () => new Date() };
  await seedDemo(deps, config.demoPassword);
  const db = database.db;
  const orgs = await repo.findOrgs(db, { scope: 'all', orgPath: '/', tenantId: 1 }, { includeInactive: false });
  const t0 = performance.now();
  const batch: Parameters<typeof repo.createPeople>[1] = [];
  const surnames = '王李张刘陈杨赵黄周吴';
  const given = '伟芳娜敏静丽强磊军洋';
  for (let i = 0; i < PEOPLE; i += 1) {
    const org = orgs[i % orgs.length];
    if (!org) throw new Error('no orgs');
    const name = `${surnames[i % 10]}${given[Math.floor(i / 10) % 10]}${given[Math.floor(i / 100) % 10]}`;
    batch.push({ orgId: org.id, tenantId: org.tenantId, name, ...nameSearchKeys(name), position: '科员', rank: '科员' });
    if (batch.length === 1000) await repo.createPeople(db, batch.splice(0));
  }
  if (batch.length) await repo.createPeople(db, batch.splice(0));
  await db.execute(sql`analyze`);
  console.log(`\n[${label}] ${PEOPLE.toLocaleString()} extra people inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const app = await buildApp(deps, { serveWeb: false });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'qingshan.handler', password: config.demoPassword },
  });
  const cookie = `shiji_session=${login.cookies.find((c) => c.name === 'shiji_session')?.value}`;
  const qs = orgs.find((o) => o.code === 'QS');
  if (!qs) throw new Error('QS missing');

  const http = await time(RUNS, () => app.inject({ method: 'GET', url: '/api/people?q=wl&page=1&pageSize=20', headers: { cookie } }));
  const pattern = `${qs.path}%`;
  const raw = await time(RUNS, async () => {
    await db.execute(
      sql`select count(*) from people p join orgs o on o.id = p.org_id where o.tenant_id = 1 and o.path like ${pattern} and p.is_active and (p.name_initials like 'wl%' or p.name_pinyin like 'wl%')`,
    );
    await db.execute(
      sql`select p.*, o.name from people p join orgs o on o.id = p.org_id where o.tenant_id = 1 and o.path like ${pattern} and p.is_active and (p.name_initials like 'wl%' or p.name_pinyin like 'wl%') order by o.path, p.is_principal desc, p.id limit 20`,
    );
  });
  console.log(
    `[${label}] scoped people search (county subtree, pinyin "wl")  HTTP p50 ${fmt(http.p50)} p95 ${fmt(http.p95)} | raw SQL p50 ${fmt(raw.p50)} p95 ${fmt(raw.p95)} | ratio p95 ${(http.p95 / raw.p95).toFixed(2)}×`,
  );

  const httpOrgs = await time(RUNS, () => app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie } }));
  const rawOrgs = await time(RUNS, () =>
    db.execute(sql`select * from orgs where tenant_id = 1 and path like ${pattern} and is_active order by depth, sort_order, id`),
  );
  console.log(
    `[${label}] org tree (county subtree)                          HTTP p50 ${fmt(httpOrgs.p50)} p95 ${fmt(httpOrgs.p95)} | raw SQL p50 ${fmt(rawOrgs.p50)} p95 ${fmt(rawOrgs.p95)} | ratio p95 ${(httpOrgs.p95 / rawOrgs.p95).toFixed(2)}×`,
  );

  const logins = await time(20, () =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: config.demoPassword } }),
  );
  const rawInsert = await time(20, () =>
    db.execute(sql`insert into login_throttle (key, failures, updated_at) values (${`bench:${Math.random()}`}, 0, now())`),
  );
  console.log(
    `[${label}] login (scrypt N=16384 + session + audit)           HTTP p50 ${fmt(logins.p50)} p95 ${fmt(logins.p95)} | raw single-row insert p50 ${fmt(rawInsert.p50)}`,
  );

  if (process.env.BENCH_LEDGER !== 'false') {
    const loginAs = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: config.demoPassword } });
      return {
        cookie: `shiji_session=${res.cookies.find((c) => c.name === 'shiji_session')?.value}`,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    };
    await benchLedger({
      label,
      database,
      databaseUrl: label === 'postgres' ? process.env.BENCH_DATABASE_URL : undefined,
      app,
      login: loginAs,
      time,
      runs: RUNS,
    });
  }
  await app.close();
}

if (process.env.BENCH_PGLITE !== 'false') {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  await benchEngine('pglite', pglite);
  await pglite.close();
}

const url = process.env.BENCH_DATABASE_URL;
if (url) {
  const server = await openDatabase({ databaseUrl: url });
  await server.db.execute(sql.raw('drop schema if exists drizzle cascade'));
  await server.db.execute(sql.raw('drop schema public cascade'));
  await server.db.execute(sql.raw('create schema public'));
  await benchEngine('postgres', server);
  await server.close();
}

// 数据核查: precision and recall per check on planted frauds, and the digit tests over 10 M values (no database).
if (process.env.BENCH_INTEGRITY !== 'false') {
  benchScoring();
  await benchIntegrity();
}
