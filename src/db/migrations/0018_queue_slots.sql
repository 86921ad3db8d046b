CREATE TABLE "book_totals" (
	"team_id" integer NOT NULL,
	"stripe" smallint NOT NULL,
	"dials" bigint DEFAULT 0 NOT NULL,
	"reached" bigint DEFAULT 0 NOT NULL,
	"messages" bigint DEFAULT 0 NOT NULL,
	"rep_seconds" bigint DEFAULT 0 NOT NULL,
	"meetings" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "book_totals_team_id_stripe_pk" PRIMARY KEY("team_id","stripe")
);
--> statement-breakpoint
CREATE TABLE "queue_books" (
	"team_id" integer PRIMARY KEY NOT NULL,
	"prior" double precision[],
	"typical" double precision,
	"rescored_at" timestamp with time zone,
	"rescore_after" integer
);
--> statement-breakpoint
CREATE TABLE "queue_slots" (
	"prospect_id" integer NOT NULL,
	"hour" smallint NOT NULL,
	"team_id" integer NOT NULL,
	"owner_id" integer,
	"zone" text NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "queue_slots_prospect_id_hour_pk" PRIMARY KEY("prospect_id","hour")
);
--> statement-breakpoint
CREATE TABLE "queue_stale" (
	"prospect_id" integer PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "book_totals" ADD CONSTRAINT "book_totals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_books" ADD CONSTRAINT "queue_books_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_slots_by_zone" ON "queue_slots" USING btree ("team_id","zone","hour","score" DESC NULLS LAST,"prospect_id");--> statement-breakpoint
CREATE INDEX "queue_slots_by_owner" ON "queue_slots" USING btree ("owner_id","zone","hour","score" DESC NULLS LAST,"prospect_id") WHERE "queue_slots"."owner_id" is not null;--> statement-breakpoint
CREATE INDEX "queue_stale_team" ON "queue_stale" USING btree ("team_id");--> statement-breakpoint
-- Marks prospects whose stored queue scores may be out of date, and keeps the book's effort
-- totals, as prospects are added, changed and removed. Scores themselves are computed by the
-- queue (queue/slot-scores.ts) from its own constants; this only says whom to score again.
-- Transition tables carry no statistics or indexes: old and new rows are compared by set
-- operations (hashed), never joined row by row, which takes minutes on a large update.
CREATE FUNCTION reach_prospects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO queue_stale (prospect_id, team_id) SELECT id, team_id FROM new_rows ON CONFLICT DO NOTHING;
    INSERT INTO book_totals AS b (team_id, stripe, dials, reached, messages, rep_seconds, meetings)
      SELECT team_id, id % 16, sum(dials), sum(reached_count), sum(messages), sum(rep_seconds), sum(meetings)
      FROM new_rows GROUP BY team_id, id % 16
      ON CONFLICT (team_id, stripe) DO UPDATE SET dials = b.dials + excluded.dials, reached = b.reached + excluded.reached,
        messages = b.messages + excluded.messages, rep_seconds = b.rep_seconds + excluded.rep_seconds,
        meetings = b.meetings + excluded.meetings;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO queue_stale (prospect_id, team_id) SELECT id, team_id FROM old_rows ON CONFLICT DO NOTHING;
    UPDATE book_totals b SET dials = b.dials - o.dials, reached = b.reached - o.reached,
        messages = b.messages - o.messages, rep_seconds = b.rep_seconds - o.rep_seconds, meetings = b.meetings - o.meetings
      FROM (SELECT team_id, id % 16 AS stripe, sum(dials) AS dials, sum(reached_count) AS reached, sum(messages) AS messages,
              sum(rep_seconds) AS rep_seconds, sum(meetings) AS meetings FROM old_rows GROUP BY team_id, id % 16) o
      WHERE b.team_id = o.team_id AND b.stripe = o.stripe;
  ELSE
    -- What a stored score reads: a row whose reading differs from before is scored again.
    INSERT INTO queue_stale (prospect_id, team_id)
      SELECT DISTINCT id, team_id FROM (
        SELECT id, team_id, value, stage, owner_id, timezone, timezone_candidates, company_id, hour_dials,
          hour_reached, opted_out, dials = 0 FROM new_rows
        EXCEPT
        SELECT id, team_id, value, stage, owner_id, timezone, timezone_candidates, company_id, hour_dials,
          hour_reached, opted_out, dials = 0 FROM old_rows
      ) changed
      ON CONFLICT DO NOTHING;
    INSERT INTO book_totals AS b (team_id, stripe, dials, reached, messages, rep_seconds, meetings)
      SELECT * FROM (
        SELECT team_id, stripe, sum(dials) AS dials, sum(reached) AS reached, sum(messages) AS messages,
          sum(rep_seconds) AS rep_seconds, sum(meetings) AS meetings
        FROM (
          SELECT team_id, id % 16 AS stripe, dials, reached_count AS reached, messages, rep_seconds, meetings FROM new_rows
          UNION ALL
          SELECT team_id, id % 16, -dials, -reached_count, -messages, -rep_seconds, -meetings FROM old_rows
        ) both_sides GROUP BY team_id, stripe
      ) d WHERE d.dials <> 0 OR d.reached <> 0 OR d.messages <> 0 OR d.rep_seconds <> 0 OR d.meetings <> 0
      ON CONFLICT (team_id, stripe) DO UPDATE SET dials = b.dials + excluded.dials, reached = b.reached + excluded.reached,
        messages = b.messages + excluded.messages, rep_seconds = b.rep_seconds + excluded.rep_seconds,
        meetings = b.meetings + excluded.meetings;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER prospects_queue_insert AFTER INSERT ON prospects REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reach_prospects_changed();
--> statement-breakpoint
CREATE TRIGGER prospects_queue_update AFTER UPDATE ON prospects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reach_prospects_changed();
--> statement-breakpoint
CREATE TRIGGER prospects_queue_delete AFTER DELETE ON prospects REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reach_prospects_changed();
--> statement-breakpoint
-- A company's record by hour pools into each of its prospects' scores.
CREATE FUNCTION reach_companies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO queue_stale (prospect_id, team_id)
    SELECT pr.id, pr.team_id FROM (
      SELECT id, hour_dials, hour_reached FROM new_rows EXCEPT SELECT id, hour_dials, hour_reached FROM old_rows
    ) changed JOIN prospects pr ON pr.company_id = changed.id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER companies_queue_update AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reach_companies_changed();
--> statement-breakpoint
INSERT INTO queue_stale (prospect_id, team_id) SELECT id, team_id FROM prospects;
--> statement-breakpoint
INSERT INTO book_totals (team_id, stripe, dials, reached, messages, rep_seconds, meetings)
  SELECT team_id, id % 16, sum(dials), sum(reached_count), sum(messages), sum(rep_seconds), sum(meetings)
  FROM prospects GROUP BY team_id, id % 16;
