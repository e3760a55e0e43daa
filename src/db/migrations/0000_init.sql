CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`op` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_log_entity_idx` ON `change_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`policy` text NOT NULL,
	`seats` integer NOT NULL,
	`status` text NOT NULL,
	`reference_date` text NOT NULL,
	`previous_cycles` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `demand_candidates` (
	`demand_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`expert_external_id` text,
	`name` text,
	`institution` text,
	`contact` text,
	`agreed` integer NOT NULL,
	PRIMARY KEY(`demand_id`, `ordinal`),
	FOREIGN KEY (`demand_id`) REFERENCES `demands`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `demand_candidates_expert_idx` ON `demand_candidates` (`expert_external_id`);--> statement-breakpoint
CREATE TABLE `demands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`enterprise_id` integer NOT NULL,
	`cycle_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`expected_field` text NOT NULL,
	`expected_source` text,
	`key_common_tech` integer NOT NULL,
	`expected_cooperation` text,
	`cooperation_modes` text NOT NULL,
	`partner_requirements` text,
	`expected_funding` real,
	`provides_conditions` integer NOT NULL,
	`conditions_note` text,
	`content_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demands_external_id_unique` ON `demands` (`external_id`);--> statement-breakpoint
CREATE INDEX `demands_cycle_idx` ON `demands` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `demands_enterprise_idx` ON `demands` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `enterprise_credit_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enterprise_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`serious` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enterprise_credit_issues_enterprise_idx` ON `enterprise_credit_issues` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `enterprise_related_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enterprise_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`kind` text NOT NULL,
	`expert_external_id` text,
	`institution_name` text,
	`name` text,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enterprise_related_parties_enterprise_idx` ON `enterprise_related_parties` (`enterprise_id`);--> statement-breakpoint
CREATE INDEX `enterprise_related_parties_expert_idx` ON `enterprise_related_parties` (`expert_external_id`);--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credit_code` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	`registered_at` text NOT NULL,
	`employees` integer,
	`revenue` real,
	`qualifications` text NOT NULL,
	`industry` text NOT NULL,
	`legal_representative` text,
	`contact` text NOT NULL,
	`address` text,
	`rd_institutions` text NOT NULL,
	`rd_area_m2` real,
	`rd_staff` integer,
	`rd_equipment_value` real,
	`rd_spending_band` text,
	`rd_project_modes` text NOT NULL,
	`content_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_credit_code_unique` ON `enterprises` (`credit_code`);--> statement-breakpoint
CREATE INDEX `enterprises_region_idx` ON `enterprises` (`region_code`);--> statement-breakpoint
CREATE TABLE `expert_bad_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expert_bad_records_expert_idx` ON `expert_bad_records` (`expert_id`);--> statement-breakpoint
CREATE TABLE `expert_cooperations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`enterprise_credit_code` text NOT NULL,
	`year` integer,
	`note` text,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expert_cooperations_enterprise_idx` ON `expert_cooperations` (`enterprise_credit_code`);--> statement-breakpoint
CREATE TABLE `expert_papers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`title` text NOT NULL,
	`abstract` text NOT NULL,
	`keywords` text NOT NULL,
	`venue` text,
	`year` integer,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expert_papers_expert_idx` ON `expert_papers` (`expert_id`);--> statement-breakpoint
CREATE TABLE `expert_patents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`abstract` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`ipc` text NOT NULL,
	`filed_at` text,
	`granted_at` text,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expert_patents_expert_idx` ON `expert_patents` (`expert_id`);--> statement-breakpoint
CREATE TABLE `expert_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`title` text NOT NULL,
	`abstract` text NOT NULL,
	`keywords` text NOT NULL,
	`role` text NOT NULL,
	`level` text NOT NULL,
	`start_year` integer,
	`end_year` integer,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expert_projects_expert_idx` ON `expert_projects` (`expert_id`);--> statement-breakpoint
CREATE TABLE `experts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`gender` text,
	`birth_date` text NOT NULL,
	`title` text,
	`degree` text,
	`institution_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`fields` text NOT NULL,
	`work_start_year` integer,
	`honours` text NOT NULL,
	`contact` text NOT NULL,
	`content_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experts_external_id_unique` ON `experts` (`external_id`);--> statement-breakpoint
CREATE INDEX `experts_region_idx` ON `experts` (`region_code`);--> statement-breakpoint
CREATE INDEX `experts_institution_idx` ON `experts` (`institution_id`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`region_code` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_name_unique` ON `institutions` (`name`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE TABLE `service_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`enterprise_credit_code` text NOT NULL,
	`cycle_id` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`grade` text,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_history_expert_idx` ON `service_history` (`expert_id`);--> statement-breakpoint
CREATE INDEX `service_history_enterprise_idx` ON `service_history` (`enterprise_credit_code`);--> statement-breakpoint
CREATE TABLE `embedding_cache` (
	`model_id` text NOT NULL,
	`text_hash` text NOT NULL,
	`dim` integer NOT NULL,
	`vector` blob NOT NULL,
	PRIMARY KEY(`model_id`, `text_hash`)
);
--> statement-breakpoint
CREATE TABLE `evidence_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`label` text NOT NULL,
	`text` text NOT NULL,
	`text_hash` text NOT NULL,
	`year` integer,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_items_expert_idx` ON `evidence_items` (`expert_id`);--> statement-breakpoint
CREATE INDEX `evidence_items_hash_idx` ON `evidence_items` (`text_hash`);--> statement-breakpoint
CREATE TABLE `portraits` (
	`expert_id` integer PRIMARY KEY NOT NULL,
	`source_hash` text NOT NULL,
	`builder_version` integer NOT NULL,
	`summary` text NOT NULL,
	`keywords` text NOT NULL,
	`fields` text NOT NULL,
	`ipc_classes` text NOT NULL,
	`strength` text NOT NULL,
	`built_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade
);
