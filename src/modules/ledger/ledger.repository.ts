import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { escapeLike } from '../../platform/sql.js';
import { timeZone } from '../../platform/time.js';
import {
  ledgerCounters,
  ledgerEvents,
  ledgerEvidence,
  ledgerExtensions,
  ledgerIdempotency,
  ledgerItems,
  ledgerLinks,
  ledgerMeasures,
  ledgerRechecks,
} from './ledger.table.js';

/** An item row. */
export type ItemRow = typeof ledgerItems.$inferSelect;
/** A measure row. */
export type MeasureRow = typeof ledgerMeasures.$inferSelect;
/** An event row. */
export type EventRow = typeof ledgerEvents.$inferSelect;

/** The next number of a code counter (atomic upsert). */
export async function nextCodeNumber(db: Db, tenantId: number, prefix: string, year: number): Promise<number> {
  const [row] = await db
    .insert(ledgerCounters)
    .values({ tenantId, prefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [ledgerCounters.tenantId, ledgerCounters.prefix, ledgerCounters.year],
      set: { last: sql`${ledgerCounters.last} + 1` },
    })
    .returning({ last: ledgerCounters.last });
  return row?.last ?? 1;
}

/** Inserts an item. */
export async function createItem(db: Db, values: typeof ledgerItems.$inferInsert): Promise<ItemRow> {
  const [row] = await db.insert(ledgerItems).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** One item by id (unscoped: the service checks scope). */
export async function findItem(db: Db, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(ledgerItems).where(eq(ledgerItems.id, id)).limit(1);
  return row;
}

/** One item by its external reference within a tenant and source. */
export async function findItemByExternalRef(db: Db, tenantId: number, source: string, externalRef: string): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(ledgerItems)
    .where(and(eq(ledgerItems.tenantId, tenantId), eq(ledgerItems.source, source), eq(ledgerItems.externalRef, externalRef)))
    .limit(1);
  return row;
}

/** Updates an item if its version matches; undefined on a stale version. */
export async function updateItem(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof ledgerItems.$inferInsert>,
  now: Date,
): Promise<ItemRow | undefined> {
  const [row] = await db
    .update(ledgerItems)
    .set({ ...patch, version: sql`${ledgerItems.version} + 1`, updatedAt: now })
    .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
    .returning();
  return row;
}

/** The SQL light of an item on `today`, the same rule as `lightOf` in ledger.rules.ts. */
export function lightSql(today: string, warnDays: number): SQL {
  const t = ledgerItems;
  return sql`case
    when ${t.status} not in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened') or ${t.deadline} is null then null
    when ${t.deadline} < ${today}::date then 'red'
    when ${t.deadline} - ${today}::date < ${warnDays} then 'yellow'
    when ${t.measuresTotal} > 0 and ${t.measuresDone}::float8 / ${t.measuresTotal}
      < ((${today}::date - (${t.createdAt} at time zone ${timeZone()})::date)::float8 / greatest(${t.deadline} - (${t.createdAt} at time zone ${timeZone()})::date + 1, 1)) then 'yellow'
    else 'green' end`;
}

/** Filters of the list, already resolved to SQL-ready values. */
export interface ItemFilter {
  scope: SQL;
  today: string;
  warnDays: number;
  orgPathCondition?: SQL | undefined;
  kind?: string | undefined;
  category?: string | undefined;
  source?: string | undefined;
  status?: string | undefined;
  light?: string | undefined;
  responsibleOrgId?: number | undefined;
  responsiblePersonId?: number | undefined;
  handlerUserId?: number | undefined;
  pool?: boolean | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  confidentiality?: string | undefined;
  /** 我的待办: the items waiting for this user (see todoReasons in ledger.rules.ts, the same rule). */
  todo?: { userId: number; personId: number | null; isSupervisor: boolean; recheckBy: string } | undefined;
  page: number;
  pageSize: number;
  sort: string;
}

const OPEN_STATUSES = sql.raw("'submitted','assigned','claimed','rectifying','closure_requested','returned','reopened'");

