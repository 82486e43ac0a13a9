DROP INDEX "people_name_idx";--> statement-breakpoint
DROP INDEX "people_initials_idx";--> statement-breakpoint
CREATE INDEX "people_pinyin_idx" ON "people" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_trgm_idx" ON "people" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_initials_idx" ON "people" USING btree ("name_initials" text_pattern_ops);