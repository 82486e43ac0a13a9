import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.js';
import { storedFiles } from '../../../platform/files.table.js';
import { assessmentInputs, indicatorValues } from '../assessment.table.js';

/** A figure of an org for a year and indicator, with its evidence file's name, type and size when it has one. */
export type ValueRow = typeof indicatorValues.$inferSelect & {
  evidence: { fileName: string; mimeType: string; size: number } | null;
};

/** Figures of orgs for years and indicators. */
export async function findValues(
  db: Db,
  f: { orgIds: number[]; years: number[]; indicatorIds?: number[] | undefined },
): Promise<ValueRow[]> {
  if (f.orgIds.length === 0 || f.years.length === 0 || (f.indicatorIds && f.indicatorIds.length === 0)) return [];
  const conditions: SQL[] = [inArray(indicatorValues.orgId, f.orgIds), inArray(indicatorValues.year, f.years)];
  if (f.indicatorIds) conditions.push(inArray(indicatorValues.indicatorId, f.indicatorIds));
  const rows = await db
    .select({
      v: indicatorValues,
      fileName: storedFiles.fileName,
      mimeType: storedFiles.mimeType,
      size: storedFiles.size,
    })
    .from(indicatorValues)
    .leftJoin(storedFiles, eq(storedFiles.id, indicatorValues.evidenceFileId))
    .where(and(...conditions));
  return rows.map((r) => ({
    ...r.v,
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
