CREATE TABLE "exchange_records" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"datestamp" timestamp with time zone NOT NULL,
	"first_datestamp" timestamp with time zone NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"key_field" text,
	"region_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"content_hash" text NOT NULL,
	"metadata" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_sync_state" (
	"name" text PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "exchange_records_datestamp_idx" ON "exchange_records" USING btree ("datestamp","record_id");--> statement-breakpoint
CREATE INDEX "exchange_records_type_idx" ON "exchange_records" USING btree ("record_type","datestamp","record_id");--> statement-breakpoint
CREATE INDEX "exchange_records_key_field_idx" ON "exchange_records" USING btree ("key_field","datestamp","record_id");--> statement-breakpoint
CREATE INDEX "exchange_records_city_idx" ON "exchange_records" USING btree ("city_code","datestamp","record_id");