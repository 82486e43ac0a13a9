import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrateDatabase, type Database } from './db.js';

const HEADER = '-- Shiji backup';
const FORMAT = 1;
const CHUNK = 1000;

/** The application's tables in dependency order, parents first: the caller passes the schema (src/schema.ts). */
export type AppSchema = Record<string, unknown>;

/** The tables of a schema module in the order it exports them (parents first). */
export function tablesInOrder(schema: AppSchema): { name: string; hasIdentity: boolean; identityColumn: string | null }[] {
  const tables = Object.values(schema).filter((v): v is PgTable => v instanceof PgTable);
  return tables.map((t) => {
    const cfg = getTableConfig(t);
    const identity = cfg.columns.find((c) => (c as unknown as { generatedIdentity?: unknown }).generatedIdentity !== undefined);
    return { name: cfg.name, hasIdentity: identity !== undefined, identityColumn: identity?.name ?? null };
  });
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes every table as plain SQL (one INSERT per line over jsonb_populate_recordset); returns row counts. */
export async function backupToFile(database: Database, schema: AppSchema, file: string): Promise<Record<string, number>> {
  const tag = `shiji_${randomBytes(6).toString('hex')}`;
  const lines = [
    HEADER,
    `-- format: ${FORMAT}`,
    `-- created: ${new Date().toISOString()}`,
    `-- engine: ${database.version}`,
    `-- quote: ${tag}`,
  ];
  const counts: Record<string, number> = {};
  for (const table of tablesInOrder(schema)) {
    let count = 0;
    const order = table.identityColumn ? ` order by ${ident(table.identityColumn)}` : '';
    const result = (await database.db.execute(sql.raw(`select to_jsonb(t)::text as j from ${ident(table.name)} t${order}`))) as unknown as {
      rows: { j: string }[];
    };
    for (let i = 0; i < result.rows.length; i += CHUNK) {
      const json = `[${result.rows
        .slice(i, i + CHUNK)
        .map((r) => r.j)
        .join(',')}]`;
      if (json.includes(`$${tag}$`)) throw new Error('quote tag collision; run the backup again');
      const overriding = table.hasIdentity ? ' overriding system value' : '';
      lines.push(
        `insert into ${ident(table.name)}${overriding} select * from jsonb_populate_recordset(null::${ident(table.name)}, $${tag}$${json}$${tag}$::jsonb);`,
      );
      count += Math.min(CHUNK, result.rows.length - i);
    }
    counts[table.name] = count;
  }
  lines.push(`-- rows: ${JSON.stringify(counts)}`);
  writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return counts;
}

/** Why a backup file cannot be restored. */
export class BackupFormatError extends Error {}

/** Checks a backup file completely before anything is dropped; returns its statements. */
export function readBackup(file: string, schema: AppSchema): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines[0] !== HEADER) throw new BackupFormatError(`${file} is not a Shiji backup (first line must be "${HEADER}")`);
  const format = /^-- format: (\d+)$/.exec(lines[1] ?? '');
  if (!format || Number(format[1]) !== FORMAT) throw new BackupFormatError(`unsupported backup format ${lines[1] ?? ''}`);
  const quote = /^-- quote: (shiji_[0-9a-f]+)$/.exec(lines.find((l) => l.startsWith('-- quote: ')) ?? '');
  if (!quote) throw new BackupFormatError('backup has no quote line');
  if (!lines.some((l) => l.startsWith('-- rows: '))) throw new BackupFormatError('backup is truncated (no closing rows line)');
  const tag = quote[1] ?? '';
  const known = new Set(tablesInOrder(schema).map((t) => t.name));
  const statements: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '' || line.startsWith('--')) continue;
    const m =
      /^insert into "([a-z_]+)"( overriding system value)? select \* from jsonb_populate_recordset\(null::"([a-z_]+)", \$([a-z0-9_]+)\$(.*)\$([a-z0-9_]+)\$::jsonb\);$/.exec(
        line,
      );
    if (!m || m[1] !== m[3] || m[4] !== tag || m[6] !== tag || !known.has(m[1] ?? ''))
      throw new BackupFormatError(`line ${i + 1} is not a valid backup statement`);
    try {
      JSON.parse(m[5] ?? '');
    } catch {
      throw new BackupFormatError(`line ${i + 1} has malformed data`);
    }
    statements.push(line);
  }
  return statements;
}

/** Replaces the database's contents with a backup: schema recreated by migrations, data in one transaction. */
export async function restoreFromFile(database: Database, schema: AppSchema, file: string): Promise<number> {
  const statements = readBackup(file, schema);
  await database.db.execute(sql.raw('drop schema if exists drizzle cascade'));
  await database.db.execute(sql.raw('drop schema public cascade'));
  await database.db.execute(sql.raw('create schema public'));
  await migrateDatabase(database);
  await database.db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
    for (const table of tablesInOrder(schema)) {
      if (!table.identityColumn) continue;
      const col = ident(table.identityColumn);
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${ident(table.name)}', '${table.identityColumn}'), coalesce((select max(${col}) from ${ident(table.name)}), 0) + 1, false)`,
        ),
      );
    }
  });
  return statements.length;
}
