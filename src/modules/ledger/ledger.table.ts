import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, people, users } from '../org/org.table.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** Ledger items (台账条目): the four lists' head — problem, responsibility, deadline. */
export const ledgerItems = pgTable(
  'ledger_items',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    source: text('source').notNull(),
    severity: text('severity').notNull().default('general'),
    confidentiality: text('confidentiality').notNull().default('internal'),
    /** The org the problem concerns. */
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    /** 责任单位: scopes every query. */
    responsibleOrgId: ref('responsible_org_id')
      .notNull()
      .references(() => orgs.id),
    responsiblePersonId: ref('responsible_person_id').references(() => people.id),
    leadLeaderId: ref('lead_leader_id').references(() => people.id),
    handlerUserId: ref('handler_user_id').references(() => users.id),
    assignerUserId: ref('assigner_user_id').references(() => users.id),
    status: text('status').notNull(),
    isInPool: boolean('is_in_pool').notNull().default(false),
    deadline: day('deadline'),
    /** The deadline as first set; kept when extensions move `deadline`. */
    originalDeadline: day('original_deadline'),
    isLongTerm: boolean('is_long_term').notNull().default(false),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    externalRef: text('external_ref'),
    urgeCount: integer('urge_count').notNull().default(0),
    /** Kept in step with the measures, so lists and lights need no join. */
    measuresTotal: integer('measures_total').notNull().default(0),
    measuresDone: integer('measures_done').notNull().default(0),
    closedAt: stamp('closed_at'),
    closureOutcome: text('closure_outcome'),
    closureNote: text('closure_note'),
    reviewerUserId: ref('reviewer_user_id').references(() => users.id),
    rejectReason: text('reject_reason'),
    recheckDue: day('recheck_due'),
    reboundCount: integer('rebound_count').notNull().default(0),
    mergedIntoId: ref('merged_into_id'),
    /** Words of title and description (jieba), for duplicate suggestions; derived, never typed. */
    searchTerms: text('search_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Fields of later kinds (matter, petition…) without forking the engine. */
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: ref('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_items_code_uq').on(t.tenantId, t.code),
    uniqueIndex('ledger_items_external_uq').on(t.tenantId, t.source, t.externalRef),
    // Scope, status and deadline: counts and light filters of a subtree are answered from the index alone.
    index('ledger_items_scope_idx').on(t.tenantId, t.responsibleOrgId, t.status, t.deadline),
    index('ledger_items_deadline_idx').on(t.tenantId, t.deadline),
    // Newest first is the list's default order: walking this index back finds a page of a subtree without sorting it.
    index('ledger_items_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('ledger_items_handler_idx').on(t.handlerUserId, t.status),
    index('ledger_items_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('ledger_items_terms_idx').using('gin', t.searchTerms),
  ],
);

/** 整改清单: measures of an item. */
export const ledgerMeasures = pgTable(
  'ledger_measures',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    content: text('content').notNull(),
    ownerPersonId: ref('owner_person_id').references(() => people.id),
    dueDate: day('due_date'),
    status: text('status').notNull().default('pending'),
    completionNote: text('completion_note'),
    doneAt: stamp('done_at'),
    isMilestone: boolean('is_milestone').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [index('ledger_measures_item_idx').on(t.itemId)],
);

/** Evidence files of an item or one of its measures; the bytes live in `stored_files`. */
export const ledgerEvidence = pgTable(
  'ledger_evidence',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    measureId: ref('measure_id').references(() => ledgerMeasures.id),
    fileId: ref('file_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    note: text('note'),
    uploadedBy: ref('uploaded_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [index('ledger_evidence_item_idx').on(t.itemId)],
);

/** Every step on an item: who, when, from → to, comment. */
export const ledgerEvents = pgTable(
  'ledger_events',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    at: stamp('at').notNull(),
    actorId: ref('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    comment: text('comment'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('ledger_events_item_idx').on(t.itemId, t.at)],
);

/** Links between items: related, or a duplicate merged into another. */
export const ledgerLinks = pgTable(
  'ledger_links',
  {
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    otherId: ref('other_id')
      .notNull()
      .references(() => ledgerItems.id),
    kind: text('kind').notNull(),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.otherId, t.kind] })],
);

/** 延期: requests for a new deadline and their decisions. */
export const ledgerExtensions = pgTable(
  'ledger_extensions',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    requestedBy: ref('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: stamp('requested_at').notNull(),
    oldDeadline: day('old_deadline').notNull(),
    newDeadline: day('new_deadline').notNull(),
    reason: text('reason').notNull(),
    isLate: boolean('is_late').notNull(),
    isLastMinute: boolean('is_last_minute').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: ref('decided_by').references(() => users.id),
    decidedAt: stamp('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('ledger_extensions_item_idx').on(t.itemId)],
);

/** 回头看: rechecks after closing. */
export const ledgerRechecks = pgTable(
  'ledger_rechecks',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    dueDate: day('due_date').notNull(),
    result: text('result'),
    note: text('note'),
    checkedBy: ref('checked_by').references(() => users.id),
    checkedAt: stamp('checked_at'),
  },
  (t) => [index('ledger_rechecks_item_idx').on(t.itemId), index('ledger_rechecks_due_idx').on(t.tenantId, t.dueDate)],
);

/** Idempotency keys of item creation: the same key and body answer the first result. */
export const ledgerIdempotency = pgTable(
  'ledger_idempotency',
  {
    userId: ref('user_id').notNull(),
    key: text('key').notNull(),
    bodyHash: text('body_hash').notNull(),
    itemId: ref('item_id'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Per-tenant, per-prefix, per-year counters behind item codes (WT-2026-000123). */
export const ledgerCounters = pgTable(
  'ledger_counters',
  {
    tenantId: ref('tenant_id').notNull(),
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.prefix, t.year] })],
);
