import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** A database handle or a transaction: repositories take either. Queries name their tables; no relational schema is attached. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** Which engine is behind the handle. */
export type DbKind = 'pglite' | 'postgres';

/** An open database: the Drizzle handle, its engine, and how to close it. */
export interface Database {
  db: Db;
  kind: DbKind;
  /** Server version string, e.g. `PostgreSQL 18.0`. */
  version: string;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for dumps in tests and backups). */
  pglite?: PGlite;
}

/** The package root (where package.json and migrations/ live), from src/ or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

const migrationsFolder = () => join(packageRoot(), 'migrations');

let int8Parser = false;
function parseInt8AsNumber(): void {
  if (int8Parser) return;
  // Ids are bigint identities; every id we hand out fits in 2^53, so numbers are safe.
  pg.types.setTypeParser(20, (v) => Number(v));
  int8Parser = true;
}

/** Options for opening a database. */
export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder for PGlite data; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A dumped PGlite data folder (tarball) to start from; opens much faster than initdb. */
  loadDataDir?: Blob;
  maxConnections?: number;
}

/** Opens PGlite (embedded, default) or a PostgreSQL server when `databaseUrl` is given. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    parseInt8AsNumber();
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => process.stderr.write(`database connection lost: ${error.message}\n`));
    const db = drizzlePg(pool) as unknown as Db;
    const { rows } = await pool.query<{ v: string }>('select version() as v');
    return { db, kind: 'postgres', version: shortVersion(rows[0]?.v ?? ''), close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir: dataDir.startsWith('memory://') ? undefined : resolve(dataDir, 'pglite'),
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client) as unknown as Db;
  const res = await client.query<{ v: string }>('select version() as v');
  return { db, kind: 'pglite', version: shortVersion(res.rows[0]?.v ?? ''), close: () => client.close(), pglite: client };
}

function shortVersion(full: string): string {
  return full.split(' on ')[0] ?? full;
}

/** Applies the committed SQL migrations. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    await migratePglite(database.db as never, { migrationsFolder: migrationsFolder() });
  } else {
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    await migratePg(database.db as never, { migrationsFolder: migrationsFolder() });
  }
}

/** Runs a raw query and returns its rows with bigint/numeric values as numbers on both engines. */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((row) => normaliseRow(row) as T);
}

/** Makes a raw row engine-independent: bigint → number, timestamp strings stay Dates where given. */
export function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  return out;
}

/**
 * Inserts many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them
 * with jsonb_populate_recordset over the table's own row type, so building the statement costs the
 * same for ten rows or ten thousand (a multi-row VALUES has a placeholder per cell). Keys are column
 * names; columns not listed take their defaults. Returns the `returning` columns of each row.
 */
export async function insertJsonRows<R extends Record<string, unknown> = Record<string, unknown>>(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  returning?: string,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const list = columns.map((c) => `"${c}"`).join(', ');
  const query = sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(list)}) select ${sql.raw(list)} from jsonb_populate_recordset(null::${sql.raw(`"${table}"`)}, ${JSON.stringify(rows)}::jsonb)${sql.raw(returning ? ` returning ${returning}` : '')}`;
  return queryRows<R>(db, query);
}
