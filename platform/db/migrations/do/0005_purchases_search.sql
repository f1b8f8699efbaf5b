CREATE TABLE `purchase_refunds` (
	`payment_intent` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`refunded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`product` text NOT NULL,
	`document_id` text,
	`payment_intent` text,
	`amount` integer,
	`currency` text,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`refunded_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `purchases_user` ON `purchases` (`user_id`,`product`,`document_id`);--> statement-breakpoint
CREATE INDEX `purchases_payment_intent` ON `purchases` (`payment_intent`);--> statement-breakpoint
CREATE TABLE `search_terms` (
	`collection` text NOT NULL,
	`term` text NOT NULL,
	`document_id` text NOT NULL,
	PRIMARY KEY(`collection`, `term`, `document_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `search_terms_document` ON `search_terms` (`document_id`);