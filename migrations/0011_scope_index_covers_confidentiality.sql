-- 机密 items are hidden from readers who are neither supervisors nor on the item, so a non-supervisor's count reads
-- confidentiality, handler, submitter and assigner too: carried in the scope index, the count stays index-only.
DROP INDEX IF EXISTS "ledger_items_scope_idx";--> statement-breakpoint
CREATE INDEX "ledger_items_scope_idx" ON "ledger_items" USING btree ("tenant_id","responsible_org_id","status","deadline") INCLUDE ("confidentiality","handler_user_id","created_by","assigner_user_id");
