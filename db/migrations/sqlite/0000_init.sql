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
CREATE TABLE `icbs` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
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
	`count` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `day`, `question`, `answer`, `mode`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
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
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);