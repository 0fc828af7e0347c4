ALTER TABLE "auction_lots" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
-- Lots closed before this migration were settled in the close's own transaction.
UPDATE "auction_lots" SET "settled_at" = "closed_at" WHERE "status" = 'closed';
