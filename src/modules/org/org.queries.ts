// Reads other modules need from org (orgs, people, users), so that no module reads org's tables itself.
// Each function says whether it is scoped: unscoped ones serve background jobs and callers that scoped the ids already.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { orgs, people, users } from './org.table.js';

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
