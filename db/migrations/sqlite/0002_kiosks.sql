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