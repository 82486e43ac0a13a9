import { createHash } from 'node:crypto';
import { appendAudit, canonicalJson } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { checkFileType, readFile, saveFile } from '../../platform/files.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http.js';
import {
  assignableUsers,
  isOrgInScope,
  orgNames,
  orgPathOf,
  orgScopeCondition,
  personNames,
  requireScopedOrg,
  requireScopedPerson,
  userNames,
} from '../org/org.service.js';
import { findUserById } from '../org/org.repository.js';
import { inScope } from '../org/org.policy.js';
import { inArray, sql } from 'drizzle-orm';
import type {
  TActionRequest,
  TCreateItemRequest,
  TItemDetail,
  TItemSummary,
  TLedgerStats,
  TListItemsQuery,
  TMeasure,
  TSimilarItem,
  TUpdateItemRequest,
  TUpdateMeasureRequest,
} from './ledger.contract.js';
import { mayAct, maySubmit, READER_ROLES, SUPERVISOR_ROLES } from './ledger.policy.js';
import * as repo from './ledger.repository.js';
import {
  addDays,
  closureBlocker,
  extensionFlags,
  isOpen,
  ITEM_ACTIONS,
  itemCode,
  lightOf,
  nextStatus,
  RECHECK_TODO_DAYS,
  todoReasons,
  type ItemAction,
  type ItemKind,
  type ItemStatus,
  WARN_DAYS,
} from './ledger.rules.js';
import { searchTerms, termOverlap } from './ledger.terms.js';
import { ledgerItems } from './ledger.table.js';
import { localDate, localYear } from '../../platform/time.js';

async function present(db: Db, rows: (repo.ItemRow & { light?: string | null })[], today: string): Promise<TItemSummary[]> {
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
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind as TItemSummary['kind'],
    title: r.title,
    category: r.category as TItemSummary['category'],
    source: r.source as TItemSummary['source'],
    severity: r.severity as TItemSummary['severity'],
    status: r.status as ItemStatus,
    light:
      r.light !== undefined
        ? (r.light as TItemSummary['light'])
        : lightOf(
            {
              status: r.status as ItemStatus,
              deadline: r.deadline,
              startedOn: localDate(r.createdAt),
              measuresTotal: r.measuresTotal,
              measuresDone: r.measuresDone,
            },
            today,
            WARN_DAYS,
          ),
    orgId: r.orgId,
    orgName: orgs.get(r.orgId) ?? '',
    responsibleOrgId: r.responsibleOrgId,
    responsibleOrgName: orgs.get(r.responsibleOrgId) ?? '',
    responsiblePersonId: r.responsiblePersonId,
    responsiblePersonName: r.responsiblePersonId ? (persons.get(r.responsiblePersonId) ?? null) : null,
    leadLeaderId: r.leadLeaderId,
    leadLeaderName: r.leadLeaderId ? (persons.get(r.leadLeaderId) ?? null) : null,
    handlerUserId: r.handlerUserId,
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    isInPool: r.isInPool,
    urgeCount: r.urgeCount,
    closedAt: r.closedAt?.toISOString() ?? null,
    closureOutcome: r.closureOutcome as TItemSummary['closureOutcome'],
    measuresTotal: r.measuresTotal,
    measuresDone: r.measuresDone,
    confidentiality: r.confidentiality as TItemSummary['confidentiality'],
    tags: r.tags,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}

/**
 * The items the caller may see: the responsible org in their scope. The tenant is repeated on the item
 * itself so the (tenant, responsible org, status) index is entered by its leading column.
 */
function itemScope(principal: Principal) {
  const t = ledgerItems;
  const inOrgScope = sql`${t.tenantId} = ${principal.tenantId} and ${orgScopeCondition(principal, t.responsibleOrgId)}`;
  if (SUPERVISOR_ROLES.includes(principal.role)) return inOrgScope;
  // 机密 items: supervisors, and the people working on the item; nobody else, whatever their scope.
  const u = principal.userId;
  return sql`${inOrgScope} and (${t.confidentiality} <> 'confidential' or ${t.handlerUserId} = ${u} or ${t.createdBy} = ${u} or ${t.assignerUserId} = ${u})`;
}

/**
 * The 领题池 open to the caller: items published to the pool, waiting, not confidential, concerning an
 * org at or above the caller's own (an org publishes to the units beneath it).
 */
function poolScope(principal: Principal) {
  const t = ledgerItems;
  return sql`(${t.tenantId} = ${principal.tenantId} and ${t.isInPool} and ${t.status} = 'submitted' and ${t.confidentiality} <> 'confidential'
    and exists (select 1 from orgs po where po.id = ${t.orgId} and ${principal.orgPath} like po.path || '%'))`;
}

/** May the caller read a confidential item? */
function mayReadConfidential(principal: Principal, item: repo.ItemRow): boolean {
  return SUPERVISOR_ROLES.includes(principal.role) || [item.handlerUserId, item.createdBy, item.assignerUserId].includes(principal.userId);
}

/** Is the item in the pool open to the caller (see poolScope)? */
async function isInCallersPool(db: Db, principal: Principal, item: repo.ItemRow): Promise<boolean> {
  if (!item.isInPool || item.status !== 'submitted' || item.confidentiality === 'confidential' || item.tenantId !== principal.tenantId)
    return false;
  const path = await orgPathOf(db, item.orgId);
  return path !== null && principal.orgPath.startsWith(path);
}

