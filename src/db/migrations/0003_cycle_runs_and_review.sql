CREATE TABLE `cycle_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_id` text NOT NULL,
	`policy` text NOT NULL,
	`seats` integer NOT NULL,
	`params` text NOT NULL,
	`input_hash` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text,
	`timings` text,
	`summary` text,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_runs_cycle_idx` ON `cycle_runs` (`cycle_id`,`status`);--> statement-breakpoint
CREATE TABLE `run_proposals` (
	`run_id` text NOT NULL,
	`demand_external_id` text NOT NULL,
	`enterprise_credit_code` text NOT NULL,
	`region_code` text NOT NULL,
	`expert_external_id` text,
	`score` real,
	`named_agreed` integer DEFAULT false NOT NULL,
	`unfilled_reason` text,
	`proposed` text,
	`alternates` text NOT NULL,
	`excluded` text NOT NULL,
	PRIMARY KEY(`run_id`, `demand_external_id`),
	FOREIGN KEY (`run_id`) REFERENCES `cycle_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_proposals_region_idx` ON `run_proposals` (`run_id`,`region_code`);--> statement-breakpoint
CREATE TABLE `run_quotas` (
	`run_id` text NOT NULL,
	`region_code` text NOT NULL,
	`demands` integer NOT NULL,
	`share` real NOT NULL,
	`exact_quota` real NOT NULL,
	`remainder` real NOT NULL,
	`seats` integer NOT NULL,
	PRIMARY KEY(`run_id`, `region_code`),
	FOREIGN KEY (`run_id`) REFERENCES `cycle_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `run_rankings` (
	`run_id` text NOT NULL,
	`demand_external_id` text NOT NULL,
	`candidates` text NOT NULL,
	`excluded` text NOT NULL,
	PRIMARY KEY(`run_id`, `demand_external_id`),
	FOREIGN KEY (`run_id`) REFERENCES `cycle_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `region_reviews` (
	`run_id` text NOT NULL,
	`region_code` text NOT NULL,
	`status` text NOT NULL,
	`submitted_by` text,
	`submitted_at` text,
	`decided_by` text,
	`decided_at` text,
	`note` text,
	PRIMARY KEY(`run_id`, `region_code`),
	FOREIGN KEY (`run_id`) REFERENCES `cycle_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_decisions` (
	`run_id` text NOT NULL,
	`demand_external_id` text NOT NULL,
	`region_code` text NOT NULL,
	`status` text NOT NULL,
	`expert_external_id` text,
	`reason` text,
	`decided_by` text,
	`decided_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`run_id`, `demand_external_id`),
	FOREIGN KEY (`run_id`) REFERENCES `cycle_runs`(`id`) ON UPDATE no action ON DELETE no action
);
