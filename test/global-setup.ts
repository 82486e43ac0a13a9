import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase, packageRoot } from '../src/platform/db.js';

/** Where the migrated PGlite template is dumped for the test files to start from. */
export const TEMPLATE_FILE = join(packageRoot(), '.tmp', 'pglite-template.tar.gz');
/** Name of the migrated template database on the PostgreSQL server. */
export const PG_TEMPLATE = 'shiji_test_template';

/** Builds the migrated templates once per run: a PGlite dump and, with TEST_DATABASE_URL, a server template database. */
export default async function setup(): Promise<void> {
  mkdirSync(join(packageRoot(), '.tmp'), { recursive: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const dump = await database.pglite?.dumpDataDir('gzip');
  if (!dump) throw new Error('PGlite dump failed');
  writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await database.close();

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${PG_TEMPLATE}'`);
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const templateUrl = withDatabase(url, PG_TEMPLATE);
    const server = await openDatabase({ databaseUrl: templateUrl });
    await migrateDatabase(server);
    await server.close();
  }
}

/** The same server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
