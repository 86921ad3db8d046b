-- Row-level security: a second wall behind the repositories' own `team_id = …`.
-- Work for one team (a request) tells its connection `reach.team`; then only that team's rows
-- are seen, changed or added. Work for the whole server (no `reach.team`) sees every team's.
-- FORCE applies the policies to the tables' owner too (superusers and BYPASSRLS roles are exempt).
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "users_team" ON "users";
--> statement-breakpoint
CREATE POLICY "users_team" ON "users" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "audit_log_team" ON "audit_log";
--> statement-breakpoint
CREATE POLICY "audit_log_team" ON "audit_log" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "companies" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "companies_team" ON "companies";
--> statement-breakpoint
CREATE POLICY "companies_team" ON "companies" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "prospects" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "prospects" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "prospects_team" ON "prospects";
--> statement-breakpoint
CREATE POLICY "prospects_team" ON "prospects" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "phone_numbers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "phone_numbers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "phone_numbers_team" ON "phone_numbers";
--> statement-breakpoint
CREATE POLICY "phone_numbers_team" ON "phone_numbers" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "call_attempts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "call_attempts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "call_attempts_team" ON "call_attempts";
--> statement-breakpoint
CREATE POLICY "call_attempts_team" ON "call_attempts" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "reach_counts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reach_counts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "reach_counts_team" ON "reach_counts";
--> statement-breakpoint
CREATE POLICY "reach_counts_team" ON "reach_counts" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "queue_books" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "queue_books" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_books_team" ON "queue_books";
--> statement-breakpoint
CREATE POLICY "queue_books_team" ON "queue_books" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "book_totals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "book_totals" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "book_totals_team" ON "book_totals";
--> statement-breakpoint
CREATE POLICY "book_totals_team" ON "book_totals" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "queue_slots" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "queue_slots" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_slots_team" ON "queue_slots";
--> statement-breakpoint
CREATE POLICY "queue_slots_team" ON "queue_slots" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "queue_stale" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "queue_stale" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_stale_team" ON "queue_stale";
--> statement-breakpoint
CREATE POLICY "queue_stale_team" ON "queue_stale" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "voicemails" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "voicemails" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "voicemails_team" ON "voicemails";
--> statement-breakpoint
CREATE POLICY "voicemails_team" ON "voicemails" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "talking_points" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "talking_points" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "talking_points_team" ON "talking_points";
--> statement-breakpoint
CREATE POLICY "talking_points_team" ON "talking_points" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "intel_facts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "intel_facts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "intel_facts_team" ON "intel_facts";
--> statement-breakpoint
CREATE POLICY "intel_facts_team" ON "intel_facts" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "cadences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "cadences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "cadences_team" ON "cadences";
--> statement-breakpoint
CREATE POLICY "cadences_team" ON "cadences" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "enrollments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "enrollments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "enrollments_team" ON "enrollments";
--> statement-breakpoint
CREATE POLICY "enrollments_team" ON "enrollments" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "tasks_team" ON "tasks";
--> statement-breakpoint
CREATE POLICY "tasks_team" ON "tasks" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "callbacks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "callbacks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "callbacks_team" ON "callbacks";
--> statement-breakpoint
CREATE POLICY "callbacks_team" ON "callbacks" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "voicemail_drops" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "voicemail_drops" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "voicemail_drops_team" ON "voicemail_drops";
--> statement-breakpoint
CREATE POLICY "voicemail_drops_team" ON "voicemail_drops" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "number_consents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "number_consents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "number_consents_team" ON "number_consents";
--> statement-breakpoint
CREATE POLICY "number_consents_team" ON "number_consents" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "telephony_calls" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "telephony_calls" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "telephony_calls_team" ON "telephony_calls";
--> statement-breakpoint
CREATE POLICY "telephony_calls_team" ON "telephony_calls" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "telephony_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "telephony_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "telephony_events_team" ON "telephony_events";
--> statement-breakpoint
CREATE POLICY "telephony_events_team" ON "telephony_events" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "call_corrections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "call_corrections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "call_corrections_team" ON "call_corrections";
--> statement-breakpoint
CREATE POLICY "call_corrections_team" ON "call_corrections" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "dnc_entries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dnc_entries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "dnc_entries_team" ON "dnc_entries";
--> statement-breakpoint
CREATE POLICY "dnc_entries_team" ON "dnc_entries" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "dnc_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dnc_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "dnc_events_team" ON "dnc_events";
--> statement-breakpoint
CREATE POLICY "dnc_events_team" ON "dnc_events" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "zone_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "zone_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "zone_changes_team" ON "zone_changes";
--> statement-breakpoint
CREATE POLICY "zone_changes_team" ON "zone_changes" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "pursuit_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "pursuit_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "pursuit_changes_team" ON "pursuit_changes";
--> statement-breakpoint
CREATE POLICY "pursuit_changes_team" ON "pursuit_changes" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
ALTER TABLE "prospect_holds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "prospect_holds" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "prospect_holds_team" ON "prospect_holds";
--> statement-breakpoint
CREATE POLICY "prospect_holds_team" ON "prospect_holds" USING (coalesce(current_setting('reach.team', true), '') = '' OR "team_id" = nullif(current_setting('reach.team', true), '')::integer);
--> statement-breakpoint
-- The migrations after this one, in the same run, are the whole server's work: under these policies an empty `reach.team` says so.
SELECT set_config('reach.team', '', false);
