import { z } from 'zod';
import { line, text } from '../../platform/text.js';
import { MEASURE_STATUSES, TODO_REASONS } from './ledger.values.js';
import {
  CLOSURE_OUTCOMES,
  CONFIDENTIALITY,
  ITEM_ACTIONS,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  SEVERITIES,
} from './ledger.rules.js';

export const ZItemKind = z.enum(ITEM_KINDS);
export const ZItemCategory = z.enum(ITEM_CATEGORIES);
export const ZItemSource = z.enum(ITEM_SOURCES);
export const ZItemStatus = z.enum(ITEM_STATUSES);
export const ZSeverity = z.enum(SEVERITIES);
export const ZConfidentiality = z.enum(CONFIDENTIALITY);
export const ZLight = z.enum(['red', 'yellow', 'green']);
export const ZItemAction = z.enum(ITEM_ACTIONS);
const ZDate = z.iso.date();
const ZRefId = z.number().int().positive();

/** A measure (整改措施) as the API shows it. */
export const ZMeasure = z.object({
  id: z.number(),
  content: z.string(),
  ownerPersonId: z.number().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  completionNote: z.string().nullable(),
  isMilestone: z.boolean(),
  evidenceCount: z.number(),
  version: z.number(),
});
export type TMeasure = z.infer<typeof ZMeasure>;

/** A ledger item in lists. */
export const ZItemSummary = z.object({
  id: z.number(),
  code: z.string(),
  kind: ZItemKind,
  title: z.string(),
  category: ZItemCategory,
  source: ZItemSource,
  severity: ZSeverity,
  status: ZItemStatus,
  light: ZLight.nullable(),
  orgId: z.number(),
  orgName: z.string(),
  responsibleOrgId: z.number(),
  responsibleOrgName: z.string(),
  responsiblePersonId: z.number().nullable(),
  responsiblePersonName: z.string().nullable(),
  leadLeaderId: z.number().nullable(),
  leadLeaderName: z.string().nullable(),
  handlerUserId: z.number().nullable(),
  deadline: z.string().nullable(),
  originalDeadline: z.string().nullable(),
  isInPool: z.boolean(),
  urgeCount: z.number(),
  closedAt: z.string().nullable(),
  closureOutcome: z.enum(CLOSURE_OUTCOMES).nullable(),
  measuresTotal: z.number(),
  measuresDone: z.number(),
  confidentiality: ZConfidentiality,
  tags: z.array(z.string()),
  /** Why the item waits for the caller (我的待办 only): handle it, review its closure, decide an extension, or recheck it. */
  todo: z.array(z.enum(TODO_REASONS)).optional(),
  createdAt: z.string(),
  version: z.number(),
});
export type TItemSummary = z.infer<typeof ZItemSummary>;

export const ZItemPage = z.object({ total: z.number(), items: z.array(ZItemSummary) });

/** Query of the ledger list. */
export const ZListItemsQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  kind: ZItemKind.optional(),
  category: ZItemCategory.optional(),
  source: ZItemSource.optional(),
  status: ZItemStatus.optional(),
  light: ZLight.optional(),
  responsibleOrgId: z.coerce.number().int().positive().optional(),
  responsiblePersonId: z.coerce.number().int().positive().optional(),
  deadlineFrom: ZDate.optional(),
  deadlineTo: ZDate.optional(),
  q: line().trim().max(100).optional(),
  tag: line().trim().min(1).max(30).optional(),
  confidentiality: ZConfidentiality.optional(),
  /** 我的待办: items waiting for the caller — to handle, to review, an extension to decide, a 回头看 due within 7 days. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  pool: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `light` puts red first, then yellow, green, and items without a light last; `-light` the reverse. */
  sort: z
    .enum(['deadline', '-deadline', 'createdAt', '-createdAt', 'code', '-code', 'urgeCount', '-urgeCount', 'light', '-light'])
    .default('-createdAt'),
});
export type TListItemsQuery = z.infer<typeof ZListItemsQuery>;

const ZMeasureInput = z.strictObject({
  content: text().trim().min(1).max(1000),
  ownerPersonId: ZRefId.optional(),
  dueDate: ZDate.optional(),
  isMilestone: z.boolean().optional(),
});

/** Creating an item (出题). */
export const ZCreateItemRequest = z.strictObject({
  kind: ZItemKind.default('problem'),
  title: line().trim().min(1).max(200),
  description: text().trim().max(5000).optional(),
  category: ZItemCategory,
  source: ZItemSource,
  severity: ZSeverity.optional(),
  confidentiality: ZConfidentiality.optional(),
  orgId: ZRefId,
  responsibleOrgId: ZRefId.optional(),
  responsiblePersonId: ZRefId.optional(),
  leadLeaderId: ZRefId.optional(),
  deadline: ZDate.optional(),
  isLongTerm: z.boolean().optional(),
  tags: z.array(line().trim().min(1).max(30)).max(20).optional(),
  externalRef: line().trim().min(1).max(64).optional(),
  /** Publish to the 领题池: units under the org concerned may claim it (not for confidential items). */
  isInPool: z.boolean().optional(),
  measures: z.array(ZMeasureInput).max(50).optional(),
});
export type TCreateItemRequest = z.infer<typeof ZCreateItemRequest>;

