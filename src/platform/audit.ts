import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { CryptoProvider } from './crypto.js';
import type { Db } from './db.js';
import { auditLog } from './audit.table.js';

/** What happened, by whom, to what: one audit-chain entry before it is sealed. */
export interface AuditEntry {
  actorId: number | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  ip?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
  at: Date;
}

/** A sealed audit row as stored. */
export type AuditRow = typeof auditLog.$inferSelect;

const GENESIS = '0'.repeat(64);
// Any constant works; it names the lock that serialises appends to the chain.
const CHAIN_LOCK = 0x5348494a;

/** JSON with object keys sorted at every level: the same value always yields the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text a row's hash is computed over (pure; shared by append and verify). */
export function chainText(row: Omit<AuditRow, 'hash'>): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    outcome: row.outcome,
    detail: row.detail,
    prevHash: row.prevHash,
  });
}

/** Appends entries to the audit chain; call inside the transaction of the write it records. */
export async function appendAudit(db: Db, crypto: CryptoProvider, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS;
    const rows: AuditRow[] = [];
    for (const entry of list) {
      seq += 1;
      const base = {
        seq,
        // Millisecond precision, so the stored timestamp reads back exactly as hashed.
        at: new Date(Math.floor(entry.at.getTime())),
        actorId: entry.actorId,
        actorName: entry.actorName,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
        ip: entry.ip ?? null,
        outcome: entry.outcome,
        detail: JSON.parse(canonicalJson(entry.detail ?? {})) as Record<string, unknown>,
        prevHash,
      };
      const hash = crypto.hash(chainText(base));
      rows.push({ ...base, hash });
      prevHash = hash;
    }
    await tx.insert(auditLog).values(rows);
  });
}

/** Outcome of verifying the chain. */
export type VerifyResult = { ok: true; rows: number; algorithm: string } | { ok: false; rows: number; brokenAt: number; reason: string };

/** Walks the whole chain in order; names the first row that was altered, removed or reordered. */
export async function verifyAudit(db: Db, crypto: CryptoProvider, batchSize = 5000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gte(auditLog.seq, expectedSeq)).orderBy(auditLog.seq).limit(batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expectedSeq) return { ok: false, rows: count, brokenAt: expectedSeq, reason: `row ${expectedSeq} is missing` };
      if (row.prevHash !== prevHash) return { ok: false, rows: count, brokenAt: row.seq, reason: 'previous-hash link broken' };
      const { hash, ...rest } = row;
      if (crypto.hash(chainText(rest)) !== hash)
        return { ok: false, rows: count, brokenAt: row.seq, reason: 'row content does not match its hash' };
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, rows: count, algorithm: crypto.hashAlgorithm };
}

/** Filters for reading the audit log. */
export interface AuditFilter {
  actorName?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  targetType?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

/** Lists audit rows, newest first, with the total for paging. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<{ total: number; items: AuditRow[] }> {
  const conditions: SQL[] = [];
  if (filter.actorName) conditions.push(sql`${auditLog.actorName} ilike ${`%${filter.actorName}%`}`);
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.outcome) conditions.push(eq(auditLog.outcome, filter.outcome));
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { total: countRow?.n ?? 0, items };
}
