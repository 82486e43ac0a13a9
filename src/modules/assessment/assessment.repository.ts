import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db.js';
import { storedFiles } from '../../platform/files.table.js';
import { escapeLike } from '../../platform/sql.js';
import { orgs, users } from '../org/org.table.js';
import {
  assessmentInputs,
  assessmentResults,
  indicatorValues,
  indicators,
  integrityFlags,
  integrityRuns,
  leaderChanges,
  schemeIndicators,
  schemes,
} from './assessment.table.js';

/** An indicator row. */
export type IndicatorRow = typeof indicators.$inferSelect;
/** A scheme row. */
export type SchemeRow = typeof schemes.$inferSelect;
/** A scheme line row. */
export type SchemeLineRow = typeof schemeIndicators.$inferSelect;
/** A result row. */
export type ResultRow = typeof assessmentResults.$inferSelect;
/** A flag row. */
export type FlagRow = typeof integrityFlags.$inferSelect;

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

/** Active orgs of a tenant by zone and level, within a scope condition on orgs. */
export async function findAssessedOrgs(
  db: Db,
  tenantId: number,
  zone: string | undefined,
  level: string | undefined,
  scope: SQL,
): Promise<{ id: number; name: string; zone: string; path: string }[]> {
  const conditions: SQL[] = [eq(orgs.tenantId, tenantId), eq(orgs.isActive, true), scope];
  if (zone) conditions.push(eq(orgs.zone, zone));
  if (level) conditions.push(eq(orgs.level, level));
  return db
    .select({ id: orgs.id, name: orgs.name, zone: orgs.zone, path: orgs.path })
    .from(orgs)
    .where(and(...conditions))
    .orderBy(asc(orgs.path));
}

/** Figures of orgs for years and indicators. */
export type ValueRow = typeof indicatorValues.$inferSelect & {
  enteredByName: string | null;
  verifiedByName: string | null;
  evidence: { fileName: string; mimeType: string; size: number } | null;
};

export async function findValues(
  db: Db,
  f: { orgIds: number[]; years: number[]; indicatorIds?: number[] | undefined },
): Promise<ValueRow[]> {
  if (f.orgIds.length === 0 || f.years.length === 0 || (f.indicatorIds && f.indicatorIds.length === 0)) return [];
  const conditions: SQL[] = [inArray(indicatorValues.orgId, f.orgIds), inArray(indicatorValues.year, f.years)];
  if (f.indicatorIds) conditions.push(inArray(indicatorValues.indicatorId, f.indicatorIds));
  const verifier = alias(users, 'verifier');
  const rows = await db
    .select({
      v: indicatorValues,
      enteredByName: users.displayName,
      verifiedByName: verifier.displayName,
      fileName: storedFiles.fileName,
      mimeType: storedFiles.mimeType,
      size: storedFiles.size,
    })
    .from(indicatorValues)
    .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
    .leftJoin(verifier, eq(verifier.id, indicatorValues.verifiedBy))
    .leftJoin(storedFiles, eq(storedFiles.id, indicatorValues.evidenceFileId))
    .where(and(...conditions));
  return rows.map((r) => ({
    ...r.v,
    enteredByName: r.enteredByName,
    verifiedByName: r.verifiedByName,
    evidence:
      r.fileName !== null && r.mimeType !== null && r.size !== null ? { fileName: r.fileName, mimeType: r.mimeType, size: r.size } : null,
  }));
}

/** One figure (org, year, indicator), if entered. */
export async function findValue(db: Db, key: { orgId: number; year: number; indicatorId: number }): Promise<ValueRow | undefined> {
  const [row] = await findValues(db, { orgIds: [key.orgId], years: [key.year], indicatorIds: [key.indicatorId] });
  return row;
}

/** Attaches (or with null, detaches) an evidence file to a figure. */
export async function setEvidence(db: Db, id: number, fileId: number | null, now: Date): Promise<void> {
  await db.update(indicatorValues).set({ evidenceFileId: fileId, updatedAt: now }).where(eq(indicatorValues.id, id));
}

/** Marks a figure verified by a user (with a note), or back to merely reported. */
export async function setVerified(db: Db, id: number, by: { userId: number; note: string | null } | null, now: Date): Promise<void> {
  await db
    .update(indicatorValues)
    .set(by ? { verifiedBy: by.userId, verifiedAt: now, note: by.note } : { verifiedBy: null, verifiedAt: null, note: null })
    .where(eq(indicatorValues.id, id));
}

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

/**
 * Sets each figure's status from its flags: `disputed` while a flag on it is open, or was referred to the ledger after the
 * figure was last verified; otherwise `verified` if someone verified it, else `reported`. Only figures that are disputed or
 * carry a flag are touched (optionally one figure).
 */
export async function refreshVerification(
  db: Db,
  tenantId: number,
  one?: { orgId: number; year: number; indicatorId: number },
): Promise<void> {
  const onFigure = one ? sql`and v2.org_id = ${one.orgId} and v2.year = ${one.year} and v2.indicator_id = ${one.indicatorId}` : sql``;
  const flagOn = sql`f.tenant_id = v2.tenant_id and f.org_id = v2.org_id and f.indicator_id = v2.indicator_id and f.year = v2.year`;
  await db.execute(sql`update assessment_values v set verification = s.next
    from (
      select v2.id, case
          when exists (select 1 from integrity_flags f where ${flagOn}
            and (f.status = 'open' or (f.status = 'referred' and (v2.verified_at is null or f.updated_at > v2.verified_at)))) then 'disputed'
          when v2.verified_at is not null then 'verified'
          else 'reported' end as next
      from assessment_values v2
      where v2.tenant_id = ${tenantId} ${onFigure}
        and (v2.verification <> 'reported' or v2.verified_at is not null or exists (select 1 from integrity_flags f where ${flagOn}))
    ) s
    where v.id = s.id and v.verification <> s.next`);
}

