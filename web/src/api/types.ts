/**
 * API shapes for the web client, inferred from the server's Zod contract.
 * Type-only imports: nothing of zod or the server ends up in the bundle.
 */
import type { z } from 'zod';
import type * as c from '../../../src/modules/org/org.contract';
import type * as l from '../../../src/modules/ledger/ledger.contract';
import type * as lr from '../../../src/modules/ledger/ledger.rules';
import type * as asm from '../../../src/modules/assessment/assessment.contract';

export type {
  TOrg,
  TPerson,
  TUser,
  TMe,
  TCreateOrgRequest,
  TUpdateOrgRequest,
  TCreatePersonRequest,
  TUpdatePersonRequest,
  TCreateUserRequest,
} from '../../../src/modules/org/org.contract';

// The value lists come from the server's own `as const` declarations (one source, no copies).
export { ROLES, SCOPES } from '../../../src/platform/access.values';
export { ORG_LEVELS, ORG_ZONES } from '../../../src/modules/org/org.values';
export {
  CLOSURE_OUTCOMES,
  CONFIDENTIALITY,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  MEASURE_STATUSES,
  SEVERITIES,
  TODO_REASONS,
} from '../../../src/modules/ledger/ledger.values';
export {
  DEDUCTION_KINDS,
  DIGIT_TESTS,
  FLAG_STATUSES,
  GRADES,
  INDICATOR_DOMAINS,
  INTEGRITY_CHECKS,
  SCORING_METHODS,
} from '../../../src/modules/assessment/assessment.values';

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

export type {
  TItemSummary,
  TItemDetail,
  TMeasure,
  TCreateItemRequest,
  TActionRequest,
  TUpdateItemRequest,
  TSimilarItem,
} from '../../../src/modules/ledger/ledger.contract';
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

// ─── 实绩考核 (assessment) ─────────────────────────────────────────────────────────────────────────────────────

export type {
  TIndicator,
  TScheme,
  TOrgResult,
  TFlag,
  TValueGrid,
  TSchemeRequest,
  TCreateIndicatorRequest,
  TUpdateIndicatorRequest,
} from '../../../src/modules/assessment/assessment.contract';
/** 指标领域. */
export type IndicatorDomain = z.infer<typeof asm.ZDomain>;
/** 正向 / 逆向. */
export type IndicatorDirection = z.infer<typeof asm.ZDirection>;
/** 显绩 / 潜绩. */
export type Visibility = z.infer<typeof asm.ZVisibility>;
/** 目标值法 / 同类比较法 / 改善幅度法. */
export type ScoringMethod = z.infer<typeof asm.ZMethod>;
/** 等次. */
export type Grade = z.infer<typeof asm.ZGrade>;
/** 扣分项. */
export type DeductionKind = (typeof asm.DEDUCTION_KINDS)[number];
/** 数据核查 checks. */
export type IntegrityCheck = (typeof asm.INTEGRITY_CHECKS)[number];
/** GET /api/assessment/indicators. */
export type IndicatorList = z.infer<typeof asm.ZIndicatorList>;
/** GET /api/assessment/schemes. */
export type SchemeList = z.infer<typeof asm.ZSchemeList>;
/** One line (indicator) of a scheme as shown. */
export type SchemeLine = asm.TScheme['indicators'][number];
/** One deduction rule of a scheme. */
export type SchemeDeduction = z.infer<typeof asm.ZSchemeRequest>['deductions'][number];
/** One cell of the data-entry grid. */
export type ValueCell = z.infer<typeof asm.ZValueCell>;
/** 已填报 / 已核实 / 存疑. */
export type Verification = ValueCell['verification'];
/** PUT /api/assessment/values. */
export type PutValuesRequest = z.infer<typeof asm.ZPutValuesRequest>;
/** PUT /api/assessment/inputs. */
export type PutInputsRequest = z.infer<typeof asm.ZPutInputsRequest>;
/** 第三方评估 / 群众满意度. */
export type InputKind = PutInputsRequest['kind'];
/** The answer of PUT values / inputs. */
export type SavedCount = z.infer<typeof asm.ZSaved>;
/** GET /api/assessment/schemes/:id/results (and POST …/compute). */
export type SchemeResults = z.infer<typeof asm.ZResults>;
/** One scored line of an org's result. */
export type ResultLine = asm.TOrgResult['lines'][number];
/** One deduction line of an org's result. */
export type ResultDeduction = asm.TOrgResult['deductions'][number];
/** Why an indicator scored nothing. */
export type MissingReason = 'no_value' | 'no_baseline' | 'no_target' | 'unknown_indicator';
/** POST /api/assessment/schemes/:id/what-if. */
export type WhatIfRequest = z.infer<typeof asm.ZWhatIfRequest>;
/** The answer of what-if. */
export type WhatIfResult = z.infer<typeof asm.ZWhatIf>;
/** GET /api/assessment/result-use. */
export type ResultUse = z.infer<typeof asm.ZResultUse>;
/** Body of feedback / refer (what the new ledger item says). */
export type ToLedgerRequest = z.infer<typeof asm.ZToLedgerRequest>;
/** The ledger item made by feedback / refer. */
export type ToLedgerResult = z.infer<typeof asm.ZToLedgerResult>;
/** GET /api/assessment/integrity/flags. */
export type FlagPage = z.infer<typeof asm.ZFlagPage>;
/** 待处理 / 已排除 / 已转台账. */
export type FlagStatus = asm.TFlag['status'];
/** POST /api/assessment/integrity/run. */
export type IntegrityRun = z.infer<typeof asm.ZIntegrityRun>;
/** POST /api/assessment/integrity/digits. */
export type DigitsReport = z.infer<typeof asm.ZDigits>;
/** first / second / first-two. */
export type DigitTest = DigitsReport['test'];
/** 近似符合 / 可接受 / 勉强可接受 / 不符合. */
export type Conformity = DigitsReport['conformity'];
/** GET /api/assessment/trend. */
export type Trend = z.infer<typeof asm.ZTrend>;
/** GET /api/assessment/schemes/:id/radar/:orgId. */
export type Radar = z.infer<typeof asm.ZRadar>;

/** The 200 answer of POST /api/assessment/values/import. */
export type ValuesImportResult = z.infer<typeof asm.ZValuesImportResult>;

/** GET/PUT /api/assessment/leader-changes. */
export type LeaderChanges = z.infer<typeof asm.ZLeaderChanges>;
