CREATE TABLE `placement_agreements` (
	`placement_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`document_id` integer NOT NULL,
	`signed_on` text,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`return_reason` text,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `placement_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `placement_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`placement_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`path` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `placement_documents_placement_idx` ON `placement_documents` (`placement_id`);--> statement-breakpoint
CREATE TABLE `placement_evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`placement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`enterprise_grade` text NOT NULL,
	`enterprise_comment` text NOT NULL,
	`enterprise_by` text NOT NULL,
	`enterprise_at` text NOT NULL,
	`county_grade` text,
	`county_reason` text,
	`county_by` text,
	`county_at` text,
	`city_by` text,
	`city_at` text,
	`city_note` text,
	`return_note` text,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `placement_evaluations_period_uq` ON `placement_evaluations` (`placement_id`,`kind`,`year`);--> statement-breakpoint
CREATE TABLE `placement_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`placement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`date` text NOT NULL,
	`title` text NOT NULL,
	`ip_type` text,
	`evidence` text NOT NULL,
	`document_id` integer,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `placement_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placement_outcomes_placement_idx` ON `placement_outcomes` (`placement_id`);--> statement-breakpoint
CREATE TABLE `placement_renewals` (
	`placement_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`requested_side` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`accepted_by` text,
	`accepted_at` text,
	`next_placement_id` integer,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `placement_service_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`placement_id` integer NOT NULL,
	`date` text NOT NULL,
	`days` real NOT NULL,
	`activity` text NOT NULL,
	`participants` text NOT NULL,
	`status` text NOT NULL,
	`logged_by` text NOT NULL,
	`logged_at` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	`dispute_reason` text,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `placement_service_logs_placement_idx` ON `placement_service_logs` (`placement_id`,`date`);--> statement-breakpoint
CREATE TABLE `placement_terminations` (
	`placement_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`requested_side` text NOT NULL,
	`reason` text NOT NULL,
	`effective_on` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`filed_by` text,
	`filed_at` text,
	`note` text,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `placements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`origin` text NOT NULL,
	`state` text NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer DEFAULT 0 NOT NULL,
	`enterprise_credit_code` text NOT NULL,
	`region_code` text,
	`profile_id` text,
	`profile_version` integer,
	`cycle_id` text,
	`run_id` text,
	`demand_external_id` text,
	`term_start` text NOT NULL,
	`term_end` text,
	`ended_on` text,
	`grade` text,
	`renewal_of` integer,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `placements_expert_idx` ON `placements` (`expert_id`);--> statement-breakpoint
CREATE INDEX `placements_enterprise_idx` ON `placements` (`enterprise_credit_code`);--> statement-breakpoint
CREATE INDEX `placements_region_idx` ON `placements` (`region_code`,`state`);--> statement-breakpoint
CREATE INDEX `placements_cycle_idx` ON `placements` (`cycle_id`);--> statement-breakpoint
-- Service records written by a region's confirmation (they match a confirmed review decision of the same cycle
-- and enterprise) become programme placements waiting for their agreement; the rest was declared at intake.
INSERT INTO `placements` (`kind`, `origin`, `state`, `expert_id`, `ordinal`, `enterprise_credit_code`, `region_code`, `profile_id`, `profile_version`, `cycle_id`, `run_id`, `demand_external_id`, `term_start`, `term_end`, `grade`, `created_by`, `created_at`)
SELECT 'programme', 'review', 'pending_agreement', sh.`expert_id`, 0, sh.`enterprise_credit_code`, d.`region_code`,
  CASE WHEN instr(r.`policy`, '@') > 0 THEN substr(r.`policy`, 1, instr(r.`policy`, '@') - 1) ELSE r.`policy` END,
  CASE WHEN instr(r.`policy`, '@') > 0 THEN CAST(substr(r.`policy`, instr(r.`policy`, '@') + 1) AS INTEGER) ELSE NULL END,
  sh.`cycle_id`, d.`run_id`, d.`demand_external_id`, sh.`start_date`, sh.`end_date`, sh.`grade`, 'migration:0012',
  COALESCE(rr.`decided_at`, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
FROM `service_history` sh
JOIN `experts` e ON e.`id` = sh.`expert_id`
JOIN `review_decisions` d ON d.`expert_external_id` = e.`external_id` AND d.`status` IN ('approved', 'swapped')
JOIN `region_reviews` rr ON rr.`run_id` = d.`run_id` AND rr.`region_code` = d.`region_code` AND rr.`status` = 'confirmed'
JOIN `cycle_runs` r ON r.`id` = d.`run_id` AND r.`cycle_id` = sh.`cycle_id`
JOIN `demands` dm ON dm.`external_id` = d.`demand_external_id`
JOIN `enterprises` en ON en.`id` = dm.`enterprise_id` AND en.`credit_code` = sh.`enterprise_credit_code`
GROUP BY sh.`id`;
--> statement-breakpoint
INSERT INTO `placements` (`kind`, `origin`, `state`, `expert_id`, `ordinal`, `enterprise_credit_code`, `region_code`, `cycle_id`, `term_start`, `term_end`, `grade`, `created_by`)
SELECT 'historical', 'import', 'historical', sh.`expert_id`, sh.`ordinal`, sh.`enterprise_credit_code`,
  (SELECT en.`region_code` FROM `enterprises` en WHERE en.`credit_code` = sh.`enterprise_credit_code`),
  sh.`cycle_id`, sh.`start_date`, sh.`end_date`, sh.`grade`, 'migration:0012'
FROM `service_history` sh
WHERE NOT EXISTS (
  SELECT 1 FROM `placements` p
  WHERE p.`kind` = 'programme' AND p.`expert_id` = sh.`expert_id` AND p.`enterprise_credit_code` = sh.`enterprise_credit_code`
    AND p.`cycle_id` IS sh.`cycle_id` AND p.`term_start` = sh.`start_date`
)
ORDER BY sh.`expert_id`, sh.`ordinal`;
--> statement-breakpoint
DROP TABLE `service_history`;