/** An item the caller may see, or 404 (never another scope's data). */
async function getScopedItem(db: Db, principal: Principal, id: number): Promise<repo.ItemRow> {
  const item = await repo.findItem(db, id);
  if (!item || item.tenantId !== principal.tenantId || !READER_ROLES.includes(principal.role)) throw notFound('entity.item');
  if (item.confidentiality === 'confidential' && !mayReadConfidential(principal, item)) throw notFound('entity.item');
  if (!(await isOrgInScope(db, principal, item.responsibleOrgId)) && !(await isInCallersPool(db, principal, item)))
    throw notFound('entity.item');
  return item;
}

function policyView(item: repo.ItemRow, extensions: repo.ExtensionRow[] = []) {
  const pending = extensions.find((e) => e.status === 'pending');
  return {
    status: item.status as ItemStatus,
    handlerUserId: item.handlerUserId,
    assignerUserId: item.assignerUserId,
    leadLeaderId: item.leadLeaderId,
    isInPool: item.isInPool,
    recheckPending: item.recheckDue !== null,
    extensionRequesterId: pending?.requestedBy ?? null,
  };
}

/** The version a step or edit was made against: the body's `version` or If-Match, which must agree. */
function versionFrom(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  const headerVersion = ifMatch ? Number(/\d+/.exec(ifMatch)?.[0]) : undefined;
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion)
    throw new AppError('validation', { field: 'If-Match', reason: 'reason.invalid' });
  const version = bodyVersion ?? headerVersion;
  if (version === undefined) throw new AppError('validation', { field: 'version', reason: 'reason.required' });
  return version;
}

/** Days after closing when 回头看 is due, unless SHIJI_RECHECK_DAYS says otherwise. */
export const RECHECK_DAYS = 90;
const UTC_OFFSET = '+08:00';

