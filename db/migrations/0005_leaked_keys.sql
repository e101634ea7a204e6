-- Leaked keys (SPEC §11): each community chooses what a leak report does (default: disable the
-- key), and every reported secret is recorded once, by its hash, so repeated reports change nothing.
CREATE TYPE "public"."leak_reporter" AS ENUM('github', 'public');--> statement-breakpoint
CREATE TYPE "public"."leaked_key_policy" AS ENUM('disable', 'notify');--> statement-breakpoint
CREATE TABLE "api_key_leak_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"hint" text NOT NULL,
	"reporter" "leak_reporter" NOT NULL,
	"token_type" text,
	"url" text,
	"source" text,
	"reporter_ip" text,
	"result" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_key_leak_reports_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "leaked_key_policy" "leaked_key_policy" DEFAULT 'disable' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_key_leak_reports" ADD CONSTRAINT "api_key_leak_reports_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_key_leak_reports" ADD CONSTRAINT "api_key_leak_reports_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_key_leak_reports_key_idx" ON "api_key_leak_reports" USING btree ("api_key_id","reported_at");