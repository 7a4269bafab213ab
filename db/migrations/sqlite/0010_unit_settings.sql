CREATE TABLE `unit_settings` (
	`unit_code` text NOT NULL,
	`from_month` text NOT NULL,
	`setting` text NOT NULL,
	PRIMARY KEY(`unit_code`, `from_month`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Every unit already stored keeps its setting for all its months ('0000-01': since the start), so a
-- database from before this version reads every return as it did until someone changes a setting.
INSERT INTO `unit_settings` (`unit_code`, `from_month`, `setting`) SELECT `code`, '0000-01', `setting` FROM `units`;
