CREATE TABLE `selection_cycle_settings` (
	`cycle_id` text PRIMARY KEY NOT NULL,
	`invitations_close_at` text,
	`choice_close_at` text,
	`interest_limit` integer,
	`stale_days` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `selection_expert_settings` (
	`expert_id` integer PRIMARY KEY NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`paused_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `selection_interests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` text NOT NULL,
	`demand_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`initiated_by` text NOT NULL,
	`off_list` integer DEFAULT false NOT NULL,
	`state` text NOT NULL,
	`enterprise_interested_at` text,
	`expert_interested_at` text,
	`declined_by` text,
	`decline_reason` text,
	`declined_at` text,
	`chosen_at` text,
	`confirmed_at` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`demand_id`) REFERENCES `demands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `selection_interests_pair_idx` ON `selection_interests` (`demand_id`,`expert_id`);--> statement-breakpoint
CREATE INDEX `selection_interests_expert_idx` ON `selection_interests` (`expert_id`);--> statement-breakpoint
CREATE INDEX `selection_interests_cycle_state_idx` ON `selection_interests` (`cycle_id`,`state`);--> statement-breakpoint
CREATE TABLE `selection_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`talk_id` integer NOT NULL,
	`requested_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`place` text NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`scheduled_at` text,
	`outcome` text,
	`noted_by` text,
	`noted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`talk_id`) REFERENCES `selection_talks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `selection_meetings_talk_idx` ON `selection_meetings` (`talk_id`);--> statement-breakpoint
CREATE TABLE `selection_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`talk_id` integer NOT NULL,
	`sender_side` text NOT NULL,
	`sender_key` text NOT NULL,
	`sender_name` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`talk_id`) REFERENCES `selection_talks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `selection_messages_talk_idx` ON `selection_messages` (`talk_id`,`id`);--> statement-breakpoint
CREATE INDEX `selection_messages_sender_idx` ON `selection_messages` (`sender_side`,`sender_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `selection_talks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interest_id` integer NOT NULL,
	`opened_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_message_at` text,
	FOREIGN KEY (`interest_id`) REFERENCES `selection_interests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `selection_talks_interest_id_unique` ON `selection_talks` (`interest_id`);
