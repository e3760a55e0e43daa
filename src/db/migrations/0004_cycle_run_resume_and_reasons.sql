ALTER TABLE `cycle_runs` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `cycle_runs` ADD `abandoned_at` text;--> statement-breakpoint
ALTER TABLE `cycle_runs` ADD `abandon_reason` text;--> statement-breakpoint
ALTER TABLE `run_proposals` ADD `unfilled_code` text;--> statement-breakpoint
ALTER TABLE `run_proposals` ADD `unfilled_details` text;