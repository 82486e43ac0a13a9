import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import { assessmentResults, schemeIndicators, schemes } from '../assessment.table.js';

/** A scheme row. */
export type SchemeRow = typeof schemes.$inferSelect;
/** A scheme line row. */
export type SchemeLineRow = typeof schemeIndicators.$inferSelect;

/** Schemes of a tenant, newest year first. */
export async function findSchemes(
  db: Db,
  tenantId: number,
  f: { year?: number | undefined; zone?: string | undefined; includeSuperseded?: boolean | undefined },
): Promise<SchemeRow[]> {
  const conditions: SQL[] = [eq(schemes.tenantId, tenantId)];
  if (f.year) conditions.push(eq(schemes.year, f.year));
  if (f.zone) conditions.push(eq(schemes.zone, f.zone));
  if (!f.includeSuperseded) conditions.push(eq(schemes.status, 'current'));
  return db
    .select()
    .from(schemes)
    .where(and(...conditions))
    .orderBy(desc(schemes.year), asc(schemes.zone), desc(schemes.edition));
}

/** One scheme. */
export async function findScheme(db: Db, id: number): Promise<SchemeRow | undefined> {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id)).limit(1);
  return row;
}

/** The current edition of a scheme for a year, zone and level. */
export async function findCurrentScheme(
  db: Db,
  tenantId: number,
  year: number,
  zone: string,
  orgLevel: string,
): Promise<SchemeRow | undefined> {
  const [row] = await db
    .select()
    .from(schemes)
    .where(
      and(
        eq(schemes.tenantId, tenantId),
        eq(schemes.year, year),
        eq(schemes.zone, zone),
        eq(schemes.orgLevel, orgLevel),
        eq(schemes.status, 'current'),
      ),
    )
    .limit(1);
  return row;
}

/** Inserts a scheme with its lines. */
export async function createScheme(
  db: Db,
  values: typeof schemes.$inferInsert,
  lines: Omit<typeof schemeIndicators.$inferInsert, 'schemeId'>[],
): Promise<SchemeRow> {
  const [row] = await db.insert(schemes).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  if (lines.length) await db.insert(schemeIndicators).values(lines.map((l) => ({ ...l, schemeId: row.id })));
  return row;
}

/** Replaces a scheme's content (no results yet) if its version matches. */
export async function replaceScheme(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof schemes.$inferInsert>,
  lines: Omit<typeof schemeIndicators.$inferInsert, 'schemeId'>[],
  now: Date,
): Promise<SchemeRow | undefined> {
  const [row] = await db
    .update(schemes)
    .set({ ...patch, version: sql`${schemes.version} + 1`, updatedAt: now })
    .where(and(eq(schemes.id, id), eq(schemes.version, version)))
    .returning();
  if (!row) return undefined;
  await db.delete(schemeIndicators).where(eq(schemeIndicators.schemeId, id));
  if (lines.length) await db.insert(schemeIndicators).values(lines.map((l) => ({ ...l, schemeId: id })));
  return row;
}

/** Marks an edition superseded (a newer one was made), version-checked. */
export async function supersedeScheme(db: Db, id: number, version: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(schemes)
    .set({ status: 'superseded', version: sql`${schemes.version} + 1`, updatedAt: now })
    .where(and(eq(schemes.id, id), eq(schemes.version, version)))
    .returning({ id: schemes.id });
  return rows.length > 0;
}

/** The lines of schemes. */
export async function findSchemeLines(db: Db, schemeIds: number[]): Promise<SchemeLineRow[]> {
  if (schemeIds.length === 0) return [];
  return db
    .select()
    .from(schemeIndicators)
    .where(inArray(schemeIndicators.schemeId, schemeIds))
    .orderBy(asc(schemeIndicators.schemeId), asc(schemeIndicators.sortOrder));
}

/** How many results each scheme has, and when they were computed. */
export async function resultStats(db: Db, schemeIds: number[]): Promise<Map<number, { n: number; computedAt: Date | null }>> {
  if (schemeIds.length === 0) return new Map();
  const rows = await db
    .select({
      schemeId: assessmentResults.schemeId,
      n: sql<number>`count(*)::int`,
      at: sql<string | null>`max(${assessmentResults.computedAt})::text`,
    })
    .from(assessmentResults)
    .where(inArray(assessmentResults.schemeId, schemeIds))
    .groupBy(assessmentResults.schemeId);
  return new Map(rows.map((r) => [Number(r.schemeId), { n: Number(r.n), computedAt: r.at ? new Date(r.at) : null }]));
}
