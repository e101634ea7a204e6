CREATE TABLE "api_key_previous_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_key_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"hint" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_key_previous_secrets_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "api_key_previous_secrets" ADD CONSTRAINT "api_key_previous_secrets_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_key_previous_secrets_key_idx" ON "api_key_previous_secrets" USING btree ("api_key_id","expires_at");