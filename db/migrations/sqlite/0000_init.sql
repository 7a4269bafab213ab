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
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`label` text,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `eligible` (
	`unit_code` text NOT NULL,
	`month` text NOT NULL,
	`count` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`unit_code`, `month`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `icbs` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`label` text,
	`pairing_code_hash` text,
	`pairing_expires_at` text,
	`token_id` text,
	`paired_at` text,
	`last_seen_at` text,
	`unsent` integer DEFAULT 0 NOT NULL,
	`revoked_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_pairing_idx` ON `kiosks` (`pairing_code_hash`);--> statement-breakpoint
CREATE INDEX `kiosks_token_idx` ON `kiosks` (`token_id`);--> statement-breakpoint
CREATE INDEX `kiosks_unit_idx` ON `kiosks` (`unit_code`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`comment` text,
	`channel` text NOT NULL,
	`mode` text NOT NULL,
	`answered_at` text NOT NULL,
	`answered_day` text NOT NULL,
	`received_at` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`age_band` text,
	`sex` text,
	`ethnicity` text,
	`disability` text,
	`completed_by` text,
	`device_id` text,
	`flagged` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_unit_day_idx` ON `responses` (`unit_code`,`answered_day`);--> statement-breakpoint
CREATE TABLE `rollup_daily` (
	`unit_code` text NOT NULL,
	`day` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`mode` text NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `day`, `question`, `answer`, `mode`, `flagged`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rollup_monthly` (
	`unit_code` text NOT NULL,
	`month` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `month`, `question`, `answer`, `flagged`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`trust_code` text NOT NULL,
	FOREIGN KEY (`trust_code`) REFERENCES `trusts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `trusts` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`icb_code` text NOT NULL,
	FOREIGN KEY (`icb_code`) REFERENCES `icbs`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`site_code` text NOT NULL,
	`setting` text NOT NULL,
	`specialty_1` text,
	`specialty_2` text,
	`active` integer DEFAULT true NOT NULL,
	`question` text DEFAULT 'fft-2020' NOT NULL,
	`negative_threshold` real,
	FOREIGN KEY (`site_code`) REFERENCES `sites`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `units_site_idx` ON `units` (`site_code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `you_said_we_did` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`you_said` text NOT NULL,
	`we_did` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`owner` text,
	`due_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `you_said_unit_idx` ON `you_said_we_did` (`unit_code`,`updated_at`);