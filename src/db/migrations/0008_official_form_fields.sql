ALTER TABLE `demands` ADD `candidates_note` text;--> statement-breakpoint
ALTER TABLE `demands` ADD `requests_vice_president` integer;--> statement-breakpoint
ALTER TABLE `demands` ADD `problem` text;--> statement-breakpoint
ALTER TABLE `demands` ADD `external_cooperation_needed` integer;--> statement-breakpoint
ALTER TABLE `demands` ADD `other_cooperation_mode` text;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `legal_representative_phone` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `education` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `sending_unit` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `commitment` text;