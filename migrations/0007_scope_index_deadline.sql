DROP INDEX "ledger_items_scope_idx";--> statement-breakpoint
CREATE INDEX "ledger_items_scope_idx" ON "ledger_items" USING btree ("tenant_id","responsible_org_id","status","deadline");