/** Creates a ledger item (出题) with its measures, in one transaction. */
export async function createItem(deps: AppDeps, actor: Actor, input: TCreateItemRequest, idempotencyKey?: string): Promise<TItemDetail> {
  if (!maySubmit(actor.principal.role)) throw new AppError('forbidden');
  const now = deps.now();
  const db = deps.database.db;
  const bodyHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
  const id = await db.transaction(async (tx) => {
    if (idempotencyKey) {
      // The key row is written first: a concurrent request with the same key waits on it, then replays.
      const claimed = await repo.claimIdempotencyKey(tx, actor.principal.userId, idempotencyKey, bodyHash, now);
      if (!claimed) {
        const first = await repo.findIdempotencyKey(tx, actor.principal.userId, idempotencyKey);
        if (!first || first.bodyHash !== bodyHash || first.itemId === null)
          throw new AppError('unprocessable', { field: 'Idempotency-Key', reason: 'reason.ledger.idempotency_body' });
        return first.itemId;
      }
    }
    const org = await requireScopedOrg(tx, actor.principal, input.orgId, 'orgId');
    const responsible = input.responsibleOrgId
      ? await requireScopedOrg(tx, actor.principal, input.responsibleOrgId, 'responsibleOrgId')
      : org;
    if (input.responsiblePersonId) await requireScopedPerson(tx, actor.principal, input.responsiblePersonId, 'responsiblePersonId');
    if (input.leadLeaderId) await requireScopedPerson(tx, actor.principal, input.leadLeaderId, 'leadLeaderId');
    for (const [i, m] of (input.measures ?? []).entries())
      if (m.ownerPersonId) await requireScopedPerson(tx, actor.principal, m.ownerPersonId, `measures.${i}.ownerPersonId`);
    if (input.externalRef && (await repo.findItemByExternalRef(tx, org.tenantId, input.source, input.externalRef)))
      throw new AppError('conflict', { field: 'externalRef', value: input.externalRef });
    if (input.isInPool && input.confidentiality === 'confidential')
      throw new AppError('validation', { field: 'isInPool', reason: 'reason.ledger.pool_confidential' });
    const year = localYear(now);
    const kind = input.kind as ItemKind;
    const prefix = itemCode(kind, year, 0).slice(0, 2);
    const code = itemCode(kind, year, await repo.nextCodeNumber(tx, org.tenantId, prefix, year));
    const item = await repo.createItem(tx, {
      tenantId: org.tenantId,
      code,
      kind,
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      source: input.source,
      severity: input.severity ?? 'general',
      confidentiality: input.confidentiality ?? 'internal',
      orgId: org.id,
      responsibleOrgId: responsible.id,
      responsiblePersonId: input.responsiblePersonId ?? null,
      leadLeaderId: input.leadLeaderId ?? null,
      status: 'submitted',
      deadline: input.deadline ?? null,
      originalDeadline: input.deadline ?? null,
      isLongTerm: input.isLongTerm ?? false,
      tags: input.tags ?? [],
      externalRef: input.externalRef ?? null,
      isInPool: input.isInPool ?? false,
      searchTerms: searchTerms(input.title, input.description ?? ''),
      measuresTotal: input.measures?.length ?? 0,
      createdBy: actor.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.createMeasures(
      tx,
      (input.measures ?? []).map((m, i) => ({
        tenantId: item.tenantId,
        itemId: item.id,
        content: m.content,
        ownerPersonId: m.ownerPersonId ?? null,
        dueDate: m.dueDate ?? null,
        isMilestone: m.isMilestone ?? false,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId: item.id,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'submit',
      toStatus: 'submitted',
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.create', { type: 'ledger_item', id: item.id }, { code, title: item.title }),
    );
    if (idempotencyKey) await repo.completeIdempotencyKey(tx, actor.principal.userId, idempotencyKey, item.id);
    return item.id;
  });
  return getItem(deps, actor.principal, id);
}

/** Resolves a list query into the repository's filter: the caller's scope, an org subtree, today's date. */
export async function itemFilterFrom(
  deps: AppDeps,
  principal: Principal,
  query: TListItemsQuery,
): Promise<Omit<repo.ItemFilter, 'page' | 'pageSize' | 'sort'>> {
  if (!READER_ROLES.includes(principal.role)) throw new AppError('forbidden');
  let orgPathCondition;
  const isSupervisor = SUPERVISOR_ROLES.includes(principal.role);
  const today = localDate(deps.now());
  if (query.orgId) {
    const org = await requireScopedOrg(deps.database.db, principal, query.orgId, 'orgId');
    orgPathCondition = orgScopeCondition({ ...principal, scope: 'subtree', orgPath: org.path }, ledgerItems.responsibleOrgId);
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

/** The ledger list in the caller's scope. */
export async function listItems(
  deps: AppDeps,
  principal: Principal,
  query: TListItemsQuery,
): Promise<{ total: number; items: TItemSummary[] }> {
  const db = deps.database.db;
  const filter = await itemFilterFrom(deps, principal, query);
  const page = await repo.findItems(db, { ...filter, page: query.page, pageSize: query.pageSize, sort: query.sort });
  const today = filter.today;
  const items = await present(db, page.items, today);
  if (filter.todo) {
    const todo = filter.todo;
    const requesters = await repo.findPendingExtensionRequesters(
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

function presentMeasure(m: repo.MeasureRow & { evidenceCount: number }, names: Map<number, string>): TMeasure {
  return {
    id: m.id,
    content: m.content,
    ownerPersonId: m.ownerPersonId,
    ownerName: m.ownerPersonId ? (names.get(m.ownerPersonId) ?? null) : null,
    dueDate: m.dueDate,
    status: m.status as TMeasure['status'],
    completionNote: m.completionNote,
    isMilestone: m.isMilestone,
    evidenceCount: m.evidenceCount,
    version: m.version,
  };
}

/** One item with its four lists, timeline and the steps the caller may take. */
export async function getItem(deps: AppDeps, principal: Principal, id: number): Promise<TItemDetail> {
  const db = deps.database.db;
  const item = await getScopedItem(db, principal, id);
  const today = localDate(deps.now());
  const [summary] = await present(db, [item], today);
  if (!summary) throw notFound('entity.item');
  const measures = await repo.findMeasures(db, id);
  const names = await personNames(
    db,
    measures.map((m) => m.ownerPersonId),
  );
  const events = await repo.findEvents(db, id);
  const extensions = await repo.findExtensions(db, id);
  const evidence = await repo.findEvidence(db, id);
  const rechecks = await repo.findRechecks(db, id);
  const checkers = await userNames(
    db,
    rechecks.map((r) => r.checkedBy),
  );
  const actor = { userId: principal.userId, role: principal.role, personId: principal.personId, itemInScope: true };
  return {
    ...summary,
    description: item.description,
    confidentiality: item.confidentiality as TItemDetail['confidentiality'],
    isLongTerm: item.isLongTerm,
    tags: item.tags,
    externalRef: item.externalRef,
    closureNote: item.closureNote,
    rejectReason: item.rejectReason,
    reviewerUserId: item.reviewerUserId,
    measures: measures.map((m) => presentMeasure(m, names)),
    events: events
      .filter((e) => e.action !== 'comment')
      .map((e) => ({
        at: e.at.toISOString(),
        actorName: e.actorName,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        comment: e.comment,
      })),
    comments: events
      .filter((e) => e.action === 'comment')
      .map((e) => ({ id: e.id, at: e.at.toISOString(), authorName: e.actorName, body: e.comment ?? '' })),
    rechecks: rechecks.map((r) => ({
      id: r.id,
      dueDate: r.dueDate,
      result: r.result as 'consolidated' | 'rebound' | null,
      note: r.note,
      checkedAt: r.checkedAt?.toISOString() ?? null,
      checkedByName: r.checkedBy ? (checkers.get(r.checkedBy) ?? null) : null,
    })),
    mayLink: mayLink(principal, item),
    extensions: extensions.map((e) => ({
      id: e.id,
      requestedAt: e.requestedAt.toISOString(),
      oldDeadline: e.oldDeadline,
      newDeadline: e.newDeadline,
      reason: e.reason,
      isLate: e.isLate,
      isLastMinute: e.isLastMinute,
      status: e.status as 'pending' | 'approved' | 'refused',
      decisionNote: e.decisionNote,
    })),
    recheckDue: item.recheckDue,
    reboundCount: item.reboundCount,
    evidence: evidence.map((e) => ({
      id: e.id,
      measureId: e.measureId,
      fileName: e.fileName,
      mimeType: e.mimeType,
      size: e.size,
      sha256: e.sha256,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    mergedIntoId: item.mergedIntoId,
    links: await presentLinks(db, principal, id),
    // A pool item may concern an org above the caller: its suggestions then come from the caller's own scope.
    similar: isOpen(item.status as ItemStatus)
      ? await findSimilar(db, principal, {
          title: item.title,
          description: item.description,
          orgId: (await isOrgInScope(db, principal, item.orgId)) ? item.orgId : undefined,
          excludeId: item.id,
          terms: item.searchTerms,
        })
      : [],
    editable: mayEdit(principal, item),
    allowedActions: ITEM_ACTIONS.filter((a) => mayAct(actor, policyView(item, extensions), a).ok),
  };
}

/** Links of an item that the caller may see. */
async function presentLinks(db: Db, principal: Principal, id: number): Promise<TItemDetail['links']> {
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
    scope = sql`${scope} and (${orgScopeCondition({ ...principal, scope: 'subtree', orgPath: org.path }, ledgerItems.responsibleOrgId)} or ${ledgerItems.orgId} = ${org.id})`;
  }
  const terms = input.terms && input.terms.length > 0 ? input.terms : searchTerms(input.title, input.description ?? '');
  const candidates = await repo.findSimilarOpen(db, scope, terms, input.title, input.excludeId ?? null, 50);
  const scored = candidates
    .map((c) => ({ c, score: Math.round(Math.max(c.titleSimilarity, termOverlap(terms, c.searchTerms)) * 100) / 100 }))
    .filter((x) => x.score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.c.id - a.c.id)
    .slice(0, 5);
  const names = await orgNames(
    db,
    scored.map((x) => x.c.responsibleOrgId),
  );
  return scored.map(({ c, score }) => ({
    id: c.id,
    code: c.code,
    title: c.title,
    status: c.status as ItemStatus,
    responsibleOrgName: names.get(c.responsibleOrgId) ?? '',
    score,
  }));
}

/** Duplicate suggestions while an item is being written (新增问题). */
export async function similarItems(
  deps: AppDeps,
  principal: Principal,
  query: { title: string; description?: string | undefined; orgId?: number | undefined; excludeId?: number | undefined },
): Promise<TSimilarItem[]> {
  if (!READER_ROLES.includes(principal.role)) throw new AppError('forbidden');
  return findSimilar(deps.database.db, principal, query);
}

/** Who may change an item's fields: a supervisor while it is open, or its creator while it waits for 交办. */
function mayEdit(principal: Principal, item: repo.ItemRow): boolean {
  const status = item.status as ItemStatus;
  if (!isOpen(status) || status === 'closure_requested') return false;
  if (SUPERVISOR_ROLES.includes(principal.role)) return true;
  return status === 'submitted' && item.createdBy === principal.userId && maySubmit(principal.role);
}

/** Changes an item's fields (PATCH), version-checked; the change is an event and an audit entry. */
export async function updateItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TUpdateItemRequest,
  ifMatch?: string,
): Promise<TItemDetail> {
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      const version = versionFrom(input.version, ifMatch);
      const item = await getScopedItem(tx, actor.principal, id);
      if (!mayEdit(actor.principal, item)) {
        if (!isOpen(item.status as ItemStatus) || item.status === 'closure_requested')
          throw new AppError('unprocessable', { field: 'status', reason: 'reason.ledger.not_editable', status: `state.${item.status}` });
        throw new AppError('forbidden');
      }
      if (item.version !== version) throw new AppError('version_conflict');
      const { version: _v, ...fields } = input;
      const patch: Partial<typeof ledgerItems.$inferInsert> = {};
      if (fields.orgId !== undefined) patch.orgId = (await requireScopedOrg(tx, actor.principal, fields.orgId, 'orgId')).id;
      if (fields.responsibleOrgId !== undefined)
        patch.responsibleOrgId = (await requireScopedOrg(tx, actor.principal, fields.responsibleOrgId, 'responsibleOrgId')).id;
      if (fields.responsiblePersonId) await requireScopedPerson(tx, actor.principal, fields.responsiblePersonId, 'responsiblePersonId');
      if (fields.leadLeaderId) await requireScopedPerson(tx, actor.principal, fields.leadLeaderId, 'leadLeaderId');
      if (fields.deadline !== undefined && fields.deadline !== item.deadline) {
        // Once handed out, the deadline moves only through an approved extension (延期), so 时限 stays honest.
        if (item.status !== 'submitted')
          throw new AppError('unprocessable', { field: 'deadline', reason: 'reason.ledger.deadline_locked' });
        patch.deadline = fields.deadline;
        patch.originalDeadline = fields.deadline;
      }
      const source = fields.source ?? item.source;
      const externalRef = fields.externalRef === undefined ? item.externalRef : fields.externalRef;
      if (externalRef && (externalRef !== item.externalRef || source !== item.source)) {
        const other = await repo.findItemByExternalRef(tx, item.tenantId, source, externalRef);
        if (other && other.id !== item.id) throw new AppError('conflict', { field: 'externalRef', value: externalRef });
      }
      if (fields.isInPool !== undefined && fields.isInPool !== item.isInPool && item.status !== 'submitted')
        throw new AppError('unprocessable', {
          field: 'isInPool',
          reason: 'reason.ledger.pool_after_assign',
          status: `state.${item.status}`,
        });
      if ((fields.isInPool ?? item.isInPool) && (fields.confidentiality ?? item.confidentiality) === 'confidential')
        throw new AppError('validation', { field: 'isInPool', reason: 'reason.ledger.pool_confidential' });
      for (const key of [
        'title',
        'description',
        'category',
        'source',
        'severity',
        'confidentiality',
        'responsiblePersonId',
        'leadLeaderId',
        'isLongTerm',
        'tags',
        'externalRef',
        'isInPool',
      ] as const) {
        if (fields[key] !== undefined) (patch as Record<string, unknown>)[key] = fields[key];
      }
      if (patch.title !== undefined || patch.description !== undefined)
        patch.searchTerms = searchTerms(patch.title ?? item.title, patch.description ?? item.description);
      const changed = Object.keys(patch).filter(
        (k) =>
          k !== 'searchTerms' &&
          k !== 'originalDeadline' &&
          JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((item as Record<string, unknown>)[k]),
      );
      if (changed.length === 0) return;
      if (!(await repo.updateItem(tx, id, version, patch, now))) throw new AppError('version_conflict');
      await repo.createEvent(tx, {
        tenantId: item.tenantId,
        itemId: id,
        at: now,
        actorId: actor.principal.userId,
        actorName: actor.principal.displayName,
        action: 'edit',
        comment: null,
        detail: { fields: changed },
      });
      await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.edit', { type: 'ledger_item', id }, { fields: changed }));
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, 'ledger.edit', id, error);
    throw error;
  }
  return getItem(deps, actor.principal, id);
}

/** Computes the search terms of items stored before they existed (runs at start-up, in batches). */
export async function backfillSearchTerms(db: Db, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await repo.findItemsWithoutTerms(db, batch);
    const updates = rows.map((r) => ({ id: r.id, terms: searchTerms(r.title, r.description) })).filter((u) => u.terms.length > 0);
    for (const u of updates) await repo.setSearchTerms(db, u.id, u.terms);
    total += updates.length;
    // Rows whose text has no words keep an empty set; stop when a batch changes nothing.
    if (rows.length < batch || updates.length === 0) return total;
  }
}

/** Takes one step of the loop on an item: policy, state machine, version check, event, audit — one transaction. A refused step is audited as denied. */
export async function act(
  deps: AppDeps,
  actor: Actor,
  id: number,
  action: ItemAction,
  input: TActionRequest,
  ifMatch?: string,
): Promise<TItemDetail> {
  const now = deps.now();
  try {
    const version = versionFrom(input.version, ifMatch);
    await deps.database.db.transaction((tx) => applyAction(tx, deps, actor, id, action, { ...input, version }, now));
  } catch (error) {
    await auditRefusal(deps, actor, now, `ledger.${action}`, id, error);
    throw error;
  }
  return getItem(deps, actor.principal, id);
}

/** Writes a refused request into the audit chain (outside the rolled-back transaction). */
async function auditRefusal(deps: AppDeps, actor: Actor, now: Date, action: string, id: number | null, error: unknown): Promise<void> {
  if (
    !(error instanceof AppError) ||
    !['forbidden', 'not_found', 'unprocessable', 'validation', 'version_conflict', 'conflict'].includes(error.code)
  )
    return;
  await appendAudit(
    deps.database.db,
    deps.crypto,
    auditBy(
      actor,
      now,
      action,
      { type: 'ledger_item', id },
      { code: error.code, ...(error.field ? { field: error.field } : {}) },
      'denied',
    ),
  );
}

/** Same steps on many items (bulk 催办/交办/不予受理): one transaction, all or nothing; a failure names the row. */
export async function actMany(
  deps: AppDeps,
  actor: Actor,
  action: ItemAction,
  items: { id: number; version: number }[],
  input: Omit<TActionRequest, 'version'>,
): Promise<{ done: number }> {
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      for (const [i, target] of items.entries()) {
        try {
          await applyAction(tx, deps, actor, target.id, action, { ...input, version: target.version }, now);
        } catch (error) {
          if (error instanceof AppError)
            throw new AppError(error.code, { ...error.params, field: `items.${i}${error.field ? `.${error.field}` : ''}` });
          throw error;
        }
      }
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, `ledger.bulk.${action}`, null, error);
    throw error;
  }
  return { done: items.length };
}

async function applyAction(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  id: number,
  action: ItemAction,
  input: TActionRequest & { version: number },
  now: Date,
): Promise<void> {
  {
    const item = await getScopedItem(tx, actor.principal, id);
    const extensions = await repo.findExtensions(tx, id);
    const decision = mayAct(
      { userId: actor.principal.userId, role: actor.principal.role, personId: actor.principal.personId, itemInScope: true },
      policyView(item, extensions),
      action,
    );
    if (!decision.ok) {
      if (decision.reason === 'not_found') throw notFound('entity.item');
      if (decision.reason === 'invalid_state')
        throw new AppError('unprocessable', {
          field: 'action',
          reason: 'reason.ledger.invalid_state',
          action: `step.${action}`,
          status: `state.${item.status}`,
        });
      throw new AppError('forbidden');
    }
    if (item.version !== input.version) throw new AppError('version_conflict');
    const today = localDate(now);
    if (action === 'recheck' && !input.result) throw new AppError('validation', { field: 'result', reason: 'reason.required' });
    const to = nextStatus(item.status as ItemStatus, action, input.result) as ItemStatus;
    const patch: Partial<typeof ledgerItems.$inferInsert> = { status: to };
    let mergeTarget: repo.ItemRow | undefined;
    let eventDetail: Record<string, unknown> = {};
    switch (action) {
      case 'assign': {
        if (!input.handlerUserId) throw new AppError('validation', { field: 'handlerUserId', reason: 'reason.required' });
        const handler = await findUserById(tx, input.handlerUserId);
        if (!handler || !inScope(actor.principal, handler.orgTenantId, handler.orgPath) || handler.isDisabled)
          throw new AppError('validation', { field: 'handlerUserId', reason: 'reason.invalid' });
        if (input.responsibleOrgId)
          patch.responsibleOrgId = (await requireScopedOrg(tx, actor.principal, input.responsibleOrgId, 'responsibleOrgId')).id;
        if (input.responsiblePersonId)
          patch.responsiblePersonId = (await requireScopedPerson(tx, actor.principal, input.responsiblePersonId, 'responsiblePersonId')).id;
        if (input.deadline) {
          patch.deadline = input.deadline;
          if (!item.originalDeadline) patch.originalDeadline = input.deadline;
        }
        patch.handlerUserId = handler.id;
        patch.assignerUserId = actor.principal.userId;
        patch.isInPool = false;
        break;
      }
      case 'claim':
        patch.handlerUserId = actor.principal.userId;
        patch.responsibleOrgId = actor.principal.orgId;
        patch.isInPool = false;
        break;
      case 'request-closure': {
        const blocker = closureBlocker(await repo.findMeasures(tx, id));
        if (blocker)
          throw new AppError('unprocessable', {
            field: 'measures',
            reason: blocker === 'no_measures' ? 'reason.ledger.no_measures' : 'reason.ledger.measure_without_proof',
          });
        break;
      }
      case 'close':
        if (!input.outcome) throw new AppError('validation', { field: 'outcome', reason: 'reason.required' });
        if (input.outcome === 'not_rectifiable' && !input.reason)
          throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
        patch.closedAt = now;
        patch.closureOutcome = input.outcome;
        patch.closureNote = input.reason ?? input.comment ?? null;
        patch.reviewerUserId = actor.principal.userId;
        patch.recheckDue = addDays(today, deps.config.recheckDays.byCategory[item.category] ?? deps.config.recheckDays.default);
        await repo.createRecheck(tx, { tenantId: item.tenantId, itemId: id, dueDate: patch.recheckDue });
        break;
      case 'request-extension': {
        if (!item.deadline) throw new AppError('unprocessable', { field: 'deadline', reason: 'reason.ledger.no_deadline' });
        if (!input.deadline) throw new AppError('validation', { field: 'deadline', reason: 'reason.required' });
        if (input.deadline <= item.deadline)
          throw new AppError('validation', { field: 'deadline', reason: 'reason.too_small', min: addDays(item.deadline, 1) });
        if (!input.reason) throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
        if (extensions.some((e) => e.status === 'pending'))
          throw new AppError('conflict', { field: 'deadline', value: 'pending extension' });
        await repo.createExtension(tx, {
          tenantId: item.tenantId,
          itemId: id,
          requestedBy: actor.principal.userId,
          requestedAt: now,
          oldDeadline: item.deadline,
          newDeadline: input.deadline,
          reason: input.reason,
          ...extensionFlags(item.deadline, now, UTC_OFFSET),
        });
        break;
      }
      case 'decide-extension': {
        const pending = extensions.find((e) => e.status === 'pending');
        if (!pending) throw new AppError('unprocessable', { field: 'decision', reason: 'reason.ledger.no_pending_extension' });
        if (!input.decision) throw new AppError('validation', { field: 'decision', reason: 'reason.required' });
        await repo.decideExtension(tx, pending.id, {
          status: input.decision === 'approve' ? 'approved' : 'refused',
          decidedBy: actor.principal.userId,
          decidedAt: now,
          decisionNote: input.comment ?? null,
        });
        // The original deadline stays in originalDeadline; only an approval moves the deadline.
        if (input.decision === 'approve') patch.deadline = pending.newDeadline;
        break;
      }
      case 'recheck': {
        const recheckId = await repo.completeRecheck(tx, id, {
          result: input.result ?? 'consolidated',
          note: input.comment ?? null,
          checkedBy: actor.principal.userId,
          checkedAt: now,
        });
        if (recheckId === null)
          throw new AppError('unprocessable', {
            field: 'action',
            reason: 'reason.ledger.invalid_state',
            action: `step.${action}`,
            status: `state.${item.status}`,
          });
        eventDetail = { recheckId, result: input.result };
        patch.recheckDue = null;
        if (input.result === 'rebound') {
          patch.reboundCount = item.reboundCount + 1;
          patch.closedAt = null;
          patch.closureOutcome = null;
        }
        break;
      }
      case 'return':
        if (!input.comment) throw new AppError('validation', { field: 'comment', reason: 'reason.required' });
        break;
      case 'reject':
        if (!input.reason) throw new AppError('validation', { field: 'reason', reason: 'reason.required' });
        patch.rejectReason = input.reason;
        break;
      case 'reopen':
        // Reopened: the scheduled 回头看 of the closure no longer stands; closing again schedules a new one.
        patch.closedAt = null;
        patch.closureOutcome = null;
        patch.recheckDue = null;
        await repo.cancelPendingRechecks(tx, id);
        break;
      case 'urge':
        patch.urgeCount = item.urgeCount + 1;
        break;
      case 'merge': {
        if (!input.targetId) throw new AppError('validation', { field: 'targetId', reason: 'reason.required' });
        if (input.targetId === item.id) throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
        const target = await repo.findItem(tx, input.targetId);
        if (!target || target.tenantId !== item.tenantId || !(await isOrgInScope(tx, actor.principal, target.responsibleOrgId)))
          throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
        if (!isOpen(target.status as ItemStatus))
          throw new AppError('unprocessable', {
            field: 'targetId',
            reason: 'reason.ledger.merge_target',
            status: `state.${target.status}`,
          });
        patch.mergedIntoId = target.id;
        patch.isInPool = false;
        await repo.createLink(tx, { tenantId: item.tenantId, itemId: item.id, otherId: target.id, kind: 'duplicate', createdAt: now });
        await repo.copyEvidence(tx, item.id, target.id);
        if (!(await repo.updateItem(tx, target.id, target.version, { urgeCount: target.urgeCount + item.urgeCount }, now)))
          throw new AppError('version_conflict', { field: 'targetId' });
        mergeTarget = target;
        break;
      }
      default:
        break;
    }
    const updated = await repo.updateItem(tx, id, input.version, patch, now);
    if (!updated) throw new AppError('version_conflict');
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId: id,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action,
      fromStatus: item.status,
      toStatus: to,
      comment: input.comment ?? input.reason ?? null,
      detail: eventDetail,
    });
    const detail =
      action === 'recheck'
        ? { result: input.result }
        : action === 'decide-extension'
          ? { decision: input.decision }
          : action === 'request-extension'
            ? { deadline: input.deadline }
            : {};
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, `ledger.${action}`, { type: 'ledger_item', id }, { from: item.status, to, ...detail }),
    );
    if (mergeTarget) {
      await repo.createEvent(tx, {
        tenantId: item.tenantId,
        itemId: mergeTarget.id,
        at: now,
        actorId: actor.principal.userId,
        actorName: actor.principal.displayName,
        action: 'merge.in',
        comment: input.comment ?? null,
        detail: { fromId: item.id, fromCode: item.code, fromTitle: item.title },
      });
    }
  }
}

/** Who may edit the measures list: the handler, or a supervisor, while the item is open and not under review. */
function assertMayEditMeasures(principal: Principal, item: repo.ItemRow): void {
  const editable: ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'];
  if (!editable.includes(item.status as ItemStatus))
    throw new AppError('unprocessable', { field: 'status', reason: 'reason.ledger.measures_locked', status: `state.${item.status}` });
  const isHandler = item.handlerUserId === principal.userId;
  if (!isHandler && !SUPERVISOR_ROLES.includes(principal.role)) throw new AppError('forbidden');
}

/** Adds a measure (整改措施) to an item. */
export async function addMeasure(
  deps: AppDeps,
  actor: Actor,
  itemId: number,
  input: { content: string; ownerPersonId?: number | undefined; dueDate?: string | undefined; isMilestone?: boolean | undefined },
): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    if (input.ownerPersonId) await requireScopedPerson(tx, actor.principal, input.ownerPersonId, 'ownerPersonId');
    const [measure] = await repo.createMeasures(tx, [
      {
        tenantId: item.tenantId,
        itemId,
        content: input.content,
        ownerPersonId: input.ownerPersonId ?? null,
        dueDate: input.dueDate ?? null,
        isMilestone: input.isMilestone ?? false,
        sortOrder: item.measuresTotal,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await repo.recountMeasures(tx, itemId);
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'measure.add',
      comment: input.content,
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.measure.add', { type: 'ledger_measure', id: measure?.id ?? null }, { itemId }),
    );
  });
  return getItem(deps, actor.principal, itemId);
}

/** Changes a measure: its progress, completion note or due date (version-checked). */
export async function updateMeasure(
  deps: AppDeps,
  actor: Actor,
  itemId: number,
  measureId: number,
  input: TUpdateMeasureRequest,
  ifMatch?: string,
): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const version = versionFrom(input.version, ifMatch);
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    const measures = await repo.findMeasures(tx, itemId);
    if (!measures.some((m) => m.id === measureId)) throw notFound('entity.measure');
    if (input.ownerPersonId) await requireScopedPerson(tx, actor.principal, input.ownerPersonId, 'ownerPersonId');
    const { version: _v, ...patch } = input;
    const doneAt = input.status === undefined ? {} : { doneAt: input.status === 'done' ? now : null };
    if (!(await repo.updateMeasure(tx, measureId, version, { ...patch, ...doneAt }, now))) throw new AppError('version_conflict');
    await repo.recountMeasures(tx, itemId);
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'measure.update',
      comment: input.completionNote ?? null,
      detail: { measureId, ...patch },
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.measure.update', { type: 'ledger_measure', id: measureId }, { itemId, fields: Object.keys(patch) }),
    );
  });
  return getItem(deps, actor.principal, itemId);
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);

