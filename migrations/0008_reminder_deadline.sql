ALTER TABLE "ledger_reminders" ADD COLUMN "deadline" date;--> statement-breakpoint
-- Reminders sent before this column existed were about the item's deadline of the time; the current one is the best guess.
UPDATE "ledger_reminders" AS r SET "deadline" = i."deadline" FROM "ledger_items" AS i WHERE r."item_id" = i."id" AND r."deadline" IS NULL;
--> statement-breakpoint
-- Closed items stored before 回头看 rows were made with the closure (the demo seed) get their scheduled recheck row.
INSERT INTO "ledger_rechecks" ("tenant_id", "item_id", "due_date") SELECT i."tenant_id", i."id", i."recheck_due" FROM "ledger_items" AS i WHERE i."recheck_due" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ledger_rechecks" AS r WHERE r."item_id" = i."id" AND r."result" IS NULL);
