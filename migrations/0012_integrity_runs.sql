CREATE TABLE "integrity_runs" (
	"tenant_id" bigint NOT NULL,
	"run_on" text NOT NULL,
	"year" integer NOT NULL,
	"flags" integer,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "integrity_runs_tenant_id_run_on_pk" PRIMARY KEY("tenant_id","run_on")
);