/** Dashboard figures of the items in the caller's scope (optionally one org's subtree). */
export async function stats(deps: AppDeps, principal: Principal, query: { orgId?: number | undefined }): Promise<TLedgerStats> {
  if (!READER_ROLES.includes(principal.role)) throw new AppError('forbidden');
  const db = deps.database.db;
  const today = localDate(deps.now());
  let scope = itemScope(principal);
  if (query.orgId) {
    const org = await requireScopedOrg(db, principal, query.orgId, 'orgId');
    scope = sql`${scope} and ${orgScopeCondition({ ...principal, scope: 'subtree', orgPath: org.path }, ledgerItems.responsibleOrgId)}`;
  }
  const [headline, counts, redRaw] = await Promise.all([
    repo.rates(db, scope, today),
    repo.countBy(db, scope),
    repo.redByOrg(db, scope, today),
  ]);
  const { status: byStatus, category: byCategory, source: bySource, responsible_org_id: byOrgRaw } = counts;
  const since = `${addDays(`${today.slice(0, 7)}-01`, -334).slice(0, 7)}-01`;
  const monthly = await repo.monthlyTrend(db, scope, since);
  const names = await orgNames(
    db,
    [...byOrgRaw, ...redRaw].map((r) => Number(r.key)),
  );
  const labelled = (rows: { key: string; n: number }[], label: (k: string) => string) => rows.map((r) => ({ ...r, label: label(r.key) }));
  return {
    total: headline.total,
    open: headline.open,
    closed: headline.closed,
    red: headline.red,
    closureRate: ratio(headline.closed, headline.closed + headline.open),
    rectifiedRate: ratio(headline.rectified, headline.closed),
    urgeTotal: headline.urgeTotal,
    urgedItems: headline.urgedItems,
    byOutcome: [
      { key: 'rectified', label: 'rectified', n: headline.rectified },
      { key: 'partly_rectified', label: 'partly_rectified', n: headline.partlyRectified },
      { key: 'not_rectifiable', label: 'not_rectifiable', n: headline.notRectifiable },
    ],
    onTimeClosureRate: ratio(headline.closedOnTime, headline.closed),
    reboundRate: ratio(headline.rebounded, headline.everClosed),
    byStatus: labelled(byStatus, (k) => k),
    byCategory: labelled(byCategory, (k) => k),
    bySource: labelled(bySource, (k) => k),
    byOrg: labelled(byOrgRaw, (k) => names.get(Number(k)) ?? k),
    redByOrg: labelled(redRaw, (k) => names.get(Number(k)) ?? k),
    monthly,
  };
}

