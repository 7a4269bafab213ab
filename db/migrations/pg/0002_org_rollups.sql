CREATE TABLE "rollup_answers_daily" (
	"unit_code" text NOT NULL,
	"day" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_answers_daily_unit_code_day_question_answer_flagged_pk" PRIMARY KEY("unit_code","day","question","answer","flagged")
);
--> statement-breakpoint
CREATE TABLE "rollup_org_monthly" (
	"level" text NOT NULL,
	"code" text NOT NULL,
	"month" text NOT NULL,
	"question" text NOT NULL,
	"answer" integer NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_org_monthly_level_code_month_question_answer_flagged_pk" PRIMARY KEY("level","code","month","question","answer","flagged")
);
--> statement-breakpoint
ALTER TABLE "rollup_answers_daily" ADD CONSTRAINT "rollup_answers_daily_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
INSERT INTO "rollup_answers_daily" ("unit_code", "day", "question", "answer", "flagged", "count")
  SELECT "unit_code", "day", "question", "answer", "flagged", SUM("count") FROM "rollup_daily" GROUP BY "unit_code", "day", "question", "answer", "flagged";--> statement-breakpoint
INSERT INTO "rollup_org_monthly" ("level", "code", "month", "question", "answer", "flagged", "count")
  SELECT 'site', u."site_code", m."month", m."question", m."answer", m."flagged", SUM(m."count") FROM "rollup_monthly" m JOIN "units" u ON u."code" = m."unit_code"
  GROUP BY u."site_code", m."month", m."question", m."answer", m."flagged";--> statement-breakpoint
INSERT INTO "rollup_org_monthly" ("level", "code", "month", "question", "answer", "flagged", "count")
  SELECT 'trust', s."trust_code", m."month", m."question", m."answer", m."flagged", SUM(m."count") FROM "rollup_monthly" m JOIN "units" u ON u."code" = m."unit_code" JOIN "sites" s ON s."code" = u."site_code"
  GROUP BY s."trust_code", m."month", m."question", m."answer", m."flagged";--> statement-breakpoint
INSERT INTO "rollup_org_monthly" ("level", "code", "month", "question", "answer", "flagged", "count")
  SELECT 'icb', t."icb_code", m."month", m."question", m."answer", m."flagged", SUM(m."count") FROM "rollup_monthly" m JOIN "units" u ON u."code" = m."unit_code" JOIN "sites" s ON s."code" = u."site_code" JOIN "trusts" t ON t."code" = s."trust_code"
  GROUP BY t."icb_code", m."month", m."question", m."answer", m."flagged";
