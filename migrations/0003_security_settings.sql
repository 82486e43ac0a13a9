CREATE TABLE "security_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"lockout_threshold" integer,
	"lockout_minutes" integer,
	"session_idle_minutes" integer,
	"session_absolute_hours" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" bigint
);