/** Attaches an evidence file to an item, or to one of its measures (整改佐证). */
export async function addEvidence(
  deps: AppDeps,
  actor: Actor,
  itemId: number,
  input: { fileName: string; mimeType: string; content: Buffer; measureId?: number | undefined; note?: string | undefined },
): Promise<TItemDetail> {
  checkFileType(input.fileName, input.mimeType);
  if (input.content.length === 0) throw new AppError('validation', { field: 'file', reason: 'reason.required' });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    if (input.measureId !== undefined && !(await repo.findMeasures(tx, itemId)).some((m) => m.id === input.measureId))
      throw new AppError('validation', { field: 'measureId', reason: 'reason.invalid' });
    const file = await saveFile(tx, {
      tenantId: item.tenantId,
      fileName: input.fileName,
      mimeType: input.mimeType,
      content: input.content,
      createdBy: actor.principal.userId,
      now,
    });
    const evidence = await repo.createEvidence(tx, {
      tenantId: item.tenantId,
      itemId,
      measureId: input.measureId ?? null,
      fileId: file.id,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      note: input.note ?? null,
      uploadedBy: actor.principal.userId,
      createdAt: now,
    });
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'evidence.add',
      comment: file.fileName,
      detail: { evidenceId: evidence.id, measureId: input.measureId ?? null },
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'ledger.evidence.add',
        { type: 'ledger_evidence', id: evidence.id },
        { itemId, fileName: file.fileName, sha256: file.sha256, size: file.size },
      ),
    );
  });
  return getItem(deps, actor.principal, itemId);
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
  if (!SUPERVISOR_ROLES.includes(principal.role)) throw new AppError('forbidden');
  return assignableUsers(deps.database.db, principal, ['handler', 'leader'], q);
}

