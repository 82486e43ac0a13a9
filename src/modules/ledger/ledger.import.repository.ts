// The SQL of an import: codes already taken, code counters moved in blocks, items, measures and events in multi-row statements.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertJsonRows, type Db } from '../../platform/db.js';
import { ledgerCounters, ledgerItems } from './ledger.table.js';

/** The codes among `codes` already on the tenant's ledger (asked 5000 at a time). */
export async function findTakenCodes(db: Db, tenantId: number, codes: string[]): Promise<string[]> {
  const taken: string[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000);
    const rows = await db
      .select({ code: ledgerItems.code })
      .from(ledgerItems)
      .where(and(eq(ledgerItems.tenantId, tenantId), inArray(ledgerItems.code, chunk)));
    taken.push(...rows.map((r) => r.code));
  }
  return taken;
}

/** Moves a code counter up to at least `last` (codes the file brings with it). */
export async function raiseCounter(db: Db, tenantId: number, prefix: string, year: number, last: number): Promise<void> {
  await db
    .insert(ledgerCounters)
    .values({ tenantId, prefix, year, last })
    .onConflictDoUpdate({
      target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
      set: { last: sql`greatest(${ledgerCounters.last}, ${last})` },
    });
}

/** Reserves `count` numbers of a code counter in one block; answers the last of them. */
export async function reserveCodeNumbers(db: Db, tenantId: number, prefix: string, year: number, count: number): Promise<number> {
  const [counter] = await db
    .insert(ledgerCounters)
    .values({ tenantId, prefix, year, last: count })
    .onConflictDoUpdate({
      target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
      set: { last: sql`${ledgerCounters.last} + ${count}` },
    })
    .returning({ last: ledgerCounters.last });
  return counter?.last ?? count;
}

const ITEM_COLUMNS = [
  'tenant_id',
  'code',
  'kind',
  'title',
  'description',
  'category',
  'source',
  'org_id',
  'responsible_org_id',
  'responsible_person_id',
  'lead_leader_id',
  'status',
  'deadline',
  'original_deadline',
  'search_terms',
  'measures_total',
  'measures_done',
  'extra',
  'created_by',
  'created_at',
  'updated_at',
];
const MEASURE_COLUMNS = ['tenant_id', 'item_id', 'content', 'status', 'done_at', 'sort_order', 'created_at', 'updated_at'];
const EVENT_COLUMNS = ['tenant_id', 'item_id', 'at', 'actor_id', 'actor_name', 'action', 'to_status', 'comment', 'detail'];
const MEASURE_CHUNK = 10000;

/** Inserts items (rows keyed by ITEM_COLUMNS) in one statement; answers their ids and codes. */
export async function insertItemRows(db: Db, rows: Record<string, unknown>[]): Promise<{ id: number; code: string }[]> {
  return insertJsonRows<{ id: number; code: string }>(db, 'ledger_items', ITEM_COLUMNS, rows, 'id, code');
}

/** Inserts measures (rows keyed by MEASURE_COLUMNS), MEASURE_CHUNK to a statement. */
export async function insertMeasureRows(db: Db, rows: Record<string, unknown>[]): Promise<void> {
  for (let j = 0; j < rows.length; j += MEASURE_CHUNK)
    await insertJsonRows(db, 'ledger_measures', MEASURE_COLUMNS, rows.slice(j, j + MEASURE_CHUNK));
}

/** Inserts timeline events (rows keyed by EVENT_COLUMNS) in one statement. */
export async function insertEventRows(db: Db, rows: Record<string, unknown>[]): Promise<void> {
  await insertJsonRows(db, 'ledger_events', EVENT_COLUMNS, rows);
}

/** After a bulk load the planner's row estimates are stale until autovacuum comes round; refreshes them now. */
export async function analyzeItems(db: Db): Promise<void> {
  await db.execute(sql`analyze ledger_items, ledger_measures`);
}
