ALTER TABLE "ledger_reminders" ADD COLUMN "deadline" date;--> statement-breakpoint
-- Reminders sent before this column existed were about the item's deadline of the time; the current one is the best guess.
UPDATE "ledger_reminders" AS r SET "deadline" = i."deadline" FROM "ledger_items" AS i WHERE r."item_id" = i."id" AND r."deadline" IS NULL;
