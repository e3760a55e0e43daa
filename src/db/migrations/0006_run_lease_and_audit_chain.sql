CREATE TABLE `cycle_run_leases` (
	`cycle_id` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
-- INSERT OR REPLACE deletes the old row without firing DELETE triggers (recursive_triggers is off), so the
-- append-only rule also needs INSERT triggers: an id at or below the newest one (a replaced or slipped-in row),
-- a time before the newest row's, and a row not chained to the newest row's hash are all refused.
CREATE TRIGGER `audit_log_append_only_ids` BEFORE INSERT ON `audit_log`
WHEN NEW.`id` IS NULL OR NEW.`id` <= coalesce((SELECT max(`id`) FROM `audit_log`), 0)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: ids only grow (no replace, no insert before the newest row)'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_in_time_order` BEFORE INSERT ON `audit_log`
WHEN NEW.`at` < (SELECT `at` FROM `audit_log` ORDER BY `id` DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row may not be older than the newest row'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_chained` BEFORE INSERT ON `audit_log`
WHEN NEW.`hash` IS NULL OR NEW.`prev_hash` IS NOT (SELECT `hash` FROM `audit_log` ORDER BY `id` DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row must carry its hash, chained to the newest row''s hash'); END;
