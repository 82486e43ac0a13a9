// Reads other modules need from org (orgs, people, users), so that no module reads org's tables itself.
// Each function is scoped by the caller or says plainly that it is not (for seeds and background jobs).
import { and, asc, eq, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { Principal } from '../../platform/http.js';
import * as repo from './org.repository.js';
import { findRootOrg, scopeCondition } from './org.repository.js';
import { orgs, people, users } from './org.table.js';

export { assignableUsers } from './org.service.js';

/** An org as an import matches names against it. */
export interface OrgForImport {
  id: number;
  tenantId: number;
  name: string;
  code: string | null;
  path: string;
  parentId: number | null;
}

/** The active orgs in the caller's scope (id, tenant, name, code, path, parent), ordered for a tree: for matching names in imports. */
export async function orgsForImport(db: Db, principal: Principal): Promise<OrgForImport[]> {
  const rows = await repo.findOrgs(db, principal, { includeInactive: false });
  return rows.map((o) => ({ id: o.id, tenantId: o.tenantId, name: o.name, code: o.code, path: o.path, parentId: o.parentId }));
}

/** A person as an import matches names against them, with their org's name and path. */
export interface PersonForImport {
  id: number;
  name: string;
  orgPath: string;
  orgName: string;
}

/** The active people of the orgs in the caller's scope, with their org's name and path: for matching names in imports. */
export async function peopleForImport(db: Db, principal: Principal): Promise<PersonForImport[]> {
  return db
    .select({ id: people.id, name: people.name, orgPath: orgs.path, orgName: orgs.name })
    .from(people)
    .innerJoin(orgs, eq(orgs.id, people.orgId))
    .where(and(eq(people.isActive, true), repo.scopedOrgCondition(principal, people.orgId)));
}

/** What other modules may know of an account: who it is, where it sits, whether it is enabled. */
export interface UserBrief {
  id: number;
  username: string;
  displayName: string;
  role: string;
  orgId: number;
  /** Tenant and path of the account's org (for `inScope`). */
  orgTenantId: number;
  orgPath: string;
  isDisabled: boolean;
}

const brief = (u: repo.UserWithOrg): UserBrief => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgId: u.orgId,
  orgTenantId: u.orgTenantId,
  orgPath: u.orgPath,
  isDisabled: u.isDisabled,
});

/** One account by id, unscoped (the caller checks scope with `inScope`). */
export async function findUserBrief(db: Db, id: number): Promise<UserBrief | undefined> {
  const user = await repo.findUserById(db, id);
  return user ? brief(user) : undefined;
}

/** One account by username (case-insensitively), unscoped: for seeds. */
export async function findUserBriefByUsername(db: Db, username: string): Promise<UserBrief | undefined> {
  const user = await repo.findUserByUsername(db, username);
  return user ? brief(user) : undefined;
}

/**
 * `exists` an org at or above the org at `orgPath` whose id is `orgColumn` (an org publishes to the units
 * beneath it), as SQL for other modules' queries.
 */
export function orgAtOrAboveCondition(orgColumn: AnyColumn, orgPath: string): SQL {
  return sql`exists (select 1 from ${orgs} po where po.id = ${orgColumn} and ${orgPath} like po.path || '%')`;
}

/**
 * The relation `(org_id, org_path)` of every org, as SQL to join in other modules' queries that group rows
 * by org subtree (e.g. `join ${orgPathsRelation()} ro on ro.org_id = i.responsible_org_id`).
 */
export function orgPathsRelation(): SQL {
  return sql`(select id as org_id, path as org_path from ${orgs})`;
}

/** Name, path and depth of each org (unscoped: the caller holds ids it may see). */
export async function orgBriefs(db: Db, ids: number[]): Promise<Map<number, { name: string; path: string; depth: number }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path, depth: orgs.depth })
    .from(orgs)
    .where(inArray(orgs.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path, depth: r.depth }]));
}

/** Active users linked to the principal people (一把手) of the orgs, by org (unscoped: for reminders). */
export async function principalUsersOf(db: Db, orgIds: number[]): Promise<{ orgId: number; userId: number }[]> {
  if (orgIds.length === 0) return [];
  return db
    .select({ orgId: people.orgId, userId: users.id })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(
      and(
        inArray(people.orgId, [...new Set(orgIds)]),
        eq(people.isPrincipal, true),
        eq(people.isActive, true),
        eq(users.isDisabled, false),
      ),
    );
}

/** Active users linked to the people, by person (unscoped: for reminders). */
export async function activeUsersOfPeople(db: Db, personIds: number[]): Promise<{ personId: number; userId: number }[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .select({ personId: users.personId, userId: users.id })
    .from(users)
    .where(and(inArray(users.personId, [...new Set(personIds)]), eq(users.isDisabled, false)));
  return rows.filter((r): r is { personId: number; userId: number } => r.personId !== null);
}

/** Which of these users are active (not disabled). */
export async function activeUserIds(db: Db, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...new Set(userIds)]), eq(users.isDisabled, false)));
  return new Set(rows.map((r) => r.id));
}

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

/** The active people of a tenant with their org and whether they are its principal (unscoped: for the demo seed). */
export async function peopleForSeed(db: Db, tenantId: number): Promise<{ id: number; orgId: number; isPrincipal: boolean }[]> {
  return db
    .select({ id: people.id, orgId: people.orgId, isPrincipal: people.isPrincipal })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.isActive, true)))
    .orderBy(asc(people.id));
}
