/** Every Drizzle table, for the migration generator and the typed database handle. */
export * from './platform/audit.table.js';
export * from './modules/org/org.table.js';
