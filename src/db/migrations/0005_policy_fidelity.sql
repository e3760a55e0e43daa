-- Facts a rule needs may be absent (nullable birth date, expert region, registration date, providesConditions),
-- reviewer verdicts on unknown facts, the cycle's quota setting and the runs' 待核实 candidates.
-- Tables are rebuilt the SQLite way; openDatabase() runs migrations with foreign keys off and checks them after,
-- so dropping a parent table never cascades into its children.
CREATE TABLE `fact_verifications` (
	`cycle_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`verdict` text NOT NULL,
	`missing` text NOT NULL,
	`reason` text NOT NULL,
	`verified_by` text NOT NULL,
	`verified_at` text NOT NULL,
	`run_id` text,
	`region_code` text,
	PRIMARY KEY(`cycle_id`, `subject_kind`, `subject_id`, `rule_id`)
);
--> statement-breakpoint
CREATE INDEX `fact_verifications_cycle_idx` ON `fact_verifications` (`cycle_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_demands` (
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
	`provides_conditions` integer,
	`conditions_note` text,
	`content_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_demands`("id", "external_id", "enterprise_id", "cycle_id", "title", "description", "expected_field", "expected_source", "key_common_tech", "expected_cooperation", "cooperation_modes", "partner_requirements", "expected_funding", "provides_conditions", "conditions_note", "content_hash", "updated_at") SELECT "id", "external_id", "enterprise_id", "cycle_id", "title", "description", "expected_field", "expected_source", "key_common_tech", "expected_cooperation", "cooperation_modes", "partner_requirements", "expected_funding", "provides_conditions", "conditions_note", "content_hash", "updated_at" FROM `demands`;--> statement-breakpoint
DROP TABLE `demands`;--> statement-breakpoint
ALTER TABLE `__new_demands` RENAME TO `demands`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `demands_external_id_unique` ON `demands` (`external_id`);--> statement-breakpoint
CREATE INDEX `demands_cycle_idx` ON `demands` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `demands_enterprise_idx` ON `demands` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `__new_enterprises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credit_code` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	`registered_at` text,
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
INSERT INTO `__new_enterprises`("id", "credit_code", "name", "region_code", "registered_at", "employees", "revenue", "qualifications", "industry", "legal_representative", "contact", "address", "rd_institutions", "rd_area_m2", "rd_staff", "rd_equipment_value", "rd_spending_band", "rd_project_modes", "content_hash", "updated_at") SELECT "id", "credit_code", "name", "region_code", "registered_at", "employees", "revenue", "qualifications", "industry", "legal_representative", "contact", "address", "rd_institutions", "rd_area_m2", "rd_staff", "rd_equipment_value", "rd_spending_band", "rd_project_modes", "content_hash", "updated_at" FROM `enterprises`;--> statement-breakpoint
DROP TABLE `enterprises`;--> statement-breakpoint
ALTER TABLE `__new_enterprises` RENAME TO `enterprises`;--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_credit_code_unique` ON `enterprises` (`credit_code`);--> statement-breakpoint
CREATE INDEX `enterprises_region_idx` ON `enterprises` (`region_code`);--> statement-breakpoint
CREATE TABLE `__new_experts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`gender` text,
	`birth_date` text,
	`title` text,
	`degree` text,
	`institution_id` integer NOT NULL,
	`region_code` text,
	`fields` text NOT NULL,
	`work_start_year` integer,
	`work_start_date` text,
	`honours` text NOT NULL,
	`contact` text NOT NULL,
	`content_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_experts`("id", "external_id", "name", "gender", "birth_date", "title", "degree", "institution_id", "region_code", "fields", "work_start_year", "work_start_date", "honours", "contact", "content_hash", "updated_at") SELECT "id", "external_id", "name", "gender", "birth_date", "title", "degree", "institution_id", "region_code", "fields", "work_start_year", NULL, "honours", "contact", "content_hash", "updated_at" FROM `experts`;--> statement-breakpoint
DROP TABLE `experts`;--> statement-breakpoint
ALTER TABLE `__new_experts` RENAME TO `experts`;--> statement-breakpoint
CREATE UNIQUE INDEX `experts_external_id_unique` ON `experts` (`external_id`);--> statement-breakpoint
CREATE INDEX `experts_region_idx` ON `experts` (`region_code`);--> statement-breakpoint
CREATE INDEX `experts_institution_idx` ON `experts` (`institution_id`);--> statement-breakpoint
ALTER TABLE `cycles` ADD `allocation` text;--> statement-breakpoint
ALTER TABLE `enterprise_credit_issues` ADD `category` text;--> statement-breakpoint
ALTER TABLE `run_proposals` ADD `pending` text DEFAULT '[]' NOT NULL;