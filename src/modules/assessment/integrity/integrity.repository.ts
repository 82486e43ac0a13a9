import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import type { Principal } from '../../../platform/http.js';
import { orgScopeCondition } from '../../org/index.js';
import { integrityFlags, integrityRuns } from '../assessment.table.js';

/** A flag row. */
export type FlagRow = typeof integrityFlags.$inferSelect;

/** Whether an open integrity flag is on a figure. */
export async function hasOpenFlag(db: Db, tenantId: number, key: { orgId: number; year: number; indicatorId: number }): Promise<boolean> {
  const t = integrityFlags;
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(
      and(eq(t.tenantId, tenantId), eq(t.orgId, key.orgId), eq(t.indicatorId, key.indicatorId), eq(t.year, key.year), eq(t.status, 'open')),
    )
    .limit(1);
  return rows.length > 0;
}

/** Upserts flags by fingerprint; answers how many were new. Dismissed or referred flags keep their status. */
export async function upsertFlags(db: Db, rows: (typeof integrityFlags.$inferInsert)[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const result = await db
      .insert(integrityFlags)
      .values(batch)
      .onConflictDoUpdate({
        target: [integrityFlags.tenantId, integrityFlags.fingerprint],
        // A closed flag keeps its time: it tells whether the figure was verified after the referral.
        set: {
          reasonKey: sql`excluded.reason_key`,
          params: sql`excluded.params`,
          detail: sql`excluded.detail`,
          updatedAt: sql`case when ${integrityFlags.status} = 'open' then excluded.updated_at else ${integrityFlags.updatedAt} end`,
        },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += result.filter((r) => r.inserted === true || String(r.inserted) === 'true').length;
  }
  return created;
}

/** Flags of a tenant whose org is in the principal's data scope (flags without an org too), filtered and paged. */
export async function findFlags(
  db: Db,
  tenantId: number,
  principal: Principal,
  f: {
    status?: string | undefined;
    check?: string | undefined;
    year?: number | undefined;
    orgId?: number | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ total: number; items: FlagRow[] }> {
  const t = integrityFlags;
  const conditions: SQL[] = [eq(t.tenantId, tenantId), sql`(${t.orgId} is null or ${orgScopeCondition(principal, t.orgId)})`];
  if (f.status) conditions.push(eq(t.status, f.status));
  if (f.check) conditions.push(eq(t.check, f.check));
  if (f.year) conditions.push(eq(t.year, f.year));
  if (f.orgId) conditions.push(eq(t.orgId, f.orgId));
  const where = and(...conditions);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  const items = await db
    .select()
    .from(t)
    .where(where)
    .orderBy(desc(t.updatedAt), desc(t.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: Number(count?.n ?? 0), items };
}

/** One flag. */
export async function findFlag(db: Db, id: number): Promise<FlagRow | undefined> {
  const [row] = await db.select().from(integrityFlags).where(eq(integrityFlags.id, id)).limit(1);
  return row;
}

/** Sets a flag's outcome if it is still open; false when it was not. */
export async function closeFlag(
  db: Db,
  id: number,
  patch: { status: string; ledgerItemId?: number | null; note?: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(integrityFlags)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(integrityFlags.id, id), eq(integrityFlags.status, 'open')))
    .returning({ id: integrityFlags.id });
  return rows.length > 0;
}

/** Claims the nightly run of a tenant for a day; false when another pass or server has it. */
export async function claimNightlyRun(db: Db, tenantId: number, runOn: string, year: number, now: Date): Promise<boolean> {
  const rows = await db
    .insert(integrityRuns)
    .values({ tenantId, runOn, year, startedAt: now })
    .onConflictDoNothing()
    .returning({ tenantId: integrityRuns.tenantId });
  return rows.length > 0;
}

/** Records how a nightly run ended. */
export async function finishNightlyRun(db: Db, tenantId: number, runOn: string, flags: number, now: Date): Promise<void> {
  await db
    .update(integrityRuns)
    .set({ flags, finishedAt: now })
    .where(and(eq(integrityRuns.tenantId, tenantId), eq(integrityRuns.runOn, runOn)));
}
