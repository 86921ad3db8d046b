-- Row-level security fails closed: a connection sees every team's rows only when told so
-- (`reach.team` = '*', work for the whole server); told a team, that team's rows; told nothing,
-- none. The tables that belong to a team through another row (a session through its account, a
-- stage change through its prospect) and the teams themselves get the same wall.
DROP POLICY IF EXISTS "users_team" ON "users";
--> statement-breakpoint
CREATE POLICY "users_team" ON "users" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "audit_log_team" ON "audit_log";
--> statement-breakpoint
CREATE POLICY "audit_log_team" ON "audit_log" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "companies_team" ON "companies";
--> statement-breakpoint
CREATE POLICY "companies_team" ON "companies" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "prospects_team" ON "prospects";
--> statement-breakpoint
CREATE POLICY "prospects_team" ON "prospects" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "phone_numbers_team" ON "phone_numbers";
--> statement-breakpoint
CREATE POLICY "phone_numbers_team" ON "phone_numbers" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "call_attempts_team" ON "call_attempts";
--> statement-breakpoint
CREATE POLICY "call_attempts_team" ON "call_attempts" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "reach_counts_team" ON "reach_counts";
--> statement-breakpoint
CREATE POLICY "reach_counts_team" ON "reach_counts" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_books_team" ON "queue_books";
--> statement-breakpoint
CREATE POLICY "queue_books_team" ON "queue_books" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "book_totals_team" ON "book_totals";
--> statement-breakpoint
CREATE POLICY "book_totals_team" ON "book_totals" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_slots_team" ON "queue_slots";
--> statement-breakpoint
CREATE POLICY "queue_slots_team" ON "queue_slots" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "queue_stale_team" ON "queue_stale";
--> statement-breakpoint
CREATE POLICY "queue_stale_team" ON "queue_stale" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "voicemails_team" ON "voicemails";
--> statement-breakpoint
CREATE POLICY "voicemails_team" ON "voicemails" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "talking_points_team" ON "talking_points";
--> statement-breakpoint
CREATE POLICY "talking_points_team" ON "talking_points" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "intel_facts_team" ON "intel_facts";
--> statement-breakpoint
CREATE POLICY "intel_facts_team" ON "intel_facts" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "cadences_team" ON "cadences";
--> statement-breakpoint
CREATE POLICY "cadences_team" ON "cadences" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "enrollments_team" ON "enrollments";
--> statement-breakpoint
CREATE POLICY "enrollments_team" ON "enrollments" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "tasks_team" ON "tasks";
--> statement-breakpoint
CREATE POLICY "tasks_team" ON "tasks" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "callbacks_team" ON "callbacks";
--> statement-breakpoint
CREATE POLICY "callbacks_team" ON "callbacks" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "voicemail_drops_team" ON "voicemail_drops";
--> statement-breakpoint
CREATE POLICY "voicemail_drops_team" ON "voicemail_drops" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "number_consents_team" ON "number_consents";
--> statement-breakpoint
CREATE POLICY "number_consents_team" ON "number_consents" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "telephony_calls_team" ON "telephony_calls";
--> statement-breakpoint
CREATE POLICY "telephony_calls_team" ON "telephony_calls" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "telephony_events_team" ON "telephony_events";
--> statement-breakpoint
CREATE POLICY "telephony_events_team" ON "telephony_events" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "call_corrections_team" ON "call_corrections";
--> statement-breakpoint
CREATE POLICY "call_corrections_team" ON "call_corrections" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "dnc_entries_team" ON "dnc_entries";
--> statement-breakpoint
CREATE POLICY "dnc_entries_team" ON "dnc_entries" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "dnc_events_team" ON "dnc_events";
--> statement-breakpoint
CREATE POLICY "dnc_events_team" ON "dnc_events" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "zone_changes_team" ON "zone_changes";
--> statement-breakpoint
CREATE POLICY "zone_changes_team" ON "zone_changes" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "pursuit_changes_team" ON "pursuit_changes";
--> statement-breakpoint
CREATE POLICY "pursuit_changes_team" ON "pursuit_changes" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
DROP POLICY IF EXISTS "prospect_holds_team" ON "prospect_holds";
--> statement-breakpoint
CREATE POLICY "prospect_holds_team" ON "prospect_holds" USING (current_setting('reach.team', true) = '*' OR "team_id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "teams" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "teams_team" ON "teams";
--> statement-breakpoint
CREATE POLICY "teams_team" ON "teams" USING (current_setting('reach.team', true) = '*' OR "id" = nullif(nullif(current_setting('reach.team', true), '*'), '')::integer);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "sessions_team" ON "sessions";
--> statement-breakpoint
CREATE POLICY "sessions_team" ON "sessions" USING (current_setting('reach.team', true) = '*' OR EXISTS (SELECT 1 FROM "users" WHERE "users"."id" = "sessions"."user_id"));
--> statement-breakpoint
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "api_tokens_team" ON "api_tokens";
--> statement-breakpoint
CREATE POLICY "api_tokens_team" ON "api_tokens" USING (current_setting('reach.team', true) = '*' OR EXISTS (SELECT 1 FROM "users" WHERE "users"."id" = "api_tokens"."user_id"));
--> statement-breakpoint
ALTER TABLE "password_links" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "password_links" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "password_links_team" ON "password_links";
--> statement-breakpoint
CREATE POLICY "password_links_team" ON "password_links" USING (current_setting('reach.team', true) = '*' OR EXISTS (SELECT 1 FROM "users" WHERE "users"."id" = "password_links"."user_id"));
--> statement-breakpoint
ALTER TABLE "stage_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "stage_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS "stage_changes_team" ON "stage_changes";
--> statement-breakpoint
CREATE POLICY "stage_changes_team" ON "stage_changes" USING (current_setting('reach.team', true) = '*' OR EXISTS (SELECT 1 FROM "prospects" WHERE "prospects"."id" = "stage_changes"."prospect_id"));
--> statement-breakpoint
-- The migrations after this one, in the same run, are the whole server's work too.
SELECT set_config('reach.team', '*', false);
