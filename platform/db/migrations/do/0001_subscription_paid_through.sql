ALTER TABLE `subscriptions` ADD `paid_through` integer;--> statement-breakpoint
-- Rows written before the life cycle kept the period they showed; they keep it until the next event.
UPDATE `subscriptions` SET `paid_through` = `current_period_end` WHERE `status` IN ('active', 'trialing', 'past_due');