/** Every figure of a tenant for a range of years (integrity checks). */
export async function findTenantValues(
  db: Db,
  tenantId: number,
  fromYear: number,
  toYear: number,
): Promise<{ orgId: number; indicatorId: number; year: number; value: number }[]> {
  return db
    .select({
      orgId: indicatorValues.orgId,
      indicatorId: indicatorValues.indicatorId,
      year: indicatorValues.year,
      value: indicatorValues.value,
    })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.tenantId, tenantId), sql`${indicatorValues.year} between ${fromYear} and ${toYear}`));
}

/** Upserts figures (org, year, indicator): the batch travels as one JSON parameter (see insertJsonRows). A changed value is `reported` again. */
export async function upsertValues(
  db: Db,
  rows: {
    tenantId: number;
    orgId: number;
    year: number;
    indicatorId: number;
    value: number;
    source: string;
    enteredBy: number | null;
    now: Date;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 20_000) {
    const batch = rows.slice(i, i + 20_000).map((r) => ({
      tenant_id: r.tenantId,
      org_id: r.orgId,
      year: r.year,
      indicator_id: r.indicatorId,
      value: r.value,
      source: r.source,
      entered_by: r.enteredBy,
      created_at: r.now.toISOString(),
      updated_at: r.now.toISOString(),
    }));
    await db.execute(sql`insert into assessment_values (tenant_id, org_id, year, indicator_id, value, source, entered_by, created_at, updated_at)
      select tenant_id, org_id, year, indicator_id, value, source, entered_by, created_at, updated_at
      from jsonb_populate_recordset(null::assessment_values, ${JSON.stringify(batch)}::jsonb)
      on conflict (org_id, year, indicator_id) do update set value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, updated_at = excluded.updated_at,
        verification = case when assessment_values.value = excluded.value then assessment_values.verification else 'reported' end,
        verified_by = case when assessment_values.value = excluded.value then assessment_values.verified_by end,
        verified_at = case when assessment_values.value = excluded.value then assessment_values.verified_at end,
        note = case when assessment_values.value = excluded.value then assessment_values.note end,
        version = assessment_values.version + 1`);
  }
}

/** Deletes figures. */
export async function deleteValues(db: Db, rows: { orgId: number; year: number; indicatorId: number }[]): Promise<number> {
  let n = 0;
  for (const r of rows) {
    const deleted = await db
      .delete(indicatorValues)
      .where(and(eq(indicatorValues.orgId, r.orgId), eq(indicatorValues.year, r.year), eq(indicatorValues.indicatorId, r.indicatorId)))
      .returning({ id: indicatorValues.id });
    n += deleted.length;
  }
  return n;
}

/** Third-party and satisfaction scores of orgs for years. */
export async function findInputs(db: Db, orgIds: number[], years: number[]): Promise<(typeof assessmentInputs.$inferSelect)[]> {
  if (orgIds.length === 0 || years.length === 0) return [];
  return db
    .select()
    .from(assessmentInputs)
    .where(and(inArray(assessmentInputs.orgId, orgIds), inArray(assessmentInputs.year, years)));
}

/** Upserts or clears third-party / satisfaction scores. */
export async function putInputs(
  db: Db,
  rows: { tenantId: number; orgId: number; year: number; kind: string; score: number | null; enteredBy: number | null; now: Date }[],
): Promise<{ saved: number; cleared: number }> {
  let saved = 0;
  let cleared = 0;
  for (const r of rows) {
    if (r.score === null) {
      const deleted = await db
        .delete(assessmentInputs)
        .where(and(eq(assessmentInputs.orgId, r.orgId), eq(assessmentInputs.year, r.year), eq(assessmentInputs.kind, r.kind)))
        .returning({ orgId: assessmentInputs.orgId });
      cleared += deleted.length;
      continue;
    }
    await db
      .insert(assessmentInputs)
      .values({
        tenantId: r.tenantId,
        orgId: r.orgId,
        year: r.year,
        kind: r.kind,
        score: r.score,
        enteredBy: r.enteredBy,
        updatedAt: r.now,
      })
      .onConflictDoUpdate({
        target: [assessmentInputs.orgId, assessmentInputs.year, assessmentInputs.kind],
        set: { score: r.score, enteredBy: r.enteredBy, updatedAt: r.now },
      });
    saved += 1;
  }
  return { saved, cleared };
}

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

/** Flags of a tenant within a scope condition on their org, filtered and paged. */
export async function findFlags(
  db: Db,
  tenantId: number,
  scope: SQL,
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
  const conditions: SQL[] = [
    eq(t.tenantId, tenantId),
    sql`(${t.orgId} is null or exists (select 1 from orgs where orgs.id = ${t.orgId} and ${scope}))`,
  ];
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

/** The root orgs (tenants). */
export async function findTenants(db: Db): Promise<number[]> {
  const rows = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(sql`${orgs.parentId} is null`);
  return rows.map((r) => r.id);
}

/** Deletes a leader-change year; true when there was one. */
export async function deleteLeaderChange(db: Db, orgId: number, year: number): Promise<boolean> {
  const rows = await db
    .delete(leaderChanges)
    .where(and(eq(leaderChanges.orgId, orgId), eq(leaderChanges.year, year)))
    .returning({ orgId: leaderChanges.orgId });
  return rows.length > 0;
}
