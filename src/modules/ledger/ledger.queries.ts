// The ledger's reads: list, detail, duplicate suggestions, evidence files, pickers, and what other modules read.
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { readFile } from '../../platform/files.js';
import type { Principal } from '../../platform/http.js';
import { localDate } from '../../platform/time.js';
import { assignableUsers, isOrgInScope, orgNames, personNames, requireScopedOrg, userNames } from '../org/index.js';
import type { TItemDetail, TItemSummary, TLedgerStats, TListItemsQuery, TSimilarItem } from './ledger.contract.js';
import * as list from './ledger.list.repository.js';
import { itemForPolicy, mayAct, mayEdit, mayLink, mayReadLedger, maySupervise, policyActor } from './ledger.policy.js';
import { presentDetail, presentSimilar, presentStats, presentSummary } from './ledger.presenter.js';
import * as repo from './ledger.repository.js';
import { addDays, isOpen, ITEM_ACTIONS, RECHECK_TODO_DAYS, todoReasons, WARN_DAYS, type ItemStatus } from './ledger.rules.js';
import { getScopedItem, itemScope, poolScope, subtreeScope } from './ledger.scope.js';
import * as stats from './ledger.stats.repository.js';
import { ledgerItems } from './ledger.table.js';
import { searchTerms, termOverlap } from './ledger.terms.js';

/** Summaries of item rows, with the names of their orgs and people. */
export async function summaries(db: Db, rows: (repo.ItemRow & { light?: string | null })[], today: string): Promise<TItemSummary[]> {
  const [orgs, persons] = await Promise.all([
    orgNames(
      db,
      rows.flatMap((r) => [r.orgId, r.responsibleOrgId]),
    ),
    personNames(
      db,
      rows.flatMap((r) => [r.responsiblePersonId, r.leadLeaderId]),
    ),
  ]);
  return rows.map((r) => presentSummary(r, { orgs, persons }, today));
}

/** Resolves a list query into the repository's filter: the caller's scope, an org subtree, today's date. */
export async function itemFilterFrom(
  deps: AppDeps,
  principal: Principal,
  query: TListItemsQuery,
): Promise<Omit<list.ItemFilter, 'page' | 'pageSize' | 'sort'>> {
  if (!mayReadLedger(principal.role)) throw new AppError('forbidden');
  let orgPathCondition;
  const isSupervisor = maySupervise(principal.role);
  const today = localDate(deps.now());
  if (query.orgId) {
    const org = await requireScopedOrg(deps.database.db, principal, query.orgId, 'orgId');
    orgPathCondition = subtreeScope(principal, org.path);
  }
  return {
    // The pool list also shows what orgs above the caller published to it (领题池).
    scope: query.pool ? sql`(${itemScope(principal)} or ${poolScope(principal)})` : itemScope(principal),
    today,
    warnDays: WARN_DAYS,
    orgPathCondition,
    kind: query.kind,
    category: query.category,
    source: query.source,
    status: query.status,
    light: query.light,
    responsibleOrgId: query.responsibleOrgId,
    responsiblePersonId: query.responsiblePersonId,
    todo: query.mine
      ? { userId: principal.userId, personId: principal.personId, isSupervisor, recheckBy: addDays(today, RECHECK_TODO_DAYS) }
      : undefined,
    pool: query.pool,
    tag: query.tag,
    confidentiality: query.confidentiality,
    deadlineFrom: query.deadlineFrom,
    deadlineTo: query.deadlineTo,
    q: query.q,
  };
}

/** The ledger list in the caller's scope; 我的待办 (`mine`) says why each item waits. */
export async function listItems(
  deps: AppDeps,
  principal: Principal,
  query: TListItemsQuery,
): Promise<{ total: number; items: TItemSummary[] }> {
  const db = deps.database.db;
  const filter = await itemFilterFrom(deps, principal, query);
  const page = await list.findItems(db, { ...filter, page: query.page, pageSize: query.pageSize, sort: query.sort });
  const today = filter.today;
  const items = await summaries(db, page.items, today);
  if (filter.todo) {
    const todo = filter.todo;
    const requesters = await list.findPendingExtensionRequesters(
      db,
      page.items.map((r) => r.id),
    );
    page.items.forEach((r, i) => {
      const summary = items[i];
      if (summary)
        summary.todo = todoReasons(
          { ...r, status: r.status as ItemStatus, extensionRequesterId: requesters.get(r.id) ?? null },
          todo,
          today,
        );
    });
  }
  return { total: page.total, items };
}

/** One item with its four lists, timeline and the steps the caller may take. */
export async function getItem(deps: AppDeps, principal: Principal, id: number): Promise<TItemDetail> {
  const db = deps.database.db;
  const item = await getScopedItem(db, principal, id);
  const today = localDate(deps.now());
  const [summary] = await summaries(db, [item], today);
  if (!summary) throw notFound('entity.item');
  const measures = await repo.findMeasures(db, id);
  const ownerNames = await personNames(
    db,
    measures.map((m) => m.ownerPersonId),
  );
  const events = await repo.findEvents(db, id);
  const extensions = await repo.findExtensions(db, id);
  const evidence = await repo.findEvidence(db, id);
  const rechecks = await repo.findRechecks(db, id);
  const checkerNames = await userNames(
    db,
    rechecks.map((r) => r.checkedBy),
  );
  const links = await linksOf(db, principal, id);
  // A pool item may concern an org above the caller: its suggestions then come from the caller's own scope.
  const similar = isOpen(item.status as ItemStatus)
    ? await findSimilar(db, principal, {
        title: item.title,
        description: item.description,
        orgId: (await isOrgInScope(db, principal, item.orgId)) ? item.orgId : undefined,
        excludeId: item.id,
        terms: item.searchTerms,
      })
    : [];
  const actor = policyActor(principal);
  return presentDetail(item, summary, {
    measures,
    ownerNames,
    events,
    extensions,
    evidence,
    rechecks,
    checkerNames,
    links,
    similar,
    mayLink: mayLink(principal, item),
    editable: mayEdit(principal, item).ok,
    allowedActions: ITEM_ACTIONS.filter((a) => mayAct(actor, itemForPolicy(item, extensions), a).ok),
  });
}

