ALTER TABLE "call_attempts" ADD COLUMN "rep_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "messages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "rep_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospects" ADD COLUMN "meetings" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "rep_hourly_value" bigint;;--> statement-breakpoint
-- The rep's time of every attempt logged so far, as calls/call-rules.ts repSecondsOf reckons it.
UPDATE "call_attempts" SET "rep_seconds" = coalesce("duration_seconds", CASE "outcome"
  WHEN 'reached' THEN 300 WHEN 'gatekeeper' THEN 60 WHEN 'voicemail-left' THEN 60 WHEN 'voicemail' THEN 25
  WHEN 'no-answer' THEN 25 WHEN 'busy' THEN 10 WHEN 'bad-number' THEN 10 WHEN 'wrong-person' THEN 60 ELSE 25 END) + 20;--> statement-breakpoint
UPDATE "prospects" p SET "messages" = s."messages", "rep_seconds" = s."rep_seconds", "meetings" = s."meetings"
FROM (
  SELECT "prospect_id", count(*) FILTER (WHERE "outcome" = 'voicemail-left') AS "messages",
    sum("rep_seconds") AS "rep_seconds", count(*) FILTER (WHERE "result" = 'meeting') AS "meetings"
  FROM "call_attempts" GROUP BY "prospect_id"
) s
WHERE p."id" = s."prospect_id";
