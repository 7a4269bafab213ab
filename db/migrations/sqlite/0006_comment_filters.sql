CREATE INDEX `comment_analysis_sentiment_idx` ON `comment_analysis` (`unit_code`,`sentiment`,`day`,`response_id`);--> statement-breakpoint
CREATE INDEX `comment_analysis_concern_idx` ON `comment_analysis` (`unit_code`,`day`,`response_id`) WHERE concern IS NOT NULL;--> statement-breakpoint
CREATE INDEX `comment_labels_theme_idx` ON `comment_labels` (`unit_code`,`sub_category`,`day`,`response_id`);