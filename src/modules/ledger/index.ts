// The ledger module's front door: the closed loop of problems and tasks (台账), its contract, its commands and reads.
// Other modules and the app import the ledger only from here (tables only from ledger.table.ts, for foreign keys).
export * from './ledger.contract.js';
export {
  CLOSURE_OUTCOMES,
  CONFIDENTIALITY,
  ITEM_ACTIONS,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  SEVERITIES,
  WARN_DAYS,
  type ItemAction,
  type ItemCategory,
  type ItemKind,
  type ItemSource,
  type ItemStatus,
} from './ledger.rules.js';
export { LEDGER_COLUMNS, exportLedger } from './ledger.excel.js';
export { findLitItems, type LitItem, type LitItemColumns } from './ledger.lit.repository.js';
export { createItem, type CreateItemOptions } from './commands/create-item.js';
export { updateItem, type UpdateItemOptions } from './commands/update-item.js';
export { actOnItem, type ActOnItemOptions } from './commands/act-on-item.js';
export { bulkAct } from './commands/bulk-act.js';
export { addMeasure, type AddMeasureInput } from './commands/add-measure.js';
export { updateMeasure, type UpdateMeasureOptions } from './commands/update-measure.js';
export { addEvidence, type AddEvidenceInput } from './commands/add-evidence.js';
export { addComment, type AddCommentInput } from './commands/add-comment.js';
export { linkItems, type LinkItemsInput } from './commands/link-items.js';
export { unlinkItems, type UnlinkItemsInput } from './commands/unlink-items.js';
export { importLedger, type ImportLedgerOptions } from './commands/import-ledger.js';
export { backfillSearchTerms, type BackfillSearchTermsOptions } from './commands/backfill-search-terms.js';
export {
  assignees,
  getEvidenceFile,
  getItem,
  itemBriefs,
  ledgerCountsForAssessment,
  ledgerStats,
  listItems,
  similarItems,
} from './ledger.queries.js';
export { importTemplate } from './ledger.template.js';
export { seedDemoLedger } from './ledger.seed.js';
export { seedDemoLedgerHistory } from './ledger.history.seed.js';
export { registerLedgerRoutes } from './ledger.routes.js';
