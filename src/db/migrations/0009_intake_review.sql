CREATE TABLE `intake_reviews` (
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`approved_record` text,
	`submitted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`submitted_by` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `intake_reviews_status_idx` ON `intake_reviews` (`status`,`submitted_at`);--> statement-breakpoint
-- Records already in use stay in the pool: the review state starts as approved for every existing row.
INSERT INTO `intake_reviews` (`entity`, `entity_id`, `status`, `submitted_at`, `submitted_by`, `decided_at`, `decided_by`)
SELECT 'expert', `id`, 'approved', `updated_at`, 'migration:0009', `updated_at`, 'migration:0009' FROM `experts`;
--> statement-breakpoint
INSERT INTO `intake_reviews` (`entity`, `entity_id`, `status`, `submitted_at`, `submitted_by`, `decided_at`, `decided_by`)
SELECT 'demand', `id`, 'approved', `updated_at`, 'migration:0009', `updated_at`, 'migration:0009' FROM `demands`;
