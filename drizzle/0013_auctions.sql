CREATE TABLE "auction_bidders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"registered_by" uuid NOT NULL,
	"deposit_status" text DEFAULT 'pending' NOT NULL,
	"deposit_fen" bigint NOT NULL,
	"payment_reference" text,
	"deposit_confirmed_at" timestamp with time zone,
	"deposit_confirmed_by" uuid,
	"paddle" integer,
	"refund_due_on" date,
	"refunded_at" timestamp with time zone,
	"refund_reference" text,
	"suspended" boolean DEFAULT false NOT NULL,
	"suspended_reason" text,
	"suspended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_bids" (
	"lot_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"bidder_id" uuid,
	"paddle" integer,
	"amount_fen" bigint,
	"at_ms" bigint NOT NULL,
	"ends_at_ms" bigint NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"note" text,
	"idempotency_key" text,
	"user_id" uuid,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"title" text NOT NULL,
	"start_price_fen" bigint NOT NULL,
	"increment_fen" bigint NOT NULL,
	"reserve_fen" bigint NOT NULL,
	"deposit_fen" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"free_ends_at" timestamp with time zone NOT NULL,
	"delay_minutes" integer NOT NULL,
	"latest_end_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"price_fen" bigint,
	"leader_paddle" integer,
	"leader_bidder_id" uuid,
	"ends_at" timestamp with time zone NOT NULL,
	"current_latest_end_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"pause_reason" text,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL,
	"last_at_ms" bigint DEFAULT 0 NOT NULL,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"result" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"buyer_organization_id" uuid NOT NULL,
	"bidder_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"paddle" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"confirmation_number" text NOT NULL,
	"status" text DEFAULT 'notice' NOT NULL,
	"notice_start" date NOT NULL,
	"notice_end" date NOT NULL,
	"notice_ended_at" timestamp with time zone,
	"default_reason" text,
	"contract_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"industry" text,
	"region_code" varchar(6),
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auction_bidders" ADD CONSTRAINT "auction_bidders_lot_id_auction_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."auction_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bidders" ADD CONSTRAINT "auction_bidders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bidders" ADD CONSTRAINT "auction_bidders_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bidders" ADD CONSTRAINT "auction_bidders_deposit_confirmed_by_users_id_fk" FOREIGN KEY ("deposit_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_lot_id_auction_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."auction_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_bidder_id_auction_bidders_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."auction_bidders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_session_id_auction_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."auction_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_lots" ADD CONSTRAINT "auction_lots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_results" ADD CONSTRAINT "auction_results_lot_id_auction_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."auction_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_results" ADD CONSTRAINT "auction_results_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_results" ADD CONSTRAINT "auction_results_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_results" ADD CONSTRAINT "auction_results_buyer_organization_id_organizations_id_fk" FOREIGN KEY ("buyer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_results" ADD CONSTRAINT "auction_results_bidder_id_auction_bidders_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."auction_bidders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_sessions" ADD CONSTRAINT "auction_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auction_bidders_lot_org_uq" ON "auction_bidders" USING btree ("lot_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_bidders_lot_paddle_uq" ON "auction_bidders" USING btree ("lot_id","paddle");--> statement-breakpoint
CREATE INDEX "auction_bidders_org_idx" ON "auction_bidders" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "auction_bidders_deposit_idx" ON "auction_bidders" USING btree ("deposit_status","refund_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_bids_lot_seq_uq" ON "auction_bids" USING btree ("lot_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_bids_idempotency_uq" ON "auction_bids" USING btree ("lot_id","idempotency_key","bidder_id");--> statement-breakpoint
CREATE INDEX "auction_lots_session_idx" ON "auction_lots" USING btree ("session_id","starts_at");--> statement-breakpoint
CREATE INDEX "auction_lots_due_idx" ON "auction_lots" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "auction_lots_achievement_idx" ON "auction_lots" USING btree ("achievement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_results_lot_uq" ON "auction_results" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "auction_results_status_idx" ON "auction_results" USING btree ("status","notice_end");--> statement-breakpoint
CREATE INDEX "auction_results_buyer_idx" ON "auction_results" USING btree ("buyer_organization_id");--> statement-breakpoint
CREATE INDEX "auction_sessions_created_idx" ON "auction_sessions" USING btree ("created_at");