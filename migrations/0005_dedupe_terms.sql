ALTER TABLE "ledger_items" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_items_terms_idx" ON "ledger_items" USING gin ("search_terms");