CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"change" text NOT NULL,
	"datestamp" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"is_replay" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"owner_user_id" uuid,
	"partner_organization_id" uuid,
	"record_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"sets" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "harvest_cluster_members" (
	"cluster_id" uuid NOT NULL,
	"member_type" text NOT NULL,
	"member_id" uuid NOT NULL,
	"method" text NOT NULL,
	"score" real,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "harvest_cluster_members_cluster_id_member_type_member_id_pk" PRIMARY KEY("cluster_id","member_type","member_id")
);
--> statement-breakpoint
CREATE TABLE "harvest_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"method" text NOT NULL,
	"is_reviewed" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "harvest_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"protocol" text NOT NULL,
	"metadata_prefix" text DEFAULT 'oai_dc' NOT NULL,
	"sets" text[] DEFAULT '{}'::text[] NOT NULL,
	"schedule_minutes" integer,
	"credentials" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_datestamp" text,
	"last_harvest_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"status" text DEFAULT 'idle' NOT NULL,
	"last_error_code" text,
	"last_error" text,
	"next_harvest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "harvest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"peer_id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"mode" text NOT NULL,
	"from_datestamp" text,
	"current_set" text,
	"resumption_token" text,
	"done_sets" text[] DEFAULT '{}'::text[] NOT NULL,
	"response_date" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warning_count" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "harvested_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"peer_id" uuid NOT NULL,
	"source_identifier" text NOT NULL,
	"source_datestamp" text NOT NULL,
	"datestamp_at" timestamp with time zone,
	"metadata_format" text NOT NULL,
	"raw" text NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"content_hash" text NOT NULL,
	"record_type" text DEFAULT 'achievement' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"normalized_title" text DEFAULT '' NOT NULL,
	"title_key" text DEFAULT '' NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"creators" text[] DEFAULT '{}'::text[] NOT NULL,
	"patent_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"local_achievement_id" uuid,
	"last_run_id" uuid,
	"first_harvested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_harvested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_cluster_members" ADD CONSTRAINT "harvest_cluster_members_cluster_id_harvest_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."harvest_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_runs" ADD CONSTRAINT "harvest_runs_peer_id_harvest_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."harvest_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvested_records" ADD CONSTRAINT "harvested_records_peer_id_harvest_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."harvest_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_change_uq" ON "webhook_deliveries" USING btree ("subscription_id","record_id","datestamp") WHERE "webhook_deliveries"."is_replay" = false;--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_owner_idx" ON "webhook_subscriptions" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_org_idx" ON "webhook_subscriptions" USING btree ("partner_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "harvest_cluster_members_member_uq" ON "harvest_cluster_members" USING btree ("member_type","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "harvest_peers_base_url_uq" ON "harvest_peers" USING btree ("base_url","protocol","metadata_prefix");--> statement-breakpoint
CREATE INDEX "harvest_runs_peer_idx" ON "harvest_runs" USING btree ("peer_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "harvest_runs_running_uq" ON "harvest_runs" USING btree ("peer_id") WHERE "harvest_runs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "harvested_records_source_uq" ON "harvested_records" USING btree ("peer_id","source_identifier");--> statement-breakpoint
CREATE INDEX "harvested_records_title_key_idx" ON "harvested_records" USING btree ("title_key");--> statement-breakpoint
CREATE INDEX "harvested_records_patents_idx" ON "harvested_records" USING gin ("patent_numbers");--> statement-breakpoint
CREATE INDEX "harvested_records_harvested_idx" ON "harvested_records" USING btree ("last_harvested_at","id");