import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import {
  ledgerCounters,
  ledgerEvents,
  ledgerEvidence,
  ledgerExtensions,
  ledgerIdempotency,
  ledgerItems,
  ledgerLinks,
  ledgerMeasures,
  ledgerRechecks,
} from './ledger.table.js';

/** An item row. */
export type ItemRow = typeof ledgerItems.$inferSelect;
/** A measure row. */
export type MeasureRow = typeof ledgerMeasures.$inferSelect;
/** An event row. */
export type EventRow = typeof ledgerEvents.$inferSelect;

/** The next number of a code counter (atomic upsert). */
export async function nextCodeNumber(db: Db, tenantId: number, prefix: string, year: number): Promise<number> {
  const [row] = await db
    .insert(ledgerCounters)
    .values({ tenantId, prefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
      set: { last: sql`${ledgerCounters.last} + 1` },
    })
    .returning({ last: ledgerCounters.last });
  return row?.last ?? 1;
}

/** Inserts an item. */
export async function createItem(db: Db, values: typeof ledgerItems.$inferInsert): Promise<ItemRow> {
  const [row] = await db.insert(ledgerItems).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** One item by id (unscoped: the service checks scope). */
export async function findItem(db: Db, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(ledgerItems).where(eq(ledgerItems.id, id)).limit(1);
  return row;
}

/** One item by its external reference within a tenant and source. */
export async function findItemByExternalRef(db: Db, tenantId: number, source: string, externalRef: string): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(ledgerItems)
    .where(and(eq(ledgerItems.tenantId, tenantId), eq(ledgerItems.source, source), eq(ledgerItems.externalRef, externalRef)))
    .limit(1);
  return row;
}

/** Updates an item if its version matches; undefined on a stale version. */
export async function updateItem(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof ledgerItems.$inferInsert>,
  now: Date,
): Promise<ItemRow | undefined> {
  const [row] = await db
    .update(ledgerItems)
    .set({ ...patch, version: sql`${ledgerItems.version} + 1`, updatedAt: now })
    .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
    .returning();
  return row;
}

/** Inserts measures. */
export async function createMeasures(db: Db, values: (typeof ledgerMeasures.$inferInsert)[]): Promise<MeasureRow[]> {
  if (values.length === 0) return [];
  return db.insert(ledgerMeasures).values(values).returning();
}

/** The measures of an item with their evidence counts. */
export async function findMeasures(db: Db, itemId: number): Promise<(MeasureRow & { evidenceCount: number })[]> {
  const rows = await db
    .select({ m: ledgerMeasures, n: sql<number>`(select count(*)::int from ledger_evidence e where e.measure_id = ledger_measures.id)` })
    .from(ledgerMeasures)
    .where(eq(ledgerMeasures.itemId, itemId))
    .orderBy(asc(ledgerMeasures.sortOrder), asc(ledgerMeasures.id));
  return rows.map((r) => ({ ...r.m, evidenceCount: r.n }));
}

/** Updates a measure if the version matches. */
export async function updateMeasure(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof ledgerMeasures.$inferInsert>,
  now: Date,
): Promise<MeasureRow | undefined> {
  const [row] = await db
    .update(ledgerMeasures)
    .set({ ...patch, version: sql`${ledgerMeasures.version} + 1`, updatedAt: now })
    .where(and(eq(ledgerMeasures.id, id), eq(ledgerMeasures.version, version)))
    .returning();
  return row;
}

/** Recounts an item's measures into its row (total, done). */
export async function recountMeasures(db: Db, itemId: number): Promise<void> {
  await db.execute(sql`update ledger_items set
    measures_total = (select count(*) from ledger_measures where item_id = ${itemId}),
    measures_done = (select count(*) from ledger_measures where item_id = ${itemId} and status = 'done')
    where id = ${itemId}`);
}

/** Appends an event to an item's timeline. */
export async function createEvent(db: Db, values: typeof ledgerEvents.$inferInsert): Promise<void> {
  await db.insert(ledgerEvents).values(values);
}

/** An item's timeline, oldest first. */
export async function findEvents(db: Db, itemId: number): Promise<EventRow[]> {
  return db.select().from(ledgerEvents).where(eq(ledgerEvents.itemId, itemId)).orderBy(asc(ledgerEvents.at), asc(ledgerEvents.id));
}

/** Records an idempotency key; false when it exists already (waits for a concurrent holder to commit). */
export async function claimIdempotencyKey(db: Db, userId: number, key: string, bodyHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(ledgerIdempotency)
    .values({ userId, key, bodyHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: ledgerIdempotency.key });
  return rows.length > 0;
}

/** The first request made with a key. */
export async function findIdempotencyKey(db: Db, userId: number, key: string): Promise<typeof ledgerIdempotency.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(ledgerIdempotency)
    .where(and(eq(ledgerIdempotency.userId, userId), eq(ledgerIdempotency.key, key)))
    .limit(1);
  return row;
}

/** Links a key to the item its request created. */
export async function completeIdempotencyKey(db: Db, userId: number, key: string, itemId: number): Promise<void> {
  await db
    .update(ledgerIdempotency)
    .set({ itemId })
    .where(and(eq(ledgerIdempotency.userId, userId), eq(ledgerIdempotency.key, key)));
}

/** An extension row. */
export type ExtensionRow = typeof ledgerExtensions.$inferSelect;

/** An item's extension requests, oldest first. */
export async function findExtensions(db: Db, itemId: number): Promise<ExtensionRow[]> {
  return db.select().from(ledgerExtensions).where(eq(ledgerExtensions.itemId, itemId)).orderBy(asc(ledgerExtensions.id));
}

/** Stores an extension request. */
export async function createExtension(db: Db, values: typeof ledgerExtensions.$inferInsert): Promise<void> {
  await db.insert(ledgerExtensions).values(values);
}

