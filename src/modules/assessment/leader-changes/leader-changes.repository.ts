import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import { leaderChanges } from '../assessment.table.js';

/** Years in which the orgs' principals changed. */
export async function findLeaderChanges(db: Db, tenantId: number): Promise<{ orgId: number; year: number }[]> {
  return db
    .select({ orgId: leaderChanges.orgId, year: leaderChanges.year })
    .from(leaderChanges)
    .where(eq(leaderChanges.tenantId, tenantId));
}

/** Records leader-change years (idempotent). */
export async function addLeaderChanges(db: Db, rows: { tenantId: number; orgId: number; year: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(leaderChanges).values(rows).onConflictDoNothing();
}

/** Deletes a leader-change year; true when there was one. */
export async function deleteLeaderChange(db: Db, orgId: number, year: number): Promise<boolean> {
  const rows = await db
    .delete(leaderChanges)
    .where(and(eq(leaderChanges.orgId, orgId), eq(leaderChanges.year, year)))
    .returning({ orgId: leaderChanges.orgId });
  return rows.length > 0;
}
