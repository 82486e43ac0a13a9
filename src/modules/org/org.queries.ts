// Reads other modules need from org (orgs, people, users), so that no module reads org's tables itself.
// Each function is scoped by the caller or says plainly that it is not (for seeds and background jobs).
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { Principal } from '../../platform/http.js';
import { findRootOrg, scopeCondition } from './org.repository.js';
import { orgs } from './org.table.js';

/** A unit that is assessed: its id, name, zone and materialised path (the ledger counts its subtree). */
export interface AssessedUnit {
  id: number;
  name: string;
  zone: string;
  path: string;
}

/**
 * The assessed units of a tenant: its active orgs of a zone and a level (each optional), in tree order. With a
 * principal only those in the principal's data scope; without one the whole tenant (a ranking needs every unit of
 * its zone, whoever asks).
 */
export async function assessedUnits(
  db: Db,
  tenantId: number,
  filter: {
    zone?: string | undefined;
    level?: string | undefined;
    principal?: Pick<Principal, 'scope' | 'orgPath' | 'tenantId'> | undefined;
  },
): Promise<AssessedUnit[]> {
  const conditions: SQL[] = [eq(orgs.tenantId, tenantId), eq(orgs.isActive, true)];
  if (filter.principal) conditions.push(scopeCondition(filter.principal));
  if (filter.zone) conditions.push(eq(orgs.zone, filter.zone));
  if (filter.level) conditions.push(eq(orgs.level, filter.level));
  return db
    .select({ id: orgs.id, name: orgs.name, zone: orgs.zone, path: orgs.path })
    .from(orgs)
    .where(and(...conditions))
    .orderBy(asc(orgs.path));
}

/** Where an org sits: its tenant, parent, level and zone. */
export interface OrgPlace {
  id: number;
  tenantId: number;
  parentId: number | null;
  name: string;
  level: string;
  zone: string;
  path: string;
  isActive: boolean;
}

/** Orgs by id, active or not (unscoped: for orgs the caller has already been checked against; empty list guarded). */
export async function orgsByIds(db: Db, ids: number[]): Promise<OrgPlace[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db
    .select({
      id: orgs.id,
      tenantId: orgs.tenantId,
      parentId: orgs.parentId,
      name: orgs.name,
      level: orgs.level,
      zone: orgs.zone,
      path: orgs.path,
      isActive: orgs.isActive,
    })
    .from(orgs)
    .where(inArray(orgs.id, unique));
}

/** A node of a tenant's org tree. */
export interface OrgTreeNode {
  id: number;
  name: string;
  zone: string;
  level: string;
  parentId: number | null;
}

/** Every org of a tenant, active or not, in storage order (unscoped: for background checks and seeds). */
export async function orgTree(db: Db, tenantId: number): Promise<OrgTreeNode[]> {
  return db
    .select({ id: orgs.id, name: orgs.name, zone: orgs.zone, level: orgs.level, parentId: orgs.parentId })
    .from(orgs)
    .where(eq(orgs.tenantId, tenantId));
}

/** The tenants: ids of the root orgs (unscoped: for background jobs that run per tenant). */
export async function tenantIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId));
  return rows.map((r) => r.id);
}

/** The first root org, its tenant and path (unscoped: for seeds; a clean install has exactly one). */
export async function firstRootOrg(db: Db): Promise<{ id: number; tenantId: number; path: string } | undefined> {
  const root = await findRootOrg(db);
  return root && { id: root.id, tenantId: root.tenantId, path: root.path };
}