/** Who may link and unlink related items: a supervisor, or the item's handler or submitter. */
function mayLink(principal: Principal, item: repo.ItemRow): boolean {
  return SUPERVISOR_ROLES.includes(principal.role) || item.handlerUserId === principal.userId || item.createdBy === principal.userId;
}

/** Adds a comment (意见/备注): anyone who may read the item; an event of its own and an audit entry. */
export async function addComment(deps: AppDeps, actor: Actor, itemId: number, body: string): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'comment',
      comment: body,
    });
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.comment', { type: 'ledger_item', id: itemId }, { length: body.length }));
  });
  return getItem(deps, actor.principal, itemId);
}

/** Links an item to a related one in the caller's scope (关联问题); both items get an event. */
export async function linkItems(deps: AppDeps, actor: Actor, itemId: number, targetId: number): Promise<TItemDetail> {
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      const item = await getScopedItem(tx, actor.principal, itemId);
      if (!mayLink(actor.principal, item)) throw new AppError('forbidden');
      if (targetId === itemId) throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
      const target = await repo.findItem(tx, targetId);
      if (
        !target ||
        target.tenantId !== item.tenantId ||
        !(await isOrgInScope(tx, actor.principal, target.responsibleOrgId)) ||
        (target.confidentiality === 'confidential' && !mayReadConfidential(actor.principal, target))
      )
        throw new AppError('validation', { field: 'targetId', reason: 'reason.invalid' });
      const existing = await repo.findLinks(tx, itemId);
      if (existing.some((l) => l.otherId === targetId && l.kind === 'related'))
        throw new AppError('conflict', { field: 'targetId', value: target.code });
      await repo.createLink(tx, { tenantId: item.tenantId, itemId, otherId: targetId, kind: 'related', createdAt: now });
      for (const [on, other] of [
        [item, target],
        [target, item],
      ] as const)
        await repo.createEvent(tx, {
          tenantId: item.tenantId,
          itemId: on.id,
          at: now,
          actorId: actor.principal.userId,
          actorName: actor.principal.displayName,
          action: 'link',
          detail: { otherId: other.id, otherCode: other.code },
        });
      await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.link', { type: 'ledger_item', id: itemId }, { targetId }));
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, 'ledger.link', itemId, error);
    throw error;
  }
  return getItem(deps, actor.principal, itemId);
}

