ALTER TABLE "prospects" ADD COLUMN "pursuit_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prospects" ALTER COLUMN "pursuit_checked_at" SET DEFAULT now();--> statement-breakpoint
UPDATE "prospects" "pr" SET "pursuit_checked_at" = now()
WHERE "pr"."pursuit_since" IS NOT NULL OR (
  NOT EXISTS (SELECT 1 FROM "call_attempts" "a" WHERE "a"."prospect_id" = "pr"."id" AND ("a"."result" IS NOT NULL OR "a"."outcome" = 'wrong-person'))
  AND NOT EXISTS (SELECT 1 FROM "callbacks" "cb" WHERE "cb"."prospect_id" = "pr"."id" AND "cb"."result" IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM "pursuit_changes" "pc" WHERE "pc"."prospect_id" = "pr"."id"));--> statement-breakpoint
CREATE INDEX "prospects_pursuit_unchecked" ON "prospects" USING btree ("id") WHERE "prospects"."pursuit_checked_at" is null;
