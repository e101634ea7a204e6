-- Keys created before permissions keep read and write everywhere, so no integration breaks;
-- the default only backfills them and is dropped at once: new keys always say what they may do.
ALTER TABLE "api_keys" ADD COLUMN "permissions" jsonb DEFAULT '{"projects":"write","members":"write","feedback":"write"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "permissions" DROP DEFAULT;
