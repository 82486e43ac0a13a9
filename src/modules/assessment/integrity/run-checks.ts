/** Runs the checks over stored figures and upserts the flags that fire. A flag is a reason to look, never a verdict. */
import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db.js';
import { orgTree } from '../../org/index.js';
import type { integrityFlags } from '../assessment.table.js';
import { findIndicators } from '../indicators/indicators.repository.js';
import { findLeaderChanges } from '../leader-changes/leader-changes.repository.js';
import { findSchemeLines, findSchemes } from '../schemes/schemes.repository.js';
import { findTenantValues, refreshVerification } from '../values/values.repository.js';
import { STORED_CHECK, type IntegrityFlag, type Reason } from './checks.js';
import { evaluateFigures } from './evaluate.js';
import * as repo from './integrity.repository.js';

/** Years of history the checks read before the year checked. */
const HISTORY_YEARS = 8;

/** What a run found. */
export interface IntegritySummary {
  year: number;
  checked: number;
  flags: number;
  newFlags: number;
  byCheck: Record<string, number>;
  refused: Reason[];
}

type FlagInsert = typeof integrityFlags.$inferInsert;

/** A flag's identity: the same finding on a rerun has the same fingerprint, so it is updated, not duplicated. */
function fingerprint(parts: (string | number | undefined | null)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('|'))
    .digest('hex')
    .slice(0, 32);
}

/** A flag as stored, filed under its check (benford, jump…) with the test that fired in its detail. */
function toRow(tenantId: number, flag: IntegrityFlag, indicatorId: number | null, now: Date): FlagInsert {
  const orgId = flag.orgId === undefined ? null : Number(flag.orgId);
  return {
    tenantId,
    check: STORED_CHECK[flag.check],
    orgId,
    indicatorId,
    year: flag.year ?? null,
    fingerprint: fingerprint([flag.check, orgId, flag.otherOrgId, indicatorId, flag.year]),
    reasonKey: flag.reason.key,
    params: { ...flag.reason.params },
    detail: {
      check: flag.check,
      inputs: flag.inputs,
      statistic: flag.statistic,
      threshold: flag.threshold,
      alsoHeld: flag.alsoHeld,
      otherOrgId: flag.otherOrgId ?? null,
    } as Record<string, unknown>,
    createdAt: now,
    updatedAt: now,
  };
}

/** Runs every check for `year` (with history) over a tenant's figures and stores the flags. */
export async function runIntegrityChecks(db: Db, tenantId: number, year: number, now: Date): Promise<IntegritySummary> {
  const figures = await findTenantValues(db, tenantId, year - HISTORY_YEARS, year);
  const indicatorRows = await findIndicators(db, tenantId, { includeInactive: true });
  const orgRows = await orgTree(db, tenantId);
  const schemes = await findSchemes(db, tenantId, { year });
  const lines = await findSchemeLines(
    db,
    schemes.map((s) => s.id),
  );
  const targets: { indicatorId: number; target: number }[] = [];
  for (const scheme of schemes)
    for (const line of lines.filter((l) => l.schemeId === scheme.id))
      if (line.method === 'target' && line.target !== null) targets.push({ indicatorId: line.indicatorId, target: line.target });
  const { flags, refused } = evaluateFigures(
    { figures, indicators: indicatorRows, orgs: orgRows, leaderChanges: await findLeaderChanges(db, tenantId), targets },
    year,
  );
  // One row per fingerprint (a rerun or two checks of the same kind never duplicate).
  const rows = flags.map((f) => toRow(tenantId, f.flag, f.indicatorId, now));
  const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()];
  const newFlags = await repo.upsertFlags(db, unique);
  await refreshVerification(db, tenantId);
  const byCheck: Record<string, number> = {};
  for (const r of unique) byCheck[r.check] = (byCheck[r.check] ?? 0) + 1;
  return { year, checked: figures.length, flags: unique.length, newFlags, byCheck, refused };
}
