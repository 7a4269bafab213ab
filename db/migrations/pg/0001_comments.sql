CREATE TABLE "comment_analysis" (
	"response_id" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"day" text NOT NULL,
	"labels" text NOT NULL,
	"categories" text NOT NULL,
	"sentiment" integer NOT NULL,
	"concern" text,
	"redacted_internal" text NOT NULL,
	"redacted_public" text NOT NULL,
	"model_version" text NOT NULL,
	"analysed_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_labels" (
	"response_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"day" text NOT NULL,
	"sub_category" text NOT NULL,
	"category" text NOT NULL,
	"sentiment" integer NOT NULL,
	CONSTRAINT "comment_labels_response_id_sub_category_pk" PRIMARY KEY("response_id","sub_category")
);
--> statement-breakpoint
ALTER TABLE "comment_analysis" ADD CONSTRAINT "comment_analysis_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_analysis" ADD CONSTRAINT "comment_analysis_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_labels" ADD CONSTRAINT "comment_labels_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_analysis_unit_day_idx" ON "comment_analysis" USING btree ("unit_code","day");--> statement-breakpoint
CREATE INDEX "comment_labels_unit_day_idx" ON "comment_labels" USING btree ("unit_code","day");