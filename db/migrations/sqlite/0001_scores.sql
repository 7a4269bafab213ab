CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`unit_code` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`raised_at` text NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_key_idx` ON `alerts` (`key`);--> statement-breakpoint
CREATE INDEX `alerts_unit_idx` ON `alerts` (`unit_code`,`raised_at`);--> statement-breakpoint
CREATE TABLE `eligible` (
	`unit_code` text NOT NULL,
	`month` text NOT NULL,
	`count` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`unit_code`, `month`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rollup_monthly` (
	`unit_code` text NOT NULL,
	`month` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `month`, `question`, `answer`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `units` ADD `negative_threshold` real;