ALTER TABLE "pursuit_changes" ADD COLUMN "user_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "calling_hours_start" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "calling_hours_end" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "max_dials_per_day" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "max_dials_per_week" integer;--> statement-breakpoint
ALTER TABLE "pursuit_changes" ADD CONSTRAINT "pursuit_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;