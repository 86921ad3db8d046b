ALTER TABLE "teams" ADD COLUMN "twilio_api_key_sid" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "twilio_api_key_secret" text;--> statement-breakpoint
ALTER TABLE "telephony_calls" ADD COLUMN "rep_via" text DEFAULT 'phone' NOT NULL;