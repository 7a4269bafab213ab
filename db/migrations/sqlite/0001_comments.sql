CREATE TABLE `comment_analysis` (
	`response_id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`day` text NOT NULL,
	`labels` text NOT NULL,
	`categories` text NOT NULL,
	`sentiment` integer NOT NULL,
	`concern` text,
	`redacted_internal` text NOT NULL,
	`redacted_public` text NOT NULL,
	`model_version` text NOT NULL,
	`analysed_at` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_analysis_unit_day_idx` ON `comment_analysis` (`unit_code`,`day`);--> statement-breakpoint
CREATE TABLE `comment_labels` (
	`response_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`day` text NOT NULL,
	`sub_category` text NOT NULL,
	`category` text NOT NULL,
	`sentiment` integer NOT NULL,
	PRIMARY KEY(`response_id`, `sub_category`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_labels_unit_day_idx` ON `comment_labels` (`unit_code`,`day`);