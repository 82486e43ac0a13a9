import { and, asc, eq, ilike, inArray, isNull, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { Principal } from '../../platform/http.js';
import { orgs, people, users } from './org.table.js';
import { escapeLike } from '../../platform/sql.js';

/** An org row as stored. */
export type OrgRow = typeof orgs.$inferSelect;
/** A person row as stored. */
export type PersonRow = typeof people.$inferSelect;
/** A user row as stored. */
export type UserRow = typeof users.$inferSelect;

type ScopeSubject = Pick<Principal, 'scope' | 'orgPath' | 'tenantId'>;

/** The SQL condition that keeps rows of orgs within the caller's data scope. */
export function scopeCondition(principal: ScopeSubject): SQL {
  const tenant = eq(orgs.tenantId, principal.tenantId);
  switch (principal.scope) {
    case 'all':
      return tenant;
    case 'subtree':
      return and(tenant, like(orgs.path, `${escapeLike(principal.orgPath)}%`)) as SQL;
    case 'own':
      return and(tenant, eq(orgs.path, principal.orgPath)) as SQL;
  }
}

/** One org by id (unscoped: the service checks scope). */
export async function findOrgById(db: Db, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id)).limit(1);
  return row;
}

/** The first root org (a clean install has exactly one). */
export async function findRootOrg(db: Db): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1);
  return row;
}

/** Orgs in the caller's scope, ordered for a tree. */
export async function findOrgs(
  db: Db,
  principal: ScopeSubject,
  filter: { includeInactive: boolean; q?: string | undefined },
): Promise<OrgRow[]> {
  const conditions: SQL[] = [scopeCondition(principal)];
  if (!filter.includeInactive) conditions.push(eq(orgs.isActive, true));
  if (filter.q) conditions.push(ilike(orgs.name, `%${escapeLike(filter.q)}%`));
  return db
    .select()
    .from(orgs)
    .where(and(...conditions))
    .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.id));
}

/** Does another org of the tenant already use this code? */
export async function isOrgCodeTaken(db: Db, tenantId: number, code: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.tenantId, tenantId), eq(orgs.code, code)))
    .limit(2);
  return rows.some((r) => r.id !== exceptId);
}

/** Reserves the next org id, so the path can be written in the same insert. */
export async function nextOrgId(db: Db): Promise<number> {
  const result = (await db.execute(sql`select nextval(pg_get_serial_sequence('orgs', 'id')) as id`)) as unknown as {
    rows: { id: unknown }[];
  };
  return Number(result.rows[0]?.id);
}

