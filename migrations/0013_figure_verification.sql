ALTER TABLE "assessment_values" ADD COLUMN "verified_by" bigint;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD CONSTRAINT "assessment_values_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;