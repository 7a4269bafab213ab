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
CREATE TABLE "eligible" (
	"unit_code" text NOT NULL,
	"month" text NOT NULL,
	"count" integer NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "eligible_unit_code_month_pk" PRIMARY KEY("unit_code","month")
);
--> statement-breakpoint
CREATE TABLE "rollup_monthly" (
	"unit_code" text NOT NULL,
	"month" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_monthly_unit_code_month_question_answer_pk" PRIMARY KEY("unit_code","month","question","answer")
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "negative_threshold" double precision;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligible" ADD CONSTRAINT "eligible_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_monthly" ADD CONSTRAINT "rollup_monthly_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_key_idx" ON "alerts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "alerts_unit_idx" ON "alerts" USING btree ("unit_code","raised_at");