CREATE TABLE `domains` (
	`app_id` text PRIMARY KEY NOT NULL,
	`hostname` text NOT NULL,
	`status` text NOT NULL,
	`token` text NOT NULL,
	`cloudflare_id` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`verified_at` integer,
	`checked_at` integer,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domains_proven_hostname` ON `domains` (`hostname`) WHERE status in ('verifying', 'active');--> statement-breakpoint
CREATE INDEX `domains_hostname` ON `domains` (`hostname`);