/** The SQL of 我的待办, the same rule as todoReasons in ledger.rules.ts. */
function todoCondition(todo: NonNullable<ItemFilter['todo']>): SQL {
  const t = ledgerItems;
  const personId = todo.personId ?? -1;
  const handle = sql`(${t.handlerUserId} = ${todo.userId} and ${t.status} in ('assigned','claimed','rectifying','returned','reopened'))`;
  const review = sql`(${t.status} = 'closure_requested' and ${t.handlerUserId} is distinct from ${todo.userId} and (${todo.isSupervisor}::boolean or ${t.leadLeaderId} = ${personId}))`;
  const extension = sql`(${t.status} in (${OPEN_STATUSES}) and exists (select 1 from ledger_extensions e where e.item_id = ${t.id} and e.status = 'pending' and e.requested_by <> ${todo.userId})
    and (${todo.isSupervisor}::boolean or ${t.assignerUserId} = ${todo.userId} or ${t.leadLeaderId} = ${personId}))`;
  const recheck = sql`(${todo.isSupervisor}::boolean and ${t.status} = 'closed' and ${t.recheckDue} <= ${todo.recheckBy}::date)`;
  return sql`(${handle} or ${review} or ${extension} or ${recheck})`;
}

/** The WHERE of a filtered list (shared by the list and the export). */
function itemConditions(f: Omit<ItemFilter, 'page' | 'pageSize' | 'sort'>): SQL | undefined {
  const t = ledgerItems;
  const light = lightSql(f.today, f.warnDays);
  const conditions: SQL[] = [f.scope];
  if (f.orgPathCondition) conditions.push(f.orgPathCondition);
  if (f.kind) conditions.push(eq(t.kind, f.kind));
  if (f.category) conditions.push(eq(t.category, f.category));
  if (f.source) conditions.push(eq(t.source, f.source));
  if (f.status) conditions.push(eq(t.status, f.status));
  if (f.light) {
    // The same rule as lightSql, said so the planner can use the (tenant, org, status) and deadline indexes:
    // only open items with a deadline have a light, and red is exactly "open and past the deadline".
    conditions.push(
      sql`${t.status} in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened') and ${t.deadline} is not null`,
    );
    if (f.light === 'red') conditions.push(sql`${t.deadline} < ${f.today}::date`);
    else conditions.push(sql`${t.deadline} >= ${f.today}::date and (${light}) = ${f.light}`);
  }
  if (f.responsibleOrgId) conditions.push(eq(t.responsibleOrgId, f.responsibleOrgId));
  if (f.responsiblePersonId) conditions.push(eq(t.responsiblePersonId, f.responsiblePersonId));
  if (f.handlerUserId) conditions.push(eq(t.handlerUserId, f.handlerUserId));
  if (f.pool !== undefined) conditions.push(and(eq(t.isInPool, f.pool), eq(t.status, 'submitted')) as SQL);
  if (f.deadlineFrom) conditions.push(gte(t.deadline, f.deadlineFrom));
  if (f.deadlineTo) conditions.push(lte(t.deadline, f.deadlineTo));
  if (f.q)
    conditions.push(or(ilike(t.title, `%${escapeLike(f.q)}%`), ilike(t.description, `%${escapeLike(f.q)}%`), eq(t.code, f.q)) as SQL);
  if (f.tag) conditions.push(sql`${f.tag} = any(${t.tags})`);
  if (f.confidentiality) conditions.push(eq(t.confidentiality, f.confidentiality));
  if (f.todo) conditions.push(todoCondition(f.todo));
  return and(...conditions);
}

