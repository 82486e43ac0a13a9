import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import { assessmentResults, schemes } from '../assessment.table.js';

/** A result row. */
export type ResultRow = typeof assessmentResults.$inferSelect;

/** Replaces the results of a scheme edition in one statement batch. */
export async function replaceResults(db: Db, schemeId: number, rows: (typeof assessmentResults.$inferInsert)[]): Promise<void> {
  await db.delete(assessmentResults).where(eq(assessmentResults.schemeId, schemeId));
  for (let i = 0; i < rows.length; i += 500) await db.insert(assessmentResults).values(rows.slice(i, i + 500));
}

/** Results of a scheme edition for the given orgs (scope), by rank. */
export async function findResults(db: Db, schemeId: number, orgIds?: number[]): Promise<ResultRow[]> {
  if (orgIds && orgIds.length === 0) return [];
  const conditions: SQL[] = [eq(assessmentResults.schemeId, schemeId)];
  if (orgIds) conditions.push(inArray(assessmentResults.orgId, orgIds));
  return db
    .select()
    .from(assessmentResults)
    .where(and(...conditions))
    .orderBy(asc(assessmentResults.rank), asc(assessmentResults.orgId));
}

/** Grades of orgs in earlier years (any scheme edition that is current). */
export async function findGradeHistory(
  db: Db,
  orgIds: number[],
  years: number[],
): Promise<{ orgId: number; year: number; grade: string; total: number; rank: number }[]> {
  if (orgIds.length === 0 || years.length === 0) return [];
  return db
    .select({
      orgId: assessmentResults.orgId,
      year: assessmentResults.year,
      grade: assessmentResults.grade,
      total: assessmentResults.total,
      rank: assessmentResults.rank,
    })
    .from(assessmentResults)
    .innerJoin(schemes, eq(schemes.id, assessmentResults.schemeId))
    .where(and(inArray(assessmentResults.orgId, orgIds), inArray(assessmentResults.year, years), eq(schemes.status, 'current')));
}
