CREATE TABLE `creator_stripe_accounts` (
	`creator_id` text PRIMARY KEY NOT NULL,
	`stripe_account_id` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `creators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `creator_stripe_accounts_stripe_account_id_unique` ON `creator_stripe_accounts` (`stripe_account_id`);--> statement-breakpoint
CREATE TABLE `creator_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`plan` text NOT NULL,
	`status` text NOT NULL,
	`current_period_end` integer,
	`event_created` integer NOT NULL,
	`event_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `creators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `creator_subscriptions_creator` ON `creator_subscriptions` (`creator_id`);--> statement-breakpoint
CREATE TABLE `platform_webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`account` text,
	`event_created` integer NOT NULL,
	`received_at` integer NOT NULL
);