/** Items in scope, filtered, sorted and paged, each with its light. */
export async function findItems(db: Db, f: ItemFilter): Promise<{ total: number; items: (ItemRow & { light: string | null })[] }> {
  const t = ledgerItems;
  const light = lightSql(f.today, f.warnDays);
  const where = itemConditions(f);
  const counting = db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  // Red first: the light's rank (red 0, yellow 1, green 2, none 3), then the nearest deadline.
  const lightRank = sql`case (${light}) when 'red' then 0 when 'yellow' then 1 when 'green' then 2 else 3 end`;
  const column = { deadline: t.deadline, createdAt: t.createdAt, code: t.code, urgeCount: t.urgeCount, light: lightRank }[
    f.sort.replace('-', '') as 'deadline'
  ];
  // Only the deadline can be empty; the other keys are NOT NULL, and a bare desc lets the planner walk an index backwards.
  const nulls = f.sort.endsWith('deadline') ? sql` nulls last` : sql``;
  const order = f.sort.startsWith('-') ? sql`${column} desc${nulls}` : sql`${column} asc${nulls}`;
  const then = f.sort.endsWith('light') ? sql`${t.deadline} asc nulls last` : sql`${t.id} desc`;
  const paging = db
    .select({ item: t, light: sql<string | null>`${light}` })
    .from(t)
    .where(where)
    .orderBy(order, then, desc(t.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  // On a server the count and the page run side by side on two connections (PGlite queues them).
  const [[count], rows] = await Promise.all([counting, paging]);
  return { total: count?.n ?? 0, items: rows.map((r) => ({ ...r.item, light: r.light })) };
}

/** Inserts measures. */
export async function createMeasures(db: Db, values: (typeof ledgerMeasures.$inferInsert)[]): Promise<MeasureRow[]> {
  if (values.length === 0) return [];
  return db.insert(ledgerMeasures).values(values).returning();
}

/** The measures of an item with their evidence counts. */
export async function findMeasures(db: Db, itemId: number): Promise<(MeasureRow & { evidenceCount: number })[]> {
  const rows = await db
    .select({ m: ledgerMeasures, n: sql<number>`(select count(*)::int from ledger_evidence e where e.measure_id = ledger_measures.id)` })
    .from(ledgerMeasures)
    .where(eq(ledgerMeasures.itemId, itemId))
    .orderBy(asc(ledgerMeasures.sortOrder), asc(ledgerMeasures.id));
  return rows.map((r) => ({ ...r.m, evidenceCount: r.n }));
}

/** Updates a measure if the version matches. */
export async function updateMeasure(
  db: Db,
  id: number,
  version: number,
  patch: Partial<typeof ledgerMeasures.$inferInsert>,
  now: Date,
): Promise<MeasureRow | undefined> {
  const [row] = await db
    .update(ledgerMeasures)
    .set({ ...patch, version: sql`${ledgerMeasures.version} + 1`, updatedAt: now })
    .where(and(eq(ledgerMeasures.id, id), eq(ledgerMeasures.version, version)))
    .returning();
  return row;
}

/** Recounts an item's measures into its row (total, done). */
export async function recountMeasures(db: Db, itemId: number): Promise<void> {
  await db.execute(sql`update ledger_items set
    measures_total = (select count(*) from ledger_measures where item_id = ${itemId}),
    measures_done = (select count(*) from ledger_measures where item_id = ${itemId} and status = 'done')
    where id = ${itemId}`);
}

/** Appends an event to an item's timeline. */
export async function createEvent(db: Db, values: typeof ledgerEvents.$inferInsert): Promise<void> {
  await db.insert(ledgerEvents).values(values);
}

/** An item's timeline, oldest first. */
export async function findEvents(db: Db, itemId: number): Promise<EventRow[]> {
  return db.select().from(ledgerEvents).where(eq(ledgerEvents.itemId, itemId)).orderBy(asc(ledgerEvents.at), asc(ledgerEvents.id));
}

/** Records an idempotency key; false when it exists already (waits for a concurrent holder to commit). */
export async function claimIdempotencyKey(db: Db, userId: number, key: string, bodyHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(ledgerIdempotency)
    .values({ userId, key, bodyHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: ledgerIdempotency.key });
  return rows.length > 0;
}

/** The first request made with a key. */
export async function findIdempotencyKey(db: Db, userId: number, key: string): Promise<typeof ledgerIdempotency.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(ledgerIdempotency)
    .where(and(eq(ledgerIdempotency.userId, userId), eq(ledgerIdempotency.key, key)))
    .limit(1);
  return row;
}

/** Links a key to the item its request created. */
export async function completeIdempotencyKey(db: Db, userId: number, key: string, itemId: number): Promise<void> {
  await db
    .update(ledgerIdempotency)
    .set({ itemId })
    .where(and(eq(ledgerIdempotency.userId, userId), eq(ledgerIdempotency.key, key)));
}

/** An extension row. */
export type ExtensionRow = typeof ledgerExtensions.$inferSelect;

/** An item's extension requests, oldest first. */
export async function findExtensions(db: Db, itemId: number): Promise<ExtensionRow[]> {
  return db.select().from(ledgerExtensions).where(eq(ledgerExtensions.itemId, itemId)).orderBy(asc(ledgerExtensions.id));
}

/** Stores an extension request. */
export async function createExtension(db: Db, values: typeof ledgerExtensions.$inferInsert): Promise<void> {
  await db.insert(ledgerExtensions).values(values);
}

/** Records the decision on a pending extension. */
export async function decideExtension(
  db: Db,
  id: number,
  values: { status: string; decidedBy: number; decidedAt: Date; decisionNote: string | null },
): Promise<void> {
  await db
    .update(ledgerExtensions)
    .set(values)
    .where(and(eq(ledgerExtensions.id, id), eq(ledgerExtensions.status, 'pending')));
}

/** Schedules a recheck (回头看). */
export async function createRecheck(db: Db, values: typeof ledgerRechecks.$inferInsert): Promise<void> {
  await db.insert(ledgerRechecks).values(values);
}

/** Records the result of the item's scheduled recheck; false when none is scheduled. */
export async function completeRecheck(
  db: Db,
  itemId: number,
  values: { result: string; note: string | null; checkedBy: number; checkedAt: Date },
): Promise<number | null> {
  const [pending] = await db
    .select({ id: ledgerRechecks.id })
    .from(ledgerRechecks)
    .where(and(eq(ledgerRechecks.itemId, itemId), sql`${ledgerRechecks.result} is null`))
    .orderBy(desc(ledgerRechecks.id))
    .limit(1);
  if (!pending) return null;
  await db.update(ledgerRechecks).set(values).where(eq(ledgerRechecks.id, pending.id));
  return pending.id;
}

/** Drops the scheduled, not yet done rechecks of an item (it was reopened: there is nothing closed to look at again). */
export async function cancelPendingRechecks(db: Db, itemId: number): Promise<void> {
  await db.delete(ledgerRechecks).where(and(eq(ledgerRechecks.itemId, itemId), sql`${ledgerRechecks.result} is null`));
}

/** Rechecks of an item, newest first. */
export async function findRechecks(db: Db, itemId: number): Promise<(typeof ledgerRechecks.$inferSelect)[]> {
  return db.select().from(ledgerRechecks).where(eq(ledgerRechecks.itemId, itemId)).orderBy(desc(ledgerRechecks.id));
}

/** Items among `ids` with a pending extension and who asked for it. */
export async function findPendingExtensionRequesters(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ itemId: ledgerExtensions.itemId, requestedBy: ledgerExtensions.requestedBy })
    .from(ledgerExtensions)
    .where(and(inArray(ledgerExtensions.itemId, ids), eq(ledgerExtensions.status, 'pending')));
  return new Map(rows.map((r) => [r.itemId, r.requestedBy]));
}