/** An event on the item's timeline. */
export const ZItemEvent = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  comment: z.string().nullable(),
});

/** An open item that looks like another (duplicate suggestion), with a 0..1 likeness. */
export const ZSimilarItem = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  status: ZItemStatus,
  responsibleOrgName: z.string(),
  score: z.number(),
});

/** One item with its four lists and timeline, and the steps the caller may take. */
export const ZItemDetail = ZItemSummary.extend({
  description: z.string(),
  confidentiality: ZConfidentiality,
  isLongTerm: z.boolean(),
  tags: z.array(z.string()),
  externalRef: z.string().nullable(),
  closureNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  reviewerUserId: z.number().nullable(),
  measures: z.array(ZMeasure),
  events: z.array(ZItemEvent),
  extensions: z.array(
    z.object({
      id: z.number(),
      requestedAt: z.string(),
      oldDeadline: z.string(),
      newDeadline: z.string(),
      reason: z.string(),
      isLate: z.boolean(),
      isLastMinute: z.boolean(),
      status: z.enum(['pending', 'approved', 'refused']),
      decisionNote: z.string().nullable(),
    }),
  ),
  recheckDue: z.string().nullable(),
  reboundCount: z.number(),
  evidence: z.array(
    z.object({
      id: z.number(),
      measureId: z.number().nullable(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
      sha256: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  mergedIntoId: z.number().nullable(),
  /** Related and duplicate items (a merged item points at the one it was merged into). */
  links: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      title: z.string(),
      status: ZItemStatus,
      kind: z.string(),
      direction: z.enum(['out', 'in']),
    }),
  ),
  /** Comments (意见/备注) by anyone who may read the item, oldest first. */
  comments: z.array(z.object({ id: z.number(), at: z.string(), authorName: z.string(), body: z.string() })),
  /** 回头看: scheduled and done, newest first. */
  rechecks: z.array(
    z.object({
      id: z.number(),
      dueDate: z.string(),
      result: z.enum(['consolidated', 'rebound']).nullable(),
      note: z.string().nullable(),
      checkedAt: z.string().nullable(),
      checkedByName: z.string().nullable(),
    }),
  ),
  /** May the caller add or remove related-item links? */
  mayLink: z.boolean(),
  /** Open items in scope that look like this one (duplicate suggestions), best first. */
  similar: z.array(ZSimilarItem),
  /** May the caller change the item's fields (PATCH)? */
  editable: z.boolean(),
  allowedActions: z.array(ZItemAction),
});
export type TItemDetail = z.infer<typeof ZItemDetail>;

/** The body of a step: a comment, the version seen, and what the step needs. */
export const ZActionRequest = z.strictObject({
  /** The item's version as seen; or send If-Match. */
  version: z.number().int().positive().optional(),
  comment: text().trim().max(2000).optional(),
  handlerUserId: ZRefId.optional(),
  responsibleOrgId: ZRefId.optional(),
  responsiblePersonId: ZRefId.optional(),
  deadline: ZDate.optional(),
  outcome: z.enum(CLOSURE_OUTCOMES).optional(),
  reason: text().trim().min(1).max(2000).optional(),
  decision: z.enum(['approve', 'refuse']).optional(),
  result: z.enum(['consolidated', 'rebound']).optional(),
  /** merge: the item this one is merged into. */
  targetId: ZRefId.optional(),
});
export type TActionRequest = z.infer<typeof ZActionRequest>;
/** A comment on an item. */
export const ZCommentRequest = z.strictObject({ body: text().trim().min(1).max(2000) });
/** Linking an item to a related one (关联问题). */
export const ZLinkRequest = z.strictObject({ targetId: ZRefId });
export const ZLinkParams = z.object({ id: z.coerce.number().int().positive(), targetId: z.coerce.number().int().positive() });
export const ZActionParams = z.object({ id: z.coerce.number().int().positive(), action: ZItemAction });

/** The same step on many items at once (bulk 催办 / 交办 / 不予受理), all or nothing. */
export const ZBulkActionRequest = z.strictObject({
  action: z.enum(['urge', 'assign', 'reject']),
  items: z
    .array(z.strictObject({ id: ZRefId, version: z.number().int().positive() }))
    .min(1)
    .max(500),
  comment: text().trim().max(2000).optional(),
  handlerUserId: ZRefId.optional(),
  deadline: ZDate.optional(),
  reason: text().trim().min(1).max(2000).optional(),
});
export type TBulkActionRequest = z.infer<typeof ZBulkActionRequest>;
export const ZBulkActionResult = z.object({ done: z.number() });

/** Changing an item's fields (PATCH): only what is sent changes; `version` (or If-Match) must be current. */
export const ZUpdateItemRequest = z.strictObject({
  version: z.number().int().positive().optional(),
  title: line().trim().min(1).max(200).optional(),
  description: text().trim().max(5000).optional(),
  category: ZItemCategory.optional(),
  source: ZItemSource.optional(),
  severity: ZSeverity.optional(),
  confidentiality: ZConfidentiality.optional(),
  orgId: ZRefId.optional(),
  responsibleOrgId: ZRefId.optional(),
  responsiblePersonId: ZRefId.nullable().optional(),
  leadLeaderId: ZRefId.nullable().optional(),
  deadline: ZDate.optional(),
  isLongTerm: z.boolean().optional(),
  tags: z.array(line().trim().min(1).max(30)).max(20).optional(),
  externalRef: line().trim().min(1).max(64).nullable().optional(),
  /** Publish to (true) or withdraw from (false) the 领题池; only while the item waits for 交办. */
  isInPool: z.boolean().optional(),
});
export type TUpdateItemRequest = z.infer<typeof ZUpdateItemRequest>;
export const ZIfMatchHeaders = z.object({
  'if-match': line()
    .trim()
    .regex(/^(W\/)?"?\d+"?$/, 'a version number')
    .optional(),
});

/** Duplicate suggestions for a text being typed (新增问题 form). */
export const ZSimilarQuery = z.object({
  title: line().trim().min(1).max(200),
  description: text().trim().max(5000).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  excludeId: z.coerce.number().int().positive().optional(),
});
export type TSimilarItem = z.infer<typeof ZSimilarItem>;
export const ZSimilarList = z.object({ items: z.array(ZSimilarItem) });

export const ZCreateMeasureRequest = z.strictObject({
  content: text().trim().min(1).max(1000),
  ownerPersonId: ZRefId.optional(),
  dueDate: ZDate.optional(),
  isMilestone: z.boolean().optional(),
});
export const ZUpdateMeasureRequest = z.strictObject({
  content: text().trim().min(1).max(1000).optional(),
  ownerPersonId: ZRefId.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  completionNote: text().trim().max(2000).optional(),
  dueDate: ZDate.nullable().optional(),
  isMilestone: z.boolean().optional(),
  /** The measure's version; or send If-Match. */
  version: z.number().int().positive().optional(),
});
export type TUpdateMeasureRequest = z.infer<typeof ZUpdateMeasureRequest>;
export const ZMeasureParams = z.object({ id: z.coerce.number().int().positive(), measureId: z.coerce.number().int().positive() });

/** Headers of item creation: an optional Idempotency-Key (the same key and body answer the first result). */
export const ZCreateItemHeaders = z.object({
  'idempotency-key': line()
    .trim()
    .min(8)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII')
    .optional(),
});

const ZCount = z.object({ key: z.string(), label: z.string(), n: z.number() });
/** The dashboard figures of the items in scope. */
export const ZLedgerStats = z.object({
  total: z.number(),
  open: z.number(),
  closed: z.number(),
  red: z.number(),
  /** Closed as fully rectified / closed: "closed" is never silently counted as "fixed". */
  rectifiedRate: z.number().nullable(),
  /** 督办/催办: urges given, and items urged at least once. */
  urgeTotal: z.number(),
  urgedItems: z.number(),
  byOutcome: z.array(ZCount),
  /** Closed / (closed + open): share of items brought to closure. */
  closureRate: z.number().nullable(),
  /** Closed by the deadline / closed. */
  onTimeClosureRate: z.number().nullable(),
  /** Items that rebounded at 回头看 / items ever closed. */
  reboundRate: z.number().nullable(),
  byStatus: z.array(ZCount),
  byCategory: z.array(ZCount),
  bySource: z.array(ZCount),
  byOrg: z.array(ZCount),
  redByOrg: z.array(ZCount),
  monthly: z.array(z.object({ month: z.string(), created: z.number(), closed: z.number() })),
});
export type TLedgerStats = z.infer<typeof ZLedgerStats>;
export const ZStatsQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
export const ZEvidenceParams = z.object({ id: z.coerce.number().int().positive(), evidenceId: z.coerce.number().int().positive() });
/** Form fields sent with an evidence file. */
export const ZEvidenceFields = z.strictObject({
  measureId: z.coerce.number().int().positive().optional(),
  note: text().trim().max(500).optional(),
});
/** People a supervisor may assign an item to (交办). */
export const ZAssigneeQuery = z.object({ q: line().trim().max(50).optional() });
export const ZAssigneeList = z.object({
  items: z.array(z.object({ id: z.number(), displayName: z.string(), username: z.string(), orgName: z.string(), role: z.string() })),
});

/** Query of the import: dryRun=true checks every row and writes nothing. */
export const ZImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
/** What an import did (the 422 answer of a refused file carries `errors` and `errorFileUrl` instead). */
export const ZImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  codes: z.object({ first: z.string().nullable(), last: z.string().nullable() }),
});