/** Records the decision on a pending extension. */
export async function decideExtension(
  db: Db,
  id: number,
  values: { status: string; decidedBy: number; decidedAt: Date; decisionNote: string | null },
): Promise<void> {
  await db
    .update(ledgerExtensions)
    .set(values)
    .where(and(eq(ledgerExtensions.id, id), eq(ledgerExtensions.status, 'pending')));
}

/** Schedules a recheck (回头看). */
export async function createRecheck(db: Db, values: typeof ledgerRechecks.$inferInsert): Promise<void> {
  await db.insert(ledgerRechecks).values(values);
}

/** Records the result of the item's scheduled recheck; false when none is scheduled. */
export async function completeRecheck(
  db: Db,
  itemId: number,
  values: { result: string; note: string | null; checkedBy: number; checkedAt: Date },
): Promise<number | null> {
  const [pending] = await db
    .select({ id: ledgerRechecks.id })
    .from(ledgerRechecks)
    .where(and(eq(ledgerRechecks.itemId, itemId), sql`${ledgerRechecks.result} is null`))
    .orderBy(desc(ledgerRechecks.id))
    .limit(1);
  if (!pending) return null;
  await db.update(ledgerRechecks).set(values).where(eq(ledgerRechecks.id, pending.id));
  return pending.id;
}

/** Drops the scheduled, not yet done rechecks of an item (it was reopened: there is nothing closed to look at again). */
export async function cancelPendingRechecks(db: Db, itemId: number): Promise<void> {
  await db.delete(ledgerRechecks).where(and(eq(ledgerRechecks.itemId, itemId), sql`${ledgerRechecks.result} is null`));
}

/** A recheck (回头看) row. */
export type RecheckRow = typeof ledgerRechecks.$inferSelect;

/** Rechecks of an item, newest first. */
export async function findRechecks(db: Db, itemId: number): Promise<RecheckRow[]> {
  return db.select().from(ledgerRechecks).where(eq(ledgerRechecks.itemId, itemId)).orderBy(desc(ledgerRechecks.id));
}

/** An evidence row. */
export type EvidenceRow = typeof ledgerEvidence.$inferSelect;

/** Stores an evidence record. */
export async function createEvidence(db: Db, values: typeof ledgerEvidence.$inferInsert): Promise<EvidenceRow> {
  const [row] = await db.insert(ledgerEvidence).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** An item's evidence, oldest first. */
export async function findEvidence(db: Db, itemId: number): Promise<EvidenceRow[]> {
  return db.select().from(ledgerEvidence).where(eq(ledgerEvidence.itemId, itemId)).orderBy(asc(ledgerEvidence.id));
}

/** Items whose search terms were never computed (rows from before they existed), a batch at a time. */
export async function findItemsWithoutTerms(db: Db, limit: number): Promise<Pick<ItemRow, 'id' | 'title' | 'description'>[]> {
  const t = ledgerItems;
  return db
    .select({ id: t.id, title: t.title, description: t.description })
    .from(t)
    .where(sql`cardinality(${t.searchTerms}) = 0 and length(${t.title}) > 0`)
    .orderBy(asc(t.id))
    .limit(limit);
}

/** Sets the derived search terms of an item (not a user change: no version bump). */
export async function setSearchTerms(db: Db, id: number, terms: string[]): Promise<void> {
  await db.update(ledgerItems).set({ searchTerms: terms }).where(eq(ledgerItems.id, id));
}

/** Links two items (related / duplicate); a link that exists is left alone. */
export async function createLink(db: Db, values: typeof ledgerLinks.$inferInsert): Promise<void> {
  await db.insert(ledgerLinks).values(values).onConflictDoNothing();
}

/** Removes a link of one kind between two items (either direction); true when one was there. */
export async function deleteLink(db: Db, itemId: number, otherId: number, kind: string): Promise<boolean> {
  const rows = await db
    .delete(ledgerLinks)
    .where(
      and(
        eq(ledgerLinks.kind, kind),
        or(
          and(eq(ledgerLinks.itemId, itemId), eq(ledgerLinks.otherId, otherId)),
          and(eq(ledgerLinks.itemId, otherId), eq(ledgerLinks.otherId, itemId)),
        ),
      ),
    )
    .returning({ kind: ledgerLinks.kind });
  return rows.length > 0;
}

/** Links of an item, both directions. */
export async function findLinks(db: Db, itemId: number): Promise<{ otherId: number; kind: string; direction: 'out' | 'in' }[]> {
  const out = await db
    .select({ otherId: ledgerLinks.otherId, kind: ledgerLinks.kind })
    .from(ledgerLinks)
    .where(eq(ledgerLinks.itemId, itemId));
  const incoming = await db
    .select({ otherId: ledgerLinks.itemId, kind: ledgerLinks.kind })
    .from(ledgerLinks)
    .where(eq(ledgerLinks.otherId, itemId));
  return [...out.map((l) => ({ ...l, direction: 'out' as const })), ...incoming.map((l) => ({ ...l, direction: 'in' as const }))];
}

/** Copies an item's evidence onto another item (merge keeps the files; the source keeps its own rows). */
export async function copyEvidence(db: Db, fromItemId: number, toItemId: number): Promise<number> {
  const rows = await db.select().from(ledgerEvidence).where(eq(ledgerEvidence.itemId, fromItemId));
  if (rows.length === 0) return 0;
  await db.insert(ledgerEvidence).values(
    rows.map(({ id: _id, measureId: _measure, ...rest }) => ({
      ...rest,
      itemId: toItemId,
      measureId: null,
      note: rest.note ? `${rest.note}` : null,
    })),
  );
  return rows.length;
}