/** Counts of items in scope grouped by one column. */
export async function countBy(
  db: Db,
  scope: SQL,
): Promise<Record<'status' | 'category' | 'source' | 'responsible_org_id', { key: string; n: number }[]>> {
  // One scan, four groupings.
  const result = (await db.execute(sql`select grouping(status) as g_status, grouping(category) as g_category, grouping(source) as g_source,
      status, category, source, responsible_org_id::text as org, count(*)::int as n
    from ledger_items where ${scope}
    group by grouping sets ((status), (category), (source), (responsible_org_id))`)) as unknown as {
    rows: {
      g_status: number;
      g_category: number;
      g_source: number;
      status: string | null;
      category: string | null;
      source: string | null;
      org: string | null;
      n: number;
    }[];
  };
  const out = {
    status: [] as { key: string; n: number }[],
    category: [] as { key: string; n: number }[],
    source: [] as { key: string; n: number }[],
    responsible_org_id: [] as { key: string; n: number }[],
  };
  for (const r of result.rows) {
    const n = Number(r.n);
    if (Number(r.g_status) === 0) out.status.push({ key: r.status ?? '', n });
    else if (Number(r.g_category) === 0) out.category.push({ key: r.category ?? '', n });
    else if (Number(r.g_source) === 0) out.source.push({ key: r.source ?? '', n });
    else out.responsible_org_id.push({ key: r.org ?? '', n });
  }
  for (const list of Object.values(out)) list.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return out;
}

