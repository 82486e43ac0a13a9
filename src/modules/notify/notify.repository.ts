import { and, asc, count, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { orgBriefs } from '../org/index.js';
import { findLitItems, type LitItem, type LitItemColumns } from '../ledger/index.js';
import { ledgerReminders, notifications, orgWebhooks, webhookDeliveries } from './notify.table.js';

/** A notification row. */
export type NotificationRow = typeof notifications.$inferSelect;
/** A webhook row. */
export type WebhookRow = typeof orgWebhooks.$inferSelect;
/** A delivery row. */
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** An open yellow or red item whose reminder may be due, with its last reminders. */
export interface ReminderCandidate extends LitItem {
  orgName: string;
  orgPath: string;
  lastYellowOn: string | null;
  lastRedOn: string | null;
}

/**
 * Open items of every tenant that are yellow without a yellow reminder, or red without a red reminder in the
 * last `repeatDays` days (the light is the ledger's own); keyset-paged by id.
 */
export async function findReminderCandidates(
  db: Db,
  o: { today: string; warnDays: number; repeatDays: number; afterId: number; limit: number },
): Promise<ReminderCandidate[]> {
  // Yellow counts only the reminders about the current deadline: after an approved extension the item is warned again.
  const lastOf = (item: LitItemColumns, kind: 'yellow' | 'red') =>
    sql`(select max(r.sent_on)::text from ${ledgerReminders} r where r.item_id = ${item.id} and r.kind = ${kind}${kind === 'yellow' ? sql` and r.deadline is not distinct from ${item.deadline}` : sql``})`;
  const rows = await findLitItems(db, {
    today: o.today,
    warnDays: o.warnDays,
    afterId: o.afterId,
    limit: o.limit,
    where: (item) =>
      sql`((${item.light} = 'yellow' and not exists (select 1 from ${ledgerReminders} r where r.item_id = ${item.id} and r.kind = 'yellow' and r.deadline is not distinct from ${item.deadline}))
          or (${item.light} = 'red' and not exists (select 1 from ${ledgerReminders} r where r.item_id = ${item.id} and r.kind = 'red' and r.sent_on > ${o.today}::date - ${o.repeatDays}::int)))`,
    extra: (item) => ({ lastYellowOn: lastOf(item, 'yellow'), lastRedOn: lastOf(item, 'red') }),
  });
  const briefs = await orgBriefs(
    db,
    rows.map((r) => r.responsibleOrgId),
  );
  return rows.map((r) => ({
    ...r,
    orgName: briefs.get(r.responsibleOrgId)?.name ?? '',
    orgPath: briefs.get(r.responsibleOrgId)?.path ?? '',
    lastYellowOn: (r.lastYellowOn as string | null) ?? null,
    lastRedOn: (r.lastRedOn as string | null) ?? null,
  }));
}

/** Claims reminders (item, kind, day); answers the claims this call won — a second pass or server gets none. */
export async function claimReminders(db: Db, values: (typeof ledgerReminders.$inferInsert)[]): Promise<{ itemId: number; kind: string }[]> {
  if (values.length === 0) return [];
  return db
    .insert(ledgerReminders)
    .values(values)
    .onConflictDoNothing()
    .returning({ itemId: ledgerReminders.itemId, kind: ledgerReminders.kind });
}

/** Enabled webhooks of the orgs, with the depth of their org (the nearest ancestor wins). */
export async function findEnabledWebhooks(db: Db, orgIds: number[]): Promise<{ id: number; orgId: number; depth: number }[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .select({ id: orgWebhooks.id, orgId: orgWebhooks.orgId })
    .from(orgWebhooks)
    .where(and(inArray(orgWebhooks.orgId, [...new Set(orgIds)]), eq(orgWebhooks.enabled, true)));
  const briefs = await orgBriefs(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map((r) => ({ ...r, depth: briefs.get(r.orgId)?.depth ?? 0 }));
}

/** Rows with the name of their org; `byPath` orders them as the org tree does. */
async function withOrgNames<T extends { orgId: number }>(db: Db, rows: T[], byPath = false): Promise<(T & { orgName: string })[]> {
  const briefs = await orgBriefs(
    db,
    rows.map((r) => r.orgId),
  );
  const named = rows.map((r) => ({ ...r, orgName: briefs.get(r.orgId)?.name ?? '' }));
  if (byPath) {
    const path = (id: number) => briefs.get(id)?.path ?? '';
    named.sort((a, b) => (path(a.orgId) < path(b.orgId) ? -1 : path(a.orgId) > path(b.orgId) ? 1 : 0));
  }
  return named;
}

/** Inserts notifications. */
export async function createNotifications(db: Db, values: (typeof notifications.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) await db.insert(notifications).values(values.slice(i, i + 500));
}

/** Queues webhook deliveries. */
export async function createDeliveries(db: Db, values: (typeof webhookDeliveries.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await db.insert(webhookDeliveries).values(values);
}

/** A user's notifications, newest first. */
export async function findNotifications(
  db: Db,
  userId: number,
  o: { unread: boolean; page: number; pageSize: number },
): Promise<{ total: number; items: NotificationRow[] }> {
  const where = and(eq(notifications.userId, userId), o.unread ? isNull(notifications.readAt) : undefined);
  const [total] = await db.select({ n: count() }).from(notifications).where(where);
  const items = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  return { total: total?.n ?? 0, items };
}

/** How many of a user's notifications are unread. */
export async function countUnread(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (keeps the first read time); undefined when it is not theirs. */
export async function markRead(db: Db, userId: number, id: number, now: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row;
}

/** Marks all of the user's notifications read; answers how many were unread. */
export async function markAllRead(db: Db, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Webhooks of the orgs matching `scope`, with org names. */
export async function findWebhooks(db: Db, scope: SQL): Promise<(WebhookRow & { orgName: string })[]> {
  return withOrgNames(db, await db.select().from(orgWebhooks).where(scope), true);
}

/** The webhook of an org. */
export async function findWebhookByOrg(db: Db, orgId: number): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(orgWebhooks).where(eq(orgWebhooks.orgId, orgId)).limit(1);
  return row;
}

/** Inserts a webhook; undefined when the org has one already. */
export async function createWebhook(db: Db, values: typeof orgWebhooks.$inferInsert): Promise<WebhookRow | undefined> {
  const [row] = await db.insert(orgWebhooks).values(values).onConflictDoNothing().returning();
  return row;
}

/** Updates a webhook if its version matches; undefined on a stale version. */
export async function updateWebhook(
  db: Db,
  id: number,
  version: number,
  patch: { url: string; enabled: boolean; updatedBy: number; updatedAt: Date },
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .update(orgWebhooks)
    .set({ ...patch, version: sql`${orgWebhooks.version} + 1` })
    .where(and(eq(orgWebhooks.id, id), eq(orgWebhooks.version, version)))
    .returning();
  return row;
}

/** Deliveries of the orgs matching `scope`, newest first. */
export async function findDeliveries(
  db: Db,
  scope: SQL,
  o: { status?: string | undefined; page: number; pageSize: number },
): Promise<{ total: number; items: (DeliveryRow & { orgName: string })[] }> {
  const where = and(scope, o.status ? eq(webhookDeliveries.status, o.status) : undefined);
  const [total] = await db.select({ n: count() }).from(webhookDeliveries).where(where);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  return { total: total?.n ?? 0, items: await withOrgNames(db, rows) };
}

/** One delivery with its org name. */
export async function findDelivery(db: Db, id: number): Promise<(DeliveryRow & { orgName: string }) | undefined> {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return (await withOrgNames(db, rows))[0];
}

/** Pending deliveries due by `now`, with their webhook's current URL and switch. */
export async function findDueDeliveries(db: Db, now: Date, limit: number): Promise<(DeliveryRow & { url: string; enabled: boolean })[]> {
  const rows = await db
    .select({ d: webhookDeliveries, url: orgWebhooks.url, enabled: orgWebhooks.enabled })
    .from(webhookDeliveries)
    .innerJoin(orgWebhooks, eq(orgWebhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.d, url: r.url, enabled: r.enabled }));
}

/** Takes a due delivery for one attempt (moves its next attempt to `until`); false when another server took it. */
export async function leaseDelivery(db: Db, id: number, now: Date, until: Date): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: until })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** Records the outcome of an attempt or a manual retry. */
export async function updateDelivery(
  db: Db,
  id: number,
  patch: Partial<typeof webhookDeliveries.$inferInsert>,
): Promise<DeliveryRow | undefined> {
  const [row] = await db.update(webhookDeliveries).set(patch).where(eq(webhookDeliveries.id, id)).returning();
  return row;
}