/** Links of an item that the caller may see. */
async function linksOf(db: Db, principal: Principal, id: number): Promise<TItemDetail['links']> {
  const links = await repo.findLinks(db, id);
  const out: TItemDetail['links'] = [];
  for (const link of links) {
    const other = await repo.findItem(db, link.otherId);
    if (!other || !(await isOrgInScope(db, principal, other.responsibleOrgId))) continue;
    out.push({
      id: other.id,
      code: other.code,
      title: other.title,
      status: other.status as ItemStatus,
      kind: link.kind,
      direction: link.direction,
    });
  }
  return out;
}

/** Below this likeness an open item is not suggested as a duplicate. */
const SIMILAR_THRESHOLD = 0.34;

/**
 * Open items in the caller's scope, within the subtree of the org concerned, that look like a text:
 * shared words (jieba) or a similar title (pg_trgm); the likeness is the better of the two.
 */
async function findSimilar(
  db: Db,
  principal: Principal,
  input: {
    title: string;
    description?: string | undefined;
    orgId?: number | undefined;
    excludeId?: number | undefined;
    terms?: string[] | undefined;
  },
): Promise<TSimilarItem[]> {
  let scope = itemScope(principal);
  if (input.orgId) {
    const org = await requireScopedOrg(db, principal, input.orgId, 'orgId');
    scope = sql`${scope} and (${subtreeScope(principal, org.path)} or ${ledgerItems.orgId} = ${org.id})`;
  }
  const terms = input.terms && input.terms.length > 0 ? input.terms : searchTerms(input.title, input.description ?? '');
  const candidates = await list.findSimilarOpen(db, scope, terms, input.title, input.excludeId ?? null, 50);
  const scored = candidates
    .map((c) => ({ c, score: Math.round(Math.max(c.titleSimilarity, termOverlap(terms, c.searchTerms)) * 100) / 100 }))
    .filter((x) => x.score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.c.id - a.c.id)
    .slice(0, 5);
  const names = await orgNames(
    db,
    scored.map((x) => x.c.responsibleOrgId),
  );
  return scored.map(({ c, score }) => presentSimilar(c, score, names));
}

/** Duplicate suggestions while an item is being written (新增问题). */
export async function similarItems(
  deps: AppDeps,
  principal: Principal,
  query: { title: string; description?: string | undefined; orgId?: number | undefined; excludeId?: number | undefined },
): Promise<TSimilarItem[]> {
  if (!mayReadLedger(principal.role)) throw new AppError('forbidden');
  return findSimilar(deps.database.db, principal, query);
}

/** Dashboard figures of the items in the caller's scope (optionally one org's subtree). */
export async function ledgerStats(deps: AppDeps, principal: Principal, query: { orgId?: number | undefined }): Promise<TLedgerStats> {
  if (!mayReadLedger(principal.role)) throw new AppError('forbidden');
  const db = deps.database.db;
  const today = localDate(deps.now());
  let scope = itemScope(principal);
  if (query.orgId) {
    const org = await requireScopedOrg(db, principal, query.orgId, 'orgId');
    scope = sql`${scope} and ${subtreeScope(principal, org.path)}`;
  }
  const [headline, counts, redRaw] = await Promise.all([
    stats.rates(db, scope, today),
    stats.countBy(db, scope),
    stats.redByOrg(db, scope, today),
  ]);
  const since = `${addDays(`${today.slice(0, 7)}-01`, -334).slice(0, 7)}-01`;
  const monthly = await stats.monthlyTrend(db, scope, since);
  const names = await orgNames(
    db,
    [...counts.responsible_org_id, ...redRaw].map((r) => Number(r.key)),
  );
  return presentStats(headline, counts, redRaw, monthly, names);
}

/** One evidence file of an item the caller may see. */
export async function getEvidenceFile(
  deps: AppDeps,
  principal: Principal,
  itemId: number,
  evidenceId: number,
): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  const db = deps.database.db;
  const item = await getScopedItem(db, principal, itemId);
  const evidence = (await repo.findEvidence(db, itemId)).find((e) => e.id === evidenceId);
  const file = evidence ? await readFile(db, item.tenantId, evidence.fileId) : undefined;
  if (!evidence || !file) throw notFound('entity.evidence');
  return { fileName: evidence.fileName, mimeType: evidence.mimeType, content: file.content };
}

/** Who a supervisor may assign items to: handlers and leaders in scope. */
export async function assignees(deps: AppDeps, principal: Principal, q?: string) {
  if (!maySupervise(principal.role)) throw new AppError('forbidden');
  return assignableUsers(deps.database.db, principal, ['handler', 'leader'], q);
}

/** Code and title of the items among `ids` the caller may read (others are left out), for other modules' explanations. */
export async function itemBriefs(db: Db, principal: Principal, ids: number[]): Promise<{ id: number; code: string; title: string }[]> {
  if (ids.length === 0) return [];
  return list.findItemBriefs(db, itemScope(principal), ids);
}

/** Ledger items counting against assessed orgs in a year (for the assessment's deductions), by org and kind. */
export async function ledgerCountsForAssessment(
  db: Db,
  tenantId: number,
  assessed: { id: number; path: string }[],
  year: number,
): Promise<{ orgId: number; kind: string; itemIds: number[] }[]> {
  return stats.countsForAssessment(db, tenantId, assessed, year);
}
