-- Usage rollups (issue 16): per key per UTC hour and outcome, and per key per caller, kept by the
-- usage recorder beside the raw rows so the admin pages never read the whole request log. Indexes
-- for the request log's keyset pages, the paged key list and retention. The backfill at the end
-- builds both rollups from the rows already recorded.
CREATE TABLE "api_usage_callers" (
	"api_key_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"integration_name" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_allowed_at" timestamp with time zone,
	"requests" bigint NOT NULL,
	"denied" bigint NOT NULL,
	CONSTRAINT "api_usage_callers_api_key_id_integration_name_user_agent_ip_pk" PRIMARY KEY("api_key_id","integration_name","user_agent","ip")
);
--> statement-breakpoint
CREATE TABLE "api_usage_hourly" (
	"api_key_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"requests" bigint NOT NULL,
	CONSTRAINT "api_usage_hourly_api_key_id_hour_outcome_pk" PRIMARY KEY("api_key_id","hour","outcome")
);
--> statement-breakpoint
DROP INDEX "api_requests_key_at_idx";--> statement-breakpoint
ALTER TABLE "api_usage_callers" ADD CONSTRAINT "api_usage_callers_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_usage_hourly" ADD CONSTRAINT "api_usage_hourly_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_usage_callers_key_last_seen_idx" ON "api_usage_callers" USING btree ("api_key_id","last_seen_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "api_keys_community_last_used_idx" ON "api_keys" USING btree ("community_id","last_used_at","id");--> statement-breakpoint
CREATE INDEX "api_keys_community_name_idx" ON "api_keys" USING btree ("community_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "api_requests_key_at_id_idx" ON "api_requests" USING btree ("api_key_id","at","id");--> statement-breakpoint
CREATE INDEX "api_requests_key_outcome_at_id_idx" ON "api_requests" USING btree ("api_key_id","outcome","at","id");--> statement-breakpoint
CREATE INDEX "mail_outbox_sent_idx" ON "mail_outbox" USING btree ("sent_at") WHERE "mail_outbox"."status" = 'sent';--> statement-breakpoint
-- Backfill from the rows already recorded, as the recorder counts them (db/queries/usage-rollup-writes.ts):
-- only rows recorded under their key's own community (the key pages never showed others). Allowed
-- means outcome 'ok' (lib/api-keys/outcomes.ts ALLOWED_OUTCOMES).
INSERT INTO "api_usage_hourly" ("api_key_id", "community_id", "hour", "outcome", "requests")
SELECT r."api_key_id", r."community_id", date_trunc('hour', r."at", 'UTC'), r."outcome", count(*)
FROM "api_requests" r JOIN "api_keys" k ON k."id" = r."api_key_id" AND k."community_id" = r."community_id"
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "api_usage_callers" ("api_key_id", "community_id", "integration_name", "user_agent", "ip",
  "first_seen_at", "last_seen_at", "last_allowed_at", "requests", "denied")
SELECT r."api_key_id", r."community_id",
  coalesce(r."integration_name", ''), coalesce(r."user_agent", ''), coalesce(r."ip", ''),
  min(r."at"), max(r."at"), max(r."at") FILTER (WHERE r."outcome" = 'ok'),
  count(*), count(*) FILTER (WHERE r."outcome" <> 'ok')
FROM "api_requests" r JOIN "api_keys" k ON k."id" = r."api_key_id" AND k."community_id" = r."community_id"
GROUP BY 1, 2, 3, 4, 5;