/** Inserts an org. */
export async function createOrg(db: Db, values: typeof orgs.$inferInsert): Promise<OrgRow> {
  const [row] = await db.insert(orgs).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Updates an org if its version still matches; undefined when it does not. */
export async function updateOrg(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof orgs.$inferInsert>,
  now: Date,
): Promise<OrgRow | undefined> {
  const [row] = await db
    .update(orgs)
    .set({ ...patch, version: sql`${orgs.version} + 1`, updatedAt: now })
    .where(and(eq(orgs.id, id), eq(orgs.version, version)))
    .returning();
  return row;
}

/** Rewrites the paths and depths of every org under `oldPrefix` (the moved org included). */
export async function rebaseSubtree(
  db: Db,
  tenantId: number,
  oldPrefix: string,
  newPrefix: string,
  depthDelta: number,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(orgs)
    .set({
      path: sql`${newPrefix} || substr(${orgs.path}, ${oldPrefix.length + 1})`,
      depth: sql`${orgs.depth} + ${depthDelta}`,
      updatedAt: now,
    })
    .where(and(eq(orgs.tenantId, tenantId), like(orgs.path, `${escapeLike(oldPrefix)}%`)))
    .returning({ id: orgs.id });
  return rows.length;
}

/** Counts active orgs below a path (excluding the org itself). */
export async function countActiveDescendants(db: Db, tenantId: number, path: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(and(eq(orgs.tenantId, tenantId), like(orgs.path, `${escapeLike(path)}_%`), eq(orgs.isActive, true)));
  return row?.n ?? 0;
}

/** A person with the name and path of their org. */
export type PersonWithOrg = PersonRow & { orgName: string; orgPath: string; orgTenantId: number };

const personColumns = {
  person: people,
  orgName: orgs.name,
  orgPath: orgs.path,
  orgTenantId: orgs.tenantId,
};

/** Filters for the people list. */
export interface PeopleFilter {
  q?: string | undefined;
  orgPath?: string | undefined;
  subtree: boolean;
  isPrincipal?: boolean | undefined;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

/** People in the caller's scope, filtered and paged, with the total. */
export async function findPeople(
  db: Db,
  principal: ScopeSubject,
  filter: PeopleFilter,
): Promise<{ total: number; items: PersonWithOrg[] }> {
  const conditions: SQL[] = [scopeCondition(principal)];
  if (!filter.includeInactive) conditions.push(eq(people.isActive, true));
  if (filter.isPrincipal !== undefined) conditions.push(eq(people.isPrincipal, filter.isPrincipal));
  if (filter.orgPath) conditions.push(filter.subtree ? like(orgs.path, `${escapeLike(filter.orgPath)}%`) : eq(orgs.path, filter.orgPath));
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const pattern = `%${escapeLike(q)}%`;
    // Latin letters search the pinyin keys (prefix, index-backed); anything else searches the name.
    conditions.push(
      /^[a-z]+$/.test(q)
        ? (or(like(people.nameInitials, `${escapeLike(q)}%`), like(people.namePinyin, `${escapeLike(q)}%`)) as SQL)
        : ilike(people.name, pattern),
    );
  }
  const where = and(...conditions);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .innerJoin(orgs, eq(orgs.id, people.orgId))
    .where(where);
  const rows = await db
    .select(personColumns)
    .from(people)
    .innerJoin(orgs, eq(orgs.id, people.orgId))
    .where(where)
    .orderBy(asc(orgs.path), sql`${people.isPrincipal} desc`, asc(people.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({ ...r.person, orgName: r.orgName, orgPath: r.orgPath, orgTenantId: r.orgTenantId })),
  };
}

/** One person with their org (unscoped: the service checks scope). */
export async function findPersonById(db: Db, id: number): Promise<PersonWithOrg | undefined> {
  const [r] = await db.select(personColumns).from(people).innerJoin(orgs, eq(orgs.id, people.orgId)).where(eq(people.id, id)).limit(1);
  return r ? { ...r.person, orgName: r.orgName, orgPath: r.orgPath, orgTenantId: r.orgTenantId } : undefined;
}

/** Inserts people (one statement). */
export async function createPeople(db: Db, values: (typeof people.$inferInsert)[]): Promise<PersonRow[]> {
  if (values.length === 0) return [];
  return db.insert(people).values(values).returning();
}

/** Updates a person if the version matches. */
export async function updatePerson(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof people.$inferInsert>,
  now: Date,
): Promise<PersonRow | undefined> {
  const [row] = await db
    .update(people)
    .set({ ...patch, version: sql`${people.version} + 1`, updatedAt: now })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning();
  return row;
}

/** A user with their org's name and path. */
export type UserWithOrg = UserRow & { orgName: string; orgPath: string; orgTenantId: number };

const userColumns = { user: users, orgName: orgs.name, orgPath: orgs.path, orgTenantId: orgs.tenantId };
const toUserWithOrg = (r: { user: UserRow; orgName: string; orgPath: string; orgTenantId: number }): UserWithOrg => ({
  ...r.user,
  orgName: r.orgName,
  orgPath: r.orgPath,
  orgTenantId: r.orgTenantId,
});

/** One user by username, case-insensitively. */
export async function findUserByUsername(db: Db, username: string): Promise<UserWithOrg | undefined> {
  const [r] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`)
    .limit(1);
  return r ? toUserWithOrg(r) : undefined;
}

/** One user by id. */
export async function findUserById(db: Db, id: number): Promise<UserWithOrg | undefined> {
  const [r] = await db.select(userColumns).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, id)).limit(1);
  return r ? toUserWithOrg(r) : undefined;
}

/** Users in the caller's scope, paged. */
export async function findUsers(
  db: Db,
  principal: ScopeSubject,
  filter: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number },
): Promise<{ total: number; items: UserWithOrg[] }> {
  const conditions: SQL[] = [scopeCondition(principal)];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  const where = and(...conditions);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(where)
    .orderBy(asc(users.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { total: count?.n ?? 0, items: rows.map(toUserWithOrg) };
}

/** The enabled accounts of a role in a tenant, with their orgs (e.g. the security administrators to tell of a lock). */
export async function findActiveUsersOfRole(db: Db, tenantId: number, role: string): Promise<UserWithOrg[]> {
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(orgs.tenantId, tenantId), eq(users.role, role), eq(users.isDisabled, false)))
    .orderBy(asc(users.id));
  return rows.map(toUserWithOrg);
}

/** Inserts a user. */
export async function createUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/**
 * Updates a user if the version matches. `version: null` is for the user's own bookkeeping
 * (last login, own password), which neither checks nor bumps the version an administrator edits.
 */
export async function updateUser(
  db: Db,
  id: number,
  version: number | null,
  patch: Partial<typeof users.$inferInsert>,
  now: Date,
): Promise<UserRow | undefined> {
  const where = version === null ? eq(users.id, id) : and(eq(users.id, id), eq(users.version, version));
  const [row] = await db
    .update(users)
    .set(version === null ? { ...patch, updatedAt: now } : { ...patch, version: sql`${users.version} + 1`, updatedAt: now })
    .where(where)
    .returning();
  return row;
}

/** Counts all users (to tell an empty install). */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** `column in (ids of the orgs in the caller's scope)`, for queries of other tables. */
export function scopedOrgCondition(principal: ScopeSubject, column: AnyColumn): SQL {
  return sql`${column} in (select ${orgs.id} from ${orgs} where ${scopeCondition(principal)})`;
}

/** Org names by id (empty list guarded). */
export async function findOrgNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Person names by id (empty list guarded). */
export async function findPersonNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active users of the given roles in the caller's scope, by name (for pickers such as 交办). */
export async function findUsersByRoles(
  db: Db,
  principal: ScopeSubject,
  roles: string[],
  q: string | undefined,
  limit: number,
): Promise<{ id: number; displayName: string; username: string; orgName: string; role: string }[]> {
  if (roles.length === 0) return [];
  const conditions: SQL[] = [scopeCondition(principal), inArray(users.role, roles), eq(users.isDisabled, false), eq(users.isLocked, false)];
  if (q)
    conditions.push(
      or(
        ilike(users.displayName, `%${escapeLike(q)}%`),
        ilike(users.username, `%${escapeLike(q)}%`),
        ilike(orgs.name, `%${escapeLike(q)}%`),
      ) as SQL,
    );
  return db
    .select({ id: users.id, displayName: users.displayName, username: users.username, orgName: orgs.name, role: users.role })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(...conditions))
    .orderBy(asc(orgs.path), asc(users.id))
    .limit(limit);
}

/** Display names of users by id. */
export async function findUserNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
