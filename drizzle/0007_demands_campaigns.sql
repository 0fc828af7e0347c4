CREATE TABLE "campaign_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"demand_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"achievement_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"intentions_signed" integer DEFAULT 0 NOT NULL,
	"outcomes" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"enterprise_organization_id" uuid,
	"enterprise_name" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"visited_on" date NOT NULL,
	"team" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"region_codes" varchar(6)[] NOT NULL,
	"scope_region_code" varchar(6) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"target_visits" integer DEFAULT 0 NOT NULL,
	"target_demands" integer DEFAULT 0 NOT NULL,
	"target_events" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	"mode" text NOT NULL,
	"dispatched_by" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"refuse_reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"first_follow_up_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "demand_contact_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"grantee_organization_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_user_id" uuid,
	"actor_organization_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"claim_id" uuid,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"notes" text NOT NULL,
	"next_step_on" date,
	"created_by" uuid NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"side" text NOT NULL,
	"organization_id" uuid,
	"user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"due_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"achievement_id" uuid,
	"partner_organization_id" uuid,
	"summary" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_by_organization_id" uuid,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decided_by_side" text,
	"decided_by" uuid,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason_text" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"created_by" uuid,
	"title" text NOT NULL,
	"normalized_title" text NOT NULL,
	"public_summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"indicators" text DEFAULT '' NOT NULL,
	"existing_conditions" text DEFAULT '' NOT NULL,
	"key_field" text,
	"industry" varchar(1),
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"demand_type" text,
	"cooperation_modes" text[] DEFAULT '{}'::text[] NOT NULL,
	"budget_mode" text DEFAULT 'negotiable' NOT NULL,
	"budget_min_fen" bigint,
	"budget_max_fen" bigint,
	"budget_firm" boolean DEFAULT false NOT NULL,
	"deadline" date,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text,
	"source" text DEFAULT 'enterprise' NOT NULL,
	"source_ref" text,
	"campaign_id" uuid,
	"campaign_visit_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reasons" jsonb,
	"return_comment" text,
	"claimant_organization_id" uuid,
	"claimant_user_id" uuid,
	"response_due_at" timestamp with time zone,
	"first_follow_up_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"matched_achievement_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"matched_organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contract_ref" text,
	"close_reason" text,
	"close_comment" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"docking_at" timestamp with time zone,
	"matched_at" timestamp with time zone,
	"contracted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"entity_type" text,
	"entity_id" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_events" ADD CONSTRAINT "campaign_events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_visits" ADD CONSTRAINT "campaign_visits_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_visits" ADD CONSTRAINT "campaign_visits_enterprise_organization_id_organizations_id_fk" FOREIGN KEY ("enterprise_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_attachments" ADD CONSTRAINT "demand_attachments_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_claims" ADD CONSTRAINT "demand_claims_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_claims" ADD CONSTRAINT "demand_claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_claims" ADD CONSTRAINT "demand_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_contact_grants" ADD CONSTRAINT "demand_contact_grants_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_contact_grants" ADD CONSTRAINT "demand_contact_grants_grantee_organization_id_organizations_id_fk" FOREIGN KEY ("grantee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_follow_ups" ADD CONSTRAINT "demand_follow_ups_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_follow_ups" ADD CONSTRAINT "demand_follow_ups_claim_id_demand_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."demand_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_messages" ADD CONSTRAINT "demand_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_proposals" ADD CONSTRAINT "demand_proposals_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_proposals" ADD CONSTRAINT "demand_proposals_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_proposals" ADD CONSTRAINT "demand_proposals_partner_organization_id_organizations_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_enterprise_organization_id_organizations_id_fk" FOREIGN KEY ("enterprise_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_claimant_organization_id_organizations_id_fk" FOREIGN KEY ("claimant_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_claimant_user_id_users_id_fk" FOREIGN KEY ("claimant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_events_idx" ON "campaign_events" USING btree ("campaign_id","held_on");--> statement-breakpoint
CREATE INDEX "campaign_visits_idx" ON "campaign_visits" USING btree ("campaign_id","visited_on");--> statement-breakpoint
CREATE INDEX "campaigns_period_idx" ON "campaigns" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "campaigns_scope_idx" ON "campaigns" USING btree ("scope_region_code");--> statement-breakpoint
CREATE INDEX "demand_attachments_idx" ON "demand_attachments" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_claims_active_uq" ON "demand_claims" USING btree ("demand_id") WHERE "demand_claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "demand_claims_org_idx" ON "demand_claims" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_contact_grants_live_uq" ON "demand_contact_grants" USING btree ("demand_id","grantee_organization_id") WHERE "demand_contact_grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "demand_events_idx" ON "demand_events" USING btree ("demand_id","at");--> statement-breakpoint
CREATE INDEX "demand_follow_ups_idx" ON "demand_follow_ups" USING btree ("demand_id","created_at");--> statement-breakpoint
CREATE INDEX "demand_messages_idx" ON "demand_messages" USING btree ("demand_id","created_at");--> statement-breakpoint
CREATE INDEX "demand_proposals_idx" ON "demand_proposals" USING btree ("demand_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_enterprise_title_uq" ON "demands" USING btree ("enterprise_organization_id","normalized_title") WHERE "demands"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "demands_status_idx" ON "demands" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "demands_region_idx" ON "demands" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "demands_enterprise_idx" ON "demands" USING btree ("enterprise_organization_id","updated_at");--> statement-breakpoint
CREATE INDEX "demands_claimant_idx" ON "demands" USING btree ("claimant_organization_id","status");--> statement-breakpoint
CREATE INDEX "demands_campaign_idx" ON "demands" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");