-- No backfill: a unit stored before this version has a null month, as one that existed all along,
-- so the returns of the months already sent keep it.
ALTER TABLE "units" ADD COLUMN "added_month" text;
