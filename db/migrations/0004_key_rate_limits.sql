-- Every key has a rate limit; null is "No limit", chosen deliberately. Keys created before rate
-- limits get a new key's limit, 1,000 per minute (lib/api-keys/rate-limit-policy.ts).
ALTER TABLE "api_keys" ADD COLUMN "rate_limit" jsonb;--> statement-breakpoint
UPDATE "api_keys" SET "rate_limit" = '{"limit":1000,"window":"minute"}'::jsonb;
