CREATE TABLE "kiosks" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"label" text,
	"pairing_code_hash" text,
	"pairing_expires_at" text,
	"token_id" text,
	"paired_at" text,
	"last_seen_at" text,
	"unsent" integer DEFAULT 0 NOT NULL,
	"revoked_at" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "you_said_we_did" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"you_said" text NOT NULL,
	"we_did" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"owner" text,
	"due_date" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kiosks" ADD CONSTRAINT "kiosks_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD CONSTRAINT "you_said_we_did_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kiosks_pairing_idx" ON "kiosks" USING btree ("pairing_code_hash");--> statement-breakpoint
CREATE INDEX "kiosks_token_idx" ON "kiosks" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "kiosks_unit_idx" ON "kiosks" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "you_said_unit_idx" ON "you_said_we_did" USING btree ("unit_code","updated_at");