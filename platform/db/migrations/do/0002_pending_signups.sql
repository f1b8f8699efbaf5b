CREATE TABLE `pending_signups` (
	`user_id` text PRIMARY KEY NOT NULL,
	`client_tag` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_signups_client` ON `pending_signups` (`client_tag`,`created_at`);