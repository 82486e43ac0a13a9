import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { timeZone } from '../../platform/time.js';
import { orgPathsRelation } from '../org/index.js';
import { OPEN_STATUSES_SQL } from './ledger.list.repository.js';

/** Counts of items by status, category, source and responsible org. */
export type CountsByColumn = Record<'status' | 'category' | 'source' | 'responsible_org_id', { key: string; n: number }[]>;

/** The headline figures of the dashboard. */
export interface Headline {
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
}

/** Items created and closed in a month (YYYY-MM). */
export interface MonthCount {
  month: string;
  created: number;
  closed: number;
}

/** Counts of items in scope grouped by one column. */
export async function countBy(db: Db, scope: SQL): Promise<CountsByColumn> {
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
export async function rates(db: Db, scope: SQL, today: string): Promise<Headline> {
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
export async function monthlyTrend(db: Db, scope: SQL, since: string): Promise<MonthCount[]> {
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
        case when i.severity in ('serious', 'critical') and i.status in (${OPEN_STATUSES_SQL}) then 'serious_open' end as k4
      from ledger_items i
      join ${orgPathsRelation()} ro on ro.org_id = i.responsible_org_id
      join a on ro.org_path like a.path || '%'
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
