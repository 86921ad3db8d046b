ALTER TABLE "teams" ADD COLUMN "smtp_url" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "email_from" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "postal_address" text;