/**
 * API shapes for the web client, inferred from the server's Zod contract.
 * Type-only imports: nothing of zod or the server ends up in the bundle.
 */
import type { z } from 'zod';
import type * as c from '../../../src/modules/org/org.contract';
import type * as l from '../../../src/modules/ledger/ledger.contract';
import type * as lr from '../../../src/modules/ledger/ledger.rules';

export type { TOrg, TPerson, TUser, TMe, TCreateOrgRequest, TUpdateOrgRequest, TCreatePersonRequest, TUpdatePersonRequest, TCreateUserRequest } from '../../../src/modules/org/org.contract';

/** Org tree level. */
export type OrgLevel = z.infer<typeof c.ZOrgLevel>;
/** Functional zone. */
export type OrgZone = z.infer<typeof c.ZOrgZone>;
/** User role. */
export type Role = z.infer<typeof c.ZRole>;
/** Data scope. */
export type Scope = z.infer<typeof c.ZScope>;
/** GET /api/orgs. */
export type OrgList = z.infer<typeof c.ZOrgList>;
/** GET /api/people. */
export type PersonPage = z.infer<typeof c.ZPersonPage>;
/** GET /api/people/:id/contact. */
export type PersonContact = z.infer<typeof c.ZPersonContact>;
/** GET /api/users. */
export type UserList = z.infer<typeof c.ZUserList>;
/** POST /api/users. */
export type CreateUserRequest = z.infer<typeof c.ZCreateUserRequest>;
/** POST /api/auth/login. */
export type LoginResponse = z.infer<typeof c.ZLoginResponse>;
/** GET /api/auth/me. */
export type SessionInfo = z.infer<typeof c.ZSessionInfo>;
/** One API token. */
export type ApiToken = z.infer<typeof c.ZApiToken>;
/** GET /api/auth/tokens. */
export type ApiTokenList = z.infer<typeof c.ZApiTokenList>;
/** POST /api/auth/tokens. */
export type CreatedToken = z.infer<typeof c.ZCreatedToken>;
/** GET /api/security/settings. */
export type SecuritySettings = z.infer<typeof c.ZSecuritySettings>;
/** One audit row. */
export type AuditRow = z.infer<typeof c.ZAuditRow>;
/** GET /api/audit. */
export type AuditPage = z.infer<typeof c.ZAuditPage>;
/** GET /api/audit/verify. */
export type AuditVerify = z.infer<typeof c.ZAuditVerify>;

/** The level values, in tree order (mirrors ORG_LEVELS). */
export const ORG_LEVELS: readonly OrgLevel[] = ['province', 'city', 'county', 'township', 'village', 'department'];
/** The zone values (mirrors ORG_ZONES). */
export const ORG_ZONES: readonly OrgZone[] = ['urban_core', 'agricultural_county', 'ecological_zone', 'development_zone', 'agency'];
/** The role values (mirrors ROLES). */
export const ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'];
/** The scope values (mirrors SCOPES). */
export const SCOPES: readonly Scope[] = ['own', 'subtree', 'all'];

export type { TItemSummary, TItemDetail, TMeasure, TCreateItemRequest, TActionRequest, TUpdateItemRequest, TSimilarItem } from '../../../src/modules/ledger/ledger.contract';
/** GET /api/ledger/assignees. */
export type AssigneeList = z.infer<typeof l.ZAssigneeList>;
/** GET /api/ledger/items. */
export type ItemPage = z.infer<typeof l.ZItemPage>;
/** One timeline event of an item. */
export type ItemEvent = z.infer<typeof l.ZItemEvent>;
/** 红黄绿灯. */
export type Light = z.infer<typeof l.ZLight>;
/** Ledger enums. */
export type ItemStatus = lr.ItemStatus;
export type ItemCategory = lr.ItemCategory;
export type ItemSource = lr.ItemSource;
export type ItemAction = lr.ItemAction;
export type ClosureOutcome = lr.ClosureOutcome;
export type Severity = (typeof lr.SEVERITIES)[number];
export type MeasureStatus = l.TMeasure['status'];
/** 问题 / 任务 / 民生实事 / 信访事项 / 历史遗留问题. */
export type ItemKind = lr.ItemKind;
/** 公开 / 内部 / 机密. */
export type Confidentiality = (typeof lr.CONFIDENTIALITY)[number];
/** Why an item waits for the caller in 我的待办. */
export type TodoReason = NonNullable<l.TItemSummary['todo']>[number];
/** The sort values of GET /api/ledger/items. */
export type ItemSort = l.TListItemsQuery['sort'];

