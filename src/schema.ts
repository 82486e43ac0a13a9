/** Every Drizzle table, for the migration generator and the typed database handle; parents before children (backup order). */
export * from './platform/audit.table.js';
export * from './platform/files.table.js';
export * from './modules/org/org.table.js';
export * from './modules/ledger/ledger.table.js';
export * from './modules/notify/notify.table.js';
export * from './modules/assessment/assessment.table.js';