/** The headline rates and counts of the items in scope, on `today`. */
export async function rates(
  db: Db,
  scope: SQL,
  today: string,
): Promise<{
  total: number;
  open: number;
  closed: number;
  closedOnTime: number;
  rebounded: number;
  everClosed: number;
  red: number;
  rectified: number;
  partlyRectified: number;
  notRectifiable: number;
  urgeTotal: number;
  urgedItems: number;
}> {
  const result = (await db.execute(sql`select
      count(*)::int as total,
      count(*) filter (where status in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened'))::int as open,
      count(*) filter (where status = 'closed')::int as closed,
      count(*) filter (where status = 'closed' and (deadline is null or (closed_at at time zone ${timeZone()})::date <= deadline))::int as closed_on_time,
      count(*) filter (where rebound_count > 0)::int as rebounded,
      count(*) filter (where status = 'closed' or rebound_count > 0)::int as ever_closed,
      count(*) filter (where status in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened') and deadline < ${today}::date)::int as red,
      count(*) filter (where status = 'closed' and closure_outcome = 'rectified')::int as rectified,
      count(*) filter (where status = 'closed' and closure_outcome = 'partly_rectified')::int as partly_rectified,
      count(*) filter (where status = 'closed' and closure_outcome = 'not_rectifiable')::int as not_rectifiable,
      coalesce(sum(urge_count), 0)::int as urge_total,
      count(*) filter (where urge_count > 0)::int as urged_items
    from ledger_items where ${scope}`)) as unknown as { rows: Record<string, number>[] };
  const r = result.rows[0] ?? {};
  return {
    total: Number(r.total ?? 0),
    open: Number(r.open ?? 0),
    closed: Number(r.closed ?? 0),
    closedOnTime: Number(r.closed_on_time ?? 0),
    rebounded: Number(r.rebounded ?? 0),
    everClosed: Number(r.ever_closed ?? 0),
    red: Number(r.red ?? 0),
    rectified: Number(r.rectified ?? 0),
    partlyRectified: Number(r.partly_rectified ?? 0),
    notRectifiable: Number(r.not_rectifiable ?? 0),
    urgeTotal: Number(r.urge_total ?? 0),
    urgedItems: Number(r.urged_items ?? 0),
  };
}