/** Mirrors ITEM_KINDS. */
export const ITEM_KINDS: readonly ItemKind[] = ['problem', 'task', 'matter', 'petition', 'legacy'];
/** Mirrors CONFIDENTIALITY. */
export const CONFIDENTIALITY: readonly Confidentiality[] = ['public', 'internal', 'confidential'];
/** The reasons of 我的待办, in the order they are shown. */
export const TODO_REASONS: readonly TodoReason[] = ['handle', 'review', 'extension', 'recheck'];
/** Mirrors ITEM_STATUSES. */
export const ITEM_STATUSES: readonly ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'closure_requested', 'closed', 'returned', 'rejected', 'reopened', 'merged'];
/** Mirrors ITEM_SOURCES. */
export const ITEM_SOURCES: readonly ItemSource[] = ['self_inspection', 'self_review', 'supervision', 'special_inspection', 'random_check', 'inspection_tour', 'audit', 'statistics', 'finance', 'petition', 'hotline', 'public_report', 'survey', 'enterprise_visit', 'assessment_feedback', 'integrity_check'];
/** Mirrors ITEM_CATEGORIES. */
export const ITEM_CATEGORIES: readonly ItemCategory[] = ['image_project', 'vanity_project', 'face_project', 'unfinished_project', 'fake_achievement', 'paper_achievement', 'statistical_fraud', 'reckless_debt', 'illegal_financing', 'legacy_neglect', 'formalism', 'bureaucratism', 'inaction', 'misconduct', 'sham_action', 'showcase_building', 'business_environment', 'digital_formalism', 'corruption', 'livelihood_request', 'other'];
/** Mirrors SEVERITIES. */
export const SEVERITIES: readonly Severity[] = ['minor', 'general', 'serious', 'critical'];
/** Mirrors CLOSURE_OUTCOMES. */
export const CLOSURE_OUTCOMES: readonly ClosureOutcome[] = ['rectified', 'partly_rectified', 'not_rectifiable'];
/** Measure states. */
export const MEASURE_STATUSES: readonly MeasureStatus[] = ['pending', 'in_progress', 'done'];

/** GET /api/ledger/similar. */
export type SimilarList = z.infer<typeof l.ZSimilarList>;
/** One link of an item (duplicate / related, out or in). */
export type ItemLink = l.TItemDetail['links'][number];
/** One comment (意见/备注) of an item. */
export type ItemComment = l.TItemDetail['comments'][number];
/** One 回头看 of an item, scheduled or done. */
export type ItemRecheck = l.TItemDetail['rechecks'][number];
/** One evidence file of an item. */
export type ItemEvidence = l.TItemDetail['evidence'][number];
/** GET /api/ledger/stats. */
export type LedgerStats = l.TLedgerStats;
/** POST /api/ledger/bulk-actions. */
export type BulkActionRequest = z.infer<typeof l.ZBulkActionRequest>;
/** The answer of POST /api/ledger/bulk-actions. */
export type BulkActionResult = z.infer<typeof l.ZBulkActionResult>;
/** The 200 answer of POST /api/ledger/import. */
export type ImportResult = z.infer<typeof l.ZImportResult>;
/** One refused cell of an import (row as Excel numbers it, column header). */
export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: string;
  message: string;
}
/** The 422 answer of POST /api/ledger/import: the file was refused as a whole. */
export interface ImportRefusal {
  error: { code: string; message: string; field?: string };
  errorCount: number;
  errors: ImportError[];
  errorFileUrl: string | null;
}
