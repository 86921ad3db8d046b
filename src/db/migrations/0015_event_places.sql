ALTER TABLE "talking_points" ADD COLUMN "online" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "talking_points" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "talking_points" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "talking_points" ADD COLUMN "country" text;