/** Open items past their deadline, by responsible org. */
export async function redByOrg(db: Db, scope: SQL, today: string): Promise<{ key: string; n: number }[]> {
  const rows = (await db.execute(sql`select responsible_org_id::text as key, count(*)::int as n from ledger_items
    where ${scope} and status in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened') and deadline < ${today}::date
    group by 1 order by 2 desc limit 20`)) as unknown as { rows: { key: string; n: number }[] };
  return rows.rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

/** Items created and closed per month over the last twelve months (YYYY-MM). */
export async function monthlyTrend(db: Db, scope: SQL, since: string): Promise<{ month: string; created: number; closed: number }[]> {
  // One pass over the scope for each series, grouped by month, then laid over the twelve months.
  const rows = (await db.execute(sql`select m.month, coalesce(c.n, 0)::int as created, coalesce(d.n, 0)::int as closed
    from (select to_char(d, 'YYYY-MM') as month from generate_series(${since}::date, ${since}::date + interval '11 months', interval '1 month') d) m
    left join (select to_char(created_at at time zone ${timeZone()}, 'YYYY-MM') as k, count(*) as n from ledger_items
      where ${scope} and created_at >= (${since}::date - interval '1 day') group by 1) c on c.k = m.month
    left join (select to_char(closed_at at time zone ${timeZone()}, 'YYYY-MM') as k, count(*) as n from ledger_items
      where ${scope} and closed_at >= (${since}::date - interval '1 day') group by 1) d on d.k = m.month
    order by m.month`)) as unknown as { rows: { month: string; created: number; closed: number }[] };
  return rows.rows.map((r) => ({ month: r.month, created: Number(r.created), closed: Number(r.closed) }));
}

/** An evidence row. */
export type EvidenceRow = typeof ledgerEvidence.$inferSelect;

/** Stores an evidence record. */
export async function createEvidence(db: Db, values: typeof ledgerEvidence.$inferInsert): Promise<EvidenceRow> {
  const [row] = await db.insert(ledgerEvidence).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** An item's evidence, oldest first. */
export async function findEvidence(db: Db, itemId: number): Promise<EvidenceRow[]> {
  return db.select().from(ledgerEvidence).where(eq(ledgerEvidence.itemId, itemId)).orderBy(asc(ledgerEvidence.id));
}

/** The columns an export row needs. */
export type ExportRow = Pick<
  ItemRow,
  | 'id'
  | 'code'
  | 'title'
  | 'category'
  | 'source'
  | 'orgId'
  | 'responsibleOrgId'
  | 'responsiblePersonId'
  | 'leadLeaderId'
  | 'deadline'
  | 'originalDeadline'
  | 'status'
  | 'urgeCount'
  | 'closedAt'
  | 'closureOutcome'
> & {
  light: string | null;
  measuresText: string | null;
};

/** One batch of the export: items after `afterId` in id order, only the exported columns, with lights and measures text. */
export async function findItemsAfter(
  db: Db,
  f: Omit<ItemFilter, 'page' | 'pageSize' | 'sort'>,
  afterId: number,
  limit: number,
): Promise<ExportRow[]> {
  const t = ledgerItems;
  return db
    .select({
      id: t.id,
      code: t.code,
      title: t.title,
      category: t.category,
      source: t.source,
      orgId: t.orgId,
      responsibleOrgId: t.responsibleOrgId,
      responsiblePersonId: t.responsiblePersonId,
      leadLeaderId: t.leadLeaderId,
      deadline: t.deadline,
      originalDeadline: t.originalDeadline,
      status: t.status,
      urgeCount: t.urgeCount,
      closedAt: t.closedAt,
      closureOutcome: t.closureOutcome,
      light: sql<string | null>`${lightSql(f.today, f.warnDays)}`,
      measuresText: sql<
        string | null
      >`(select string_agg(m.content || case when m.status = 'done' then '（已完成）' else '' end, chr(10) order by m.sort_order, m.id) from ledger_measures m where m.item_id = ledger_items.id)`,
    })
    .from(t)
    .where(and(itemConditions(f), sql`${t.id} > ${afterId}`))
    .orderBy(asc(t.id))
    .limit(limit);
}

/** Open items sharing search terms with a text, or with a similar title (pg_trgm), within a scope; best first. */
export async function findSimilarOpen(
  db: Db,
  scope: SQL,
  terms: readonly string[],
  title: string,
  excludeId: number | null,
  limit: number,
): Promise<
  (Pick<ItemRow, 'id' | 'code' | 'title' | 'status' | 'responsibleOrgId' | 'searchTerms' | 'createdAt'> & { titleSimilarity: number })[]
> {
  const t = ledgerItems;
  const open = sql`${t.status} in ('submitted','assigned','claimed','rectifying','closure_requested','returned','reopened')`;
  const termArray = sql`array[${sql.join(
    terms.map((term) => sql`${term}`),
    sql`, `,
  )}]::text[]`;
  const match = terms.length > 0 ? or(sql`${t.searchTerms} && ${termArray}`, sql`${t.title} % ${title}`) : sql`${t.title} % ${title}`;
  return db
    .select({
      id: t.id,
      code: t.code,
      title: t.title,
      status: t.status,
      responsibleOrgId: t.responsibleOrgId,
      searchTerms: t.searchTerms,
      createdAt: t.createdAt,
      titleSimilarity: sql<number>`similarity(${t.title}, ${title})::float8`,
    })
    .from(t)
    .where(and(scope, open, match, excludeId === null ? undefined : sql`${t.id} <> ${excludeId}`))
    .orderBy(desc(sql`similarity(${t.title}, ${title})`), desc(t.id))
    .limit(limit);
}

/** Items whose search terms were never computed (rows from before they existed), a batch at a time. */
export async function findItemsWithoutTerms(db: Db, limit: number): Promise<Pick<ItemRow, 'id' | 'title' | 'description'>[]> {
  const t = ledgerItems;
  return db
    .select({ id: t.id, title: t.title, description: t.description })
    .from(t)
    .where(sql`cardinality(${t.searchTerms}) = 0 and length(${t.title}) > 0`)
    .orderBy(asc(t.id))
    .limit(limit);
}

/** Sets the derived search terms of an item (not a user change: no version bump). */
export async function setSearchTerms(db: Db, id: number, terms: string[]): Promise<void> {
  await db.update(ledgerItems).set({ searchTerms: terms }).where(eq(ledgerItems.id, id));
}

/** Links two items (related / duplicate); a link that exists is left alone. */
export async function createLink(db: Db, values: typeof ledgerLinks.$inferInsert): Promise<void> {
  await db.insert(ledgerLinks).values(values).onConflictDoNothing();
}

/** Removes a link of one kind between two items (either direction); true when one was there. */
export async function deleteLink(db: Db, itemId: number, otherId: number, kind: string): Promise<boolean> {
  const rows = await db
    .delete(ledgerLinks)
    .where(
      and(
        eq(ledgerLinks.kind, kind),
        or(
          and(eq(ledgerLinks.itemId, itemId), eq(ledgerLinks.otherId, otherId)),
          and(eq(ledgerLinks.itemId, otherId), eq(ledgerLinks.otherId, itemId)),
        ),
      ),
    )
    .returning({ kind: ledgerLinks.kind });
  return rows.length > 0;
}

/** Links of an item, both directions. */
export async function findLinks(db: Db, itemId: number): Promise<{ otherId: number; kind: string; direction: 'out' | 'in' }[]> {
  const out = await db
    .select({ otherId: ledgerLinks.otherId, kind: ledgerLinks.kind })
    .from(ledgerLinks)
    .where(eq(ledgerLinks.itemId, itemId));
  const incoming = await db
    .select({ otherId: ledgerLinks.itemId, kind: ledgerLinks.kind })
    .from(ledgerLinks)
    .where(eq(ledgerLinks.otherId, itemId));
  return [...out.map((l) => ({ ...l, direction: 'out' as const })), ...incoming.map((l) => ({ ...l, direction: 'in' as const }))];
}

/** Copies an item's evidence onto another item (merge keeps the files; the source keeps its own rows). */
export async function copyEvidence(db: Db, fromItemId: number, toItemId: number): Promise<number> {
  const rows = await db.select().from(ledgerEvidence).where(eq(ledgerEvidence.itemId, fromItemId));
  if (rows.length === 0) return 0;
  await db.insert(ledgerEvidence).values(
    rows.map(({ id: _id, measureId: _measure, ...rest }) => ({
      ...rest,
      itemId: toItemId,
      measureId: null,
      note: rest.note ? `${rest.note}` : null,
    })),
  );
  return rows.length;
}

/**
 * Ledger items that count against assessed orgs in a year, by org (its whole subtree) and kind: accepted
 * fake_achievement / statistical_fraud items raised that year, items still red at year end, rebounds found
 * at 回头看 that year, and serious problems open now.
 */
export async function countsForAssessment(
  db: Db,
  tenantId: number,
  assessed: { id: number; path: string }[],
  year: number,
): Promise<{ orgId: number; kind: string; itemIds: number[] }[]> {
  if (assessed.length === 0) return [];
  const yearEnd = `${year}-12-31`;
  const result = (await db.execute(sql`
    with a as (select * from jsonb_to_recordset(${JSON.stringify(assessed)}::jsonb) as a(id bigint, path text)),
    hits as (
      select a.id as org_id, i.id as item_id,
        case
          when i.category in ('fake_achievement', 'statistical_fraud') and i.status not in ('submitted', 'rejected', 'merged')
            and extract(year from i.created_at at time zone ${timeZone()}) = ${year} then i.category
        end as k1,
        case
          when i.status not in ('rejected', 'merged') and i.deadline <= ${yearEnd}::date
            and (i.created_at at time zone ${timeZone()})::date <= ${yearEnd}::date
            and (i.closed_at is null or (i.closed_at at time zone ${timeZone()})::date > ${yearEnd}::date) then 'red_at_year_end'
        end as k2,
        case when exists (select 1 from ledger_rechecks r where r.item_id = i.id and r.result = 'rebound'
            and extract(year from r.checked_at at time zone ${timeZone()}) = ${year}) then 'rebound' end as k3,
        case when i.severity in ('serious', 'critical') and i.status in (${OPEN_STATUSES}) then 'serious_open' end as k4
      from ledger_items i
      join orgs ro on ro.id = i.responsible_org_id
      join a on ro.path like a.path || '%'
      where i.tenant_id = ${tenantId}
    )
    select org_id, k as kind, array_agg(item_id order by item_id) as item_ids
    from hits, lateral (values (k1), (k2), (k3), (k4)) v(k)
    where k is not null
    group by org_id, k`)) as unknown as { rows: { org_id: number | string; kind: string; item_ids: (number | string)[] | string }[] };
  return result.rows.map((r) => ({
    orgId: Number(r.org_id),
    kind: r.kind,
    itemIds: (Array.isArray(r.item_ids) ? r.item_ids : String(r.item_ids).replace(/[{}]/g, '').split(',').filter(Boolean)).map(Number),
  }));
}
