import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { ThrottleState } from './auth.rules.js';
import { apiTokens, loginThrottle, securitySettings, sessions } from './org.table.js';

/** A session row. */
export type SessionRow = typeof sessions.$inferSelect;
/** The security settings row. */
export type SecuritySettingsRow = typeof securitySettings.$inferSelect;
/** An API token row. */
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Stores a new session. */
export async function createSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** One session by token digest. */
export async function findSession(db: Db, digest: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenDigest, digest)).limit(1);
  return row;
}

/** Records activity on a session. */
export async function touchSession(db: Db, digest: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenDigest, digest));
}

/** Ends one session. */
export async function revokeSession(db: Db, digest: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenDigest, digest), isNull(sessions.revokedAt)));
}

/** Ends every open session of a user, but `exceptDigest`; returns how many. */
export async function revokeUserSessions(db: Db, userId: number, now: Date, exceptDigest?: string | null): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptDigest ? ne(sessions.tokenDigest, exceptDigest) : undefined))
    .returning({ d: sessions.tokenDigest });
  return rows.length;
}

/** Stores a new API token (its digest). */
export async function createApiToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A user's tokens, newest first. */
export async function findApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}

/** A live token by digest. */
export async function findApiTokenByDigest(db: Db, digest: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenDigest, digest), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row;
}

/** Marks a token used. */
export async function touchApiToken(db: Db, id: number, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

/** Revokes a token of a user; false when the user has no such live token. */
export async function revokeApiToken(db: Db, userId: number, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Revokes every token of a user. */
export async function revokeUserApiTokens(db: Db, userId: number, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** The failed-login state of a key. */
export async function findThrottle(db: Db, key: string): Promise<ThrottleState | null> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  return row ? { failures: row.failures, lockedUntil: row.lockedUntil, lastFailureAt: row.updatedAt } : null;
}

/** Writes the failed-login state of a key. */
export async function saveThrottle(db: Db, key: string, state: ThrottleState, now: Date): Promise<void> {
  await db
    .insert(loginThrottle)
    .values({ key, failures: state.failures, lockedUntil: state.lockedUntil, updatedAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: state.failures, lockedUntil: state.lockedUntil, updatedAt: now } });
}

/** The latest wait still running on any client of an account (its own and its devices' keys), if any. */
export async function findLatestWait(db: Db, userId: number, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ until: sql<Date | string | null>`max(${loginThrottle.lockedUntil})` })
    .from(loginThrottle)
    .where(
      sql`(${loginThrottle.key} like ${`acct:${userId}:%`} or ${loginThrottle.key} like ${`dev:${userId}:%`}) and ${loginThrottle.lockedUntil} > ${now}`,
    );
  return row?.until ? new Date(row.until) : null;
}

/** Clears failed-login state for keys starting with `prefix` (an account and its devices). */
export async function clearThrottle(db: Db, prefix: string): Promise<void> {
  await db.delete(loginThrottle).where(sql`${loginThrottle.key} like ${`${prefix}%`}`);
}

/** The stored security settings row, if the secadmin ever saved one. */
export async function findSecuritySettings(db: Db): Promise<SecuritySettingsRow | undefined> {
  const [row] = await db.select().from(securitySettings).where(eq(securitySettings.id, 1)).limit(1);
  return row;
}

/** Saves the security settings if the version matches (0 = none saved yet); false on a stale version. */
export async function saveSecuritySettings(
  db: Db,
  version: number,
  values: Omit<typeof securitySettings.$inferInsert, 'id' | 'version'>,
): Promise<boolean> {
  if (version === 0) {
    const rows = await db
      .insert(securitySettings)
      .values({ id: 1, ...values })
      .onConflictDoNothing()
      .returning({ id: securitySettings.id });
    return rows.length > 0;
  }
  const rows = await db
    .update(securitySettings)
    .set({ ...values, version: sql`${securitySettings.version} + 1` })
    .where(and(eq(securitySettings.id, 1), eq(securitySettings.version, version)))
    .returning({ id: securitySettings.id });
  return rows.length > 0;
}
