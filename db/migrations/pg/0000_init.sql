CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"raised_at" text NOT NULL,
	"acknowledged_at" text,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"scopes" text DEFAULT '[]' NOT NULL,
	"label" text,
	"created_at" text NOT NULL,
	"revoked_at" text,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "eligible" (
	"unit_code" text NOT NULL,
	"month" text NOT NULL,
	"count" integer NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "eligible_unit_code_month_pk" PRIMARY KEY("unit_code","month")
);
--> statement-breakpoint
CREATE TABLE "icbs" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "responses" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"mode" text NOT NULL,
	"answered_at" text NOT NULL,
	"answered_day" text NOT NULL,
	"received_at" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"age_band" text,
	"sex" text,
	"ethnicity" text,
	"disability" text,
	"completed_by" text,
	"device_id" text,
	"flagged" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_daily" (
	"unit_code" text NOT NULL,
	"day" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"mode" text NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_daily_unit_code_day_question_answer_mode_flagged_pk" PRIMARY KEY("unit_code","day","question","answer","mode","flagged")
);
--> statement-breakpoint
CREATE TABLE "rollup_monthly" (
	"unit_code" text NOT NULL,
	"month" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_monthly_unit_code_month_question_answer_flagged_pk" PRIMARY KEY("unit_code","month","question","answer","flagged")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"trust_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trusts" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"icb_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_code" text NOT NULL,
	"setting" text NOT NULL,
	"specialty_1" text,
	"specialty_2" text,
	"active" boolean DEFAULT true NOT NULL,
	"question" text DEFAULT 'fft-2020' NOT NULL,
	"negative_threshold" double precision
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"scopes" text DEFAULT '[]' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" text,
	"created_at" text NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
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
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligible" ADD CONSTRAINT "eligible_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosks" ADD CONSTRAINT "kiosks_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_daily" ADD CONSTRAINT "rollup_daily_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_monthly" ADD CONSTRAINT "rollup_monthly_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_trust_code_trusts_code_fk" FOREIGN KEY ("trust_code") REFERENCES "public"."trusts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trusts" ADD CONSTRAINT "trusts_icb_code_icbs_code_fk" FOREIGN KEY ("icb_code") REFERENCES "public"."icbs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_site_code_sites_code_fk" FOREIGN KEY ("site_code") REFERENCES "public"."sites"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD CONSTRAINT "you_said_we_did_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_key_idx" ON "alerts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "alerts_unit_idx" ON "alerts" USING btree ("unit_code","raised_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "kiosks_pairing_idx" ON "kiosks" USING btree ("pairing_code_hash");--> statement-breakpoint
CREATE INDEX "kiosks_token_idx" ON "kiosks" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "kiosks_unit_idx" ON "kiosks" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "responses_unit_day_idx" ON "responses" USING btree ("unit_code","answered_day");--> statement-breakpoint
CREATE INDEX "units_site_idx" ON "units" USING btree ("site_code");--> statement-breakpoint
CREATE INDEX "you_said_unit_idx" ON "you_said_we_did" USING btree ("unit_code","updated_at");