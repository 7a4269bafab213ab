ALTER TABLE "device_lockouts" ADD COLUMN "last_failure_at" text;--> statement-breakpoint
-- Counts kept from before this version have no time of their last failure: they are taken as
-- counted now, so the hourly sweep (server/web/session.ts) keeps each for a lock window rather
-- than deleting it, and resetting a stolen device cookie's count, at once.
UPDATE "device_lockouts" SET "last_failure_at" = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
