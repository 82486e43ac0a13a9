import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import { escapeLike } from '../../../platform/sql.js';
import { indicators } from '../assessment.table.js';

/** An indicator row. */
export type IndicatorRow = typeof indicators.$inferSelect;

/** Indicators of a tenant, filtered. */
export async function findIndicators(
  db: Db,
  tenantId: number,
  f: { domain?: string | undefined; visibility?: string | undefined; q?: string | undefined; includeInactive?: boolean | undefined },
): Promise<IndicatorRow[]> {
  const t = indicators;
  const conditions: SQL[] = [eq(t.tenantId, tenantId)];
  if (!f.includeInactive) conditions.push(eq(t.isActive, true));
  if (f.domain) conditions.push(eq(t.domain, f.domain));
  if (f.visibility) conditions.push(eq(t.visibility, f.visibility));
  if (f.q) conditions.push(or(ilike(t.name, `%${escapeLike(f.q)}%`), ilike(t.code, `%${escapeLike(f.q)}%`)) as SQL);
  return db
    .select()
    .from(t)
    .where(and(...conditions))
    .orderBy(asc(t.domain), asc(t.code));
}

/** Indicators by id (any tenant: the service checks). */
export async function findIndicatorsByIds(db: Db, ids: number[]): Promise<IndicatorRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(indicators)
    .where(inArray(indicators.id, [...new Set(ids)]));
}

/** Indicators by code within a tenant. */
export async function findIndicatorsByCodes(db: Db, tenantId: number, codes: string[]): Promise<IndicatorRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, [...new Set(codes)])));
}

/** Inserts indicators. */
export async function createIndicators(db: Db, values: (typeof indicators.$inferInsert)[]): Promise<IndicatorRow[]> {
  if (values.length === 0) return [];
  return db.insert(indicators).values(values).returning();
}

/** Updates an indicator if its version matches. */
export async function updateIndicator(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof indicators.$inferInsert>,
  now: Date,
): Promise<IndicatorRow | undefined> {
  const [row] = await db
    .update(indicators)
    .set({ ...patch, version: sql`${indicators.version} + 1`, updatedAt: now })
    .where(and(eq(indicators.id, id), eq(indicators.version, version)))
    .returning();
  return row;
}
