import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { escapeLike } from '../../platform/sql.js';
import { timeZone } from '../../platform/time.js';
import type { ItemRow } from './ledger.repository.js';
import { ledgerExtensions, ledgerItems } from './ledger.table.js';

/** The open states, as an SQL list (the same as OPEN_STATUSES in ledger.rules.ts). */
export const OPEN_STATUSES_SQL = sql.raw("'submitted','assigned','claimed','rectifying','closure_requested','returned','reopened'");

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

/** The SQL of 我的待办, the same rule as todoReasons in ledger.rules.ts. */
function todoCondition(todo: NonNullable<ItemFilter['todo']>): SQL {
  const t = ledgerItems;
  const personId = todo.personId ?? -1;
  const handle = sql`(${t.handlerUserId} = ${todo.userId} and ${t.status} in ('assigned','claimed','rectifying','returned','reopened'))`;
  const review = sql`(${t.status} = 'closure_requested' and ${t.handlerUserId} is distinct from ${todo.userId} and (${todo.isSupervisor}::boolean or ${t.leadLeaderId} = ${personId}))`;
  const extension = sql`(${t.status} in (${OPEN_STATUSES_SQL}) and exists (select 1 from ledger_extensions e where e.item_id = ${t.id} and e.status = 'pending' and e.requested_by <> ${todo.userId})
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

/** Items among `ids` with a pending extension and who asked for it. */
export async function findPendingExtensionRequesters(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ itemId: ledgerExtensions.itemId, requestedBy: ledgerExtensions.requestedBy })
    .from(ledgerExtensions)
    .where(and(inArray(ledgerExtensions.itemId, ids), eq(ledgerExtensions.status, 'pending')));
  return new Map(rows.map((r) => [r.itemId, r.requestedBy]));
}

/** Code and title of the items among `ids` that pass `scope`. */
export async function findItemBriefs(db: Db, scope: SQL, ids: number[]): Promise<{ id: number; code: string; title: string }[]> {
  const t = ledgerItems;
  return db
    .select({ id: t.id, code: t.code, title: t.title })
    .from(t)
    .where(sql`${inArray(t.id, ids)} and ${scope}`);
}
