CREATE TABLE `ai_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`proposal_id` text,
	`error` text,
	`tokens` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_messages_app` ON `ai_messages` (`app_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ai_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`status` text NOT NULL,
	`paths` text NOT NULL,
	`base_hashes` text NOT NULL,
	`rounds` integer NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_proposals_app` ON `ai_proposals` (`app_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ai_rate` (
	`creator_id` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`turns` integer NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `creators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ai_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`month` text NOT NULL,
	`tokens` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `creators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_reservations_creator` ON `ai_reservations` (`creator_id`,`month`,`expires_at`);--> statement-breakpoint
CREATE TABLE `ai_usage` (
	`creator_id` text NOT NULL,
	`month` text NOT NULL,
	`used_tokens` integer DEFAULT 0 NOT NULL,
	`reserved_tokens` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creator_id`, `month`),
	FOREIGN KEY (`creator_id`) REFERENCES `creators`(`id`) ON UPDATE no action ON DELETE cascade
);
