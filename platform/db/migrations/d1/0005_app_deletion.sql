CREATE TABLE `app_deletions` (
	`app_id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`creator_id` text NOT NULL,
	`deleted_at` integer NOT NULL,
	`held_until` integer NOT NULL,
	`completed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `app_deletions_slug` ON `app_deletions` (`slug`,`deleted_at`);--> statement-breakpoint
ALTER TABLE `apps` ADD `slug_reused` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `apps` ADD `stored_bytes` integer DEFAULT 0 NOT NULL;