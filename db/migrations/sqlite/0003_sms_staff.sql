CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`setting` text NOT NULL,
	`variant` text NOT NULL,
	`format` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` text NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exports_month_idx` ON `exports` (`month`,`setting`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sms_inbound` (
	`provider` text NOT NULL,
	`message_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`provider`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `sms_inbound_at_idx` ON `sms_inbound` (`received_at`);--> statement-breakpoint
CREATE TABLE `sms_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`phone` text,
	`phone_hash` text NOT NULL,
	`question` text NOT NULL,
	`language` text NOT NULL,
	`visit_date` text NOT NULL,
	`status` text NOT NULL,
	`conversation` text DEFAULT 'awaiting-answer' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`provider` text,
	`provider_message_id` text,
	`help_sent` integer DEFAULT false NOT NULL,
	`response_id` text,
	`answered_at` text,
	`commented_at` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`erase_after` text NOT NULL,
	`erased_at` text,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sms_inv_hash_idx` ON `sms_invitations` (`phone_hash`,`unit_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_inv_due_idx` ON `sms_invitations` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `sms_inv_phone_idx` ON `sms_invitations` (`phone`);--> statement-breakpoint
CREATE INDEX `sms_inv_erase_idx` ON `sms_invitations` (`erase_after`);--> statement-breakpoint
CREATE TABLE `sms_opt_outs` (
	`phone_hash` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
