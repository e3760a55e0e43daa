CREATE TABLE `policy_profiles` (
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`loaded_by` text,
	`loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`id`, `version`)
);
