CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"buyer_organization_id" uuid NOT NULL,
	"intermediary_organization_id" uuid,
	"delisted_by" uuid NOT NULL,
	"mode" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"status" text DEFAULT 'notice' NOT NULL,
	"notice_working_days" integer NOT NULL,
	"notice_start" date NOT NULL,
	"notice_end" date NOT NULL,
	"notice_ended_at" timestamp with time zone,
	"contract_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"period_kind" text NOT NULL,
	"period_working_days" integer,
	"period_end_date" date,
	"terms" text NOT NULL,
	"publicity_working_days" integer NOT NULL,
	"status" text DEFAULT 'pending_review' NOT NULL,
	"review_comment" text,
	"withdraw_reason" text,
	"publicity_start" date,
	"publicity_end" date,
	"open_start" date,
	"open_end" date,
	"created_by" uuid,
	"reviewed_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_buyer_organization_id_organizations_id_fk" FOREIGN KEY ("buyer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_intermediary_organization_id_organizations_id_fk" FOREIGN KEY ("intermediary_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_delisted_by_users_id_fk" FOREIGN KEY ("delisted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_objections" ADD CONSTRAINT "listing_objections_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_objections" ADD CONSTRAINT "listing_objections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_objections" ADD CONSTRAINT "listing_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_objections" ADD CONSTRAINT "listing_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deals_listing_uq" ON "deals" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "deals_status_idx" ON "deals" USING btree ("status","notice_end");--> statement-breakpoint
CREATE INDEX "deals_buyer_idx" ON "deals" USING btree ("buyer_organization_id");--> statement-breakpoint
CREATE INDEX "deals_intermediary_idx" ON "deals" USING btree ("intermediary_organization_id");--> statement-breakpoint
CREATE INDEX "listing_objections_idx" ON "listing_objections" USING btree ("listing_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "listings_achievement_active_uq" ON "listings" USING btree ("achievement_id") WHERE "listings"."status" in ('pending_review', 'publicity', 'open');--> statement-breakpoint
CREATE INDEX "listings_status_idx" ON "listings" USING btree ("status","approved_at");--> statement-breakpoint
CREATE INDEX "listings_region_idx" ON "listings" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "listings_owner_idx" ON "listings" USING btree ("owner_organization_id","updated_at");--> statement-breakpoint
CREATE INDEX "public_log_entity_idx" ON "public_log" USING btree ("entity_type","entity_id");