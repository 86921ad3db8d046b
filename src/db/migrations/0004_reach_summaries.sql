CREATE TABLE "reach_counts" (
	"team_id" integer NOT NULL,
	"scope" smallint NOT NULL,
	"scope_id" integer NOT NULL,
	"kind" text NOT NULL,
	"slot" smallint NOT NULL,
	"dials" integer DEFAULT 0 NOT NULL,
	"reached" integer DEFAULT 0 NOT NULL,
	"gatekeeper" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reach_counts_team_id_scope_scope_id_kind_slot_pk" PRIMARY KEY("team_id","scope","scope_id","kind","slot")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "hour_dials" integer[] DEFAULT array_fill(0, array[24]) NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "hour_reached" integer[] DEFAULT array_fill(0, array[24]) NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "seniority" smallint GENERATED ALWAYS AS (CASE
  WHEN title IS NULL OR btrim(title) = '' THEN 0
  WHEN title ~* '(\m(vp|svp|evp|avp)\M|vice[- ]president|\mhead of\M)' THEN 2
  WHEN title ~* '(\m(ceo|cfo|cto|coo|cio|cmo|cro|cso|cpo|chief|president|owner|founder|co-founder|partner|principal)\M|managing director|general manager)' THEN 1
  WHEN title ~* '\mdirector\M' THEN 3
  WHEN title ~* '\m(manager|lead|supervisor)\M' THEN 4
  ELSE 5 END) STORED;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "dials" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "reached_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "last_dial_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "last_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "recent_dials" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "hour_dials" integer[] DEFAULT array_fill(0, array[24]) NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "hour_reached" integer[] DEFAULT array_fill(0, array[24]) NOT NULL;--> statement-breakpoint
ALTER TABLE "reach_counts" ADD CONSTRAINT "reach_counts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prospects_team_timezone" ON "prospects" USING btree ("team_id","timezone");