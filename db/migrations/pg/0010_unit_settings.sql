CREATE TABLE "unit_settings" (
	"unit_code" text NOT NULL,
	"from_month" text NOT NULL,
	"setting" text NOT NULL,
	CONSTRAINT "unit_settings_unit_code_from_month_pk" PRIMARY KEY("unit_code","from_month")
);
--> statement-breakpoint
ALTER TABLE "unit_settings" ADD CONSTRAINT "unit_settings_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every unit already stored keeps its setting for all its months ('0000-01': since the start), so a
-- database from before this version reads every return as it did until someone changes a setting.
INSERT INTO "unit_settings" ("unit_code", "from_month", "setting") SELECT "code", '0000-01', "setting" FROM "units";
