CREATE TABLE "achievement_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"requester_organization_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"nda_accepted" boolean NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievement_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievement_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reasons" jsonb,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievement_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"achievement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"created_by" uuid,
	"title" text NOT NULL,
	"normalized_title" text NOT NULL,
	"type" text,
	"attribute" text,
	"key_field" text,
	"industry" varchar(1),
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"innovation_points" text DEFAULT '' NOT NULL,
	"indicators" text DEFAULT '' NOT NULL,
	"application_scenarios" text DEFAULT '' NOT NULL,
	"trl" integer,
	"stage" text,
	"ip_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text,
	"cooperation_modes" text[] DEFAULT '{}'::text[] NOT NULL,
	"pricing_mode" text DEFAULT 'negotiable' NOT NULL,
	"price_fen" bigint,
	"funding_programme" text,
	"funding_project_number" text,
	"is_fiscally_funded" boolean DEFAULT false NOT NULL,
	"is_dual_use" boolean DEFAULT false NOT NULL,
	"disclosure_tier" text DEFAULT 'public' NOT NULL,
	"selection_year" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reasons" jsonb,
	"return_comment" text,
	"version" integer DEFAULT 0 NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"submitted_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"last_confirmed_at" timestamp with time zone,
	"stale_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_attachments" ADD CONSTRAINT "achievement_attachments_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_revisions" ADD CONSTRAINT "achievement_revisions_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_versions" ADD CONSTRAINT "achievement_versions_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "achievement_access_requests_idx" ON "achievement_access_requests" USING btree ("achievement_id","requester_user_id");--> statement-breakpoint
CREATE INDEX "achievement_attachments_idx" ON "achievement_attachments" USING btree ("achievement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "achievement_revisions_open_uq" ON "achievement_revisions" USING btree ("achievement_id") WHERE "achievement_revisions"."status" in ('draft', 'submitted');--> statement-breakpoint
CREATE UNIQUE INDEX "achievement_versions_uq" ON "achievement_versions" USING btree ("achievement_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "achievements_owner_title_uq" ON "achievements" USING btree ("owner_organization_id","normalized_title") WHERE "achievements"."status" <> 'archived';--> statement-breakpoint
CREATE INDEX "achievements_status_idx" ON "achievements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "achievements_region_idx" ON "achievements" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "achievements_owner_idx" ON "achievements" USING btree ("owner_organization_id","updated_at");