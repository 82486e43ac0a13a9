// Open items lit yellow or red, for modules that act on lights (notify's reminders), keyset-paged by id.
import { and, asc, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { lightSql } from './ledger.list.repository.js';
import { ledgerItems } from './ledger.table.js';

/** An open item lit yellow or red, with what a reminder needs. */
export interface LitItem {
  id: number;
  tenantId: number;
  code: string;
  title: string;
  deadline: string | null;
  responsibleOrgId: number;
  handlerUserId: number | null;
  leadLeaderId: number | null;
  light: 'yellow' | 'red';
}

/** The item's columns a caller's condition may refer to (its own tables stay its own). */
export interface LitItemColumns {
  id: SQL;
  deadline: SQL;
  light: SQL;
}

/**
 * Open items of every tenant lit yellow or red today, after `afterId`, in id order; `where` adds the caller's
 * condition (e.g. "not reminded yet", over the caller's table) and `extra` adds computed columns to each row.
 */
export async function findLitItems<E extends Record<string, SQL>>(
  db: Db,
  o: {
    today: string;
    warnDays: number;
    afterId: number;
    limit: number;
    where?: (item: LitItemColumns) => SQL;
    extra?: (item: LitItemColumns) => E;
  },
): Promise<(LitItem & { [K in keyof E]: unknown })[]> {
  const t = ledgerItems;
  const light = lightSql(o.today, o.warnDays);
  const columns: LitItemColumns = { id: sql`${t.id}`, deadline: sql`${t.deadline}`, light: sql`(${light})` };
  const rows = await db
    .select({
      id: t.id,
      tenantId: t.tenantId,
      code: t.code,
      title: t.title,
      deadline: t.deadline,
      responsibleOrgId: t.responsibleOrgId,
      handlerUserId: t.handlerUserId,
      leadLeaderId: t.leadLeaderId,
      light: sql<'yellow' | 'red'>`${light}`,
      ...(o.extra ? o.extra(columns) : {}),
    })
    .from(t)
    .where(and(gt(t.id, o.afterId), sql`(${light}) in ('yellow', 'red')`, o.where ? o.where(columns) : undefined))
    .orderBy(asc(t.id))
    .limit(o.limit);
  return rows as unknown as (LitItem & { [K in keyof E]: unknown })[];
}