/** Removes a related-item link (either direction); duplicate links made by merge stay. */
export async function unlinkItems(deps: AppDeps, actor: Actor, itemId: number, targetId: number): Promise<TItemDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    if (!mayLink(actor.principal, item)) throw new AppError('forbidden');
    if (!(await repo.deleteLink(tx, itemId, targetId, 'related'))) throw notFound('entity.link');
    await repo.createEvent(tx, {
      tenantId: item.tenantId,
      itemId,
      at: now,
      actorId: actor.principal.userId,
      actorName: actor.principal.displayName,
      action: 'unlink',
      detail: { otherId: targetId },
    });
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.unlink', { type: 'ledger_item', id: itemId }, { targetId }));
  });
  return getItem(deps, actor.principal, itemId);
}

/** Ledger items counting against assessed orgs in a year (for the assessment's deductions), by org and kind. */
/** Code and title of the items among `ids` the caller may read (others are left out), for other modules' explanations. */
export async function itemBriefs(db: Db, principal: Principal, ids: number[]): Promise<{ id: number; code: string; title: string }[]> {
  if (ids.length === 0) return [];
  const t = ledgerItems;
  return db
    .select({ id: t.id, code: t.code, title: t.title })
    .from(t)
    .where(sql`${inArray(t.id, ids)} and ${itemScope(principal)}`);
}

export async function ledgerCountsForAssessment(
  db: Db,
  tenantId: number,
  assessed: { id: number; path: string }[],
  year: number,
): Promise<{ orgId: number; kind: string; itemIds: number[] }[]> {
  return repo.countsForAssessment(db, tenantId, assessed, year);
}
