CREATE TABLE `rollup_answers_daily` (
	`unit_code` text NOT NULL,
	`day` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`unit_code`, `day`, `question`, `answer`, `flagged`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rollup_org_monthly` (
	`level` text NOT NULL,
	`code` text NOT NULL,
	`month` text NOT NULL,
	`question` text NOT NULL,
	`answer` integer NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`level`, `code`, `month`, `question`, `answer`, `flagged`)
);
--> statement-breakpoint
INSERT INTO `rollup_answers_daily` (`unit_code`, `day`, `question`, `answer`, `flagged`, `count`)
  SELECT `unit_code`, `day`, `question`, `answer`, `flagged`, SUM(`count`) FROM `rollup_daily` GROUP BY `unit_code`, `day`, `question`, `answer`, `flagged`;--> statement-breakpoint
INSERT INTO `rollup_org_monthly` (`level`, `code`, `month`, `question`, `answer`, `flagged`, `count`)
  SELECT 'site', u.`site_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`, SUM(m.`count`) FROM `rollup_monthly` m JOIN `units` u ON u.`code` = m.`unit_code`
  GROUP BY u.`site_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`;--> statement-breakpoint
INSERT INTO `rollup_org_monthly` (`level`, `code`, `month`, `question`, `answer`, `flagged`, `count`)
  SELECT 'trust', s.`trust_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`, SUM(m.`count`) FROM `rollup_monthly` m JOIN `units` u ON u.`code` = m.`unit_code` JOIN `sites` s ON s.`code` = u.`site_code`
  GROUP BY s.`trust_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`;--> statement-breakpoint
INSERT INTO `rollup_org_monthly` (`level`, `code`, `month`, `question`, `answer`, `flagged`, `count`)
  SELECT 'icb', t.`icb_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`, SUM(m.`count`) FROM `rollup_monthly` m JOIN `units` u ON u.`code` = m.`unit_code` JOIN `sites` s ON s.`code` = u.`site_code` JOIN `trusts` t ON t.`code` = s.`trust_code`
  GROUP BY t.`icb_code`, m.`month`, m.`question`, m.`answer`, m.`flagged`;
