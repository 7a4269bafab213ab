CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "comment_analysis_sentiment_idx" ON "comment_analysis" USING btree ("unit_code","sentiment","day","response_id");--> statement-breakpoint
CREATE INDEX "comment_analysis_concern_idx" ON "comment_analysis" USING btree ("unit_code","day","response_id") WHERE concern IS NOT NULL;--> statement-breakpoint
CREATE INDEX "comment_analysis_internal_trgm_idx" ON "comment_analysis" USING gin (lower("redacted_internal") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "comment_analysis_public_trgm_idx" ON "comment_analysis" USING gin (lower("redacted_public") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "comment_labels_theme_idx" ON "comment_labels" USING btree ("unit_code","sub_category","day","response_id");