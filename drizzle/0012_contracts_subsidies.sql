CREATE TABLE "contract_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"role" text NOT NULL,
	"organization_id" uuid,
	"name" text NOT NULL,
	"credit_code" varchar(18),
	"region_code" varchar(6) NOT NULL,
	"legal_nature" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"evidence_sha256" text,
	"evidence_name" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_registration_serials" (
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"last_serial" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contract_registration_serials_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"contract_type" text NOT NULL,
	"title" text NOT NULL,
	"parties_contract_no" text,
	"signed_on" date NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"key_field" text,
	"industry" text,
	"summary" text DEFAULT '' NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"submitted_by_organization_id" uuid NOT NULL,
	"achievement_id" uuid,
	"deal_id" uuid,
	"demand_id" uuid,
	"contract_value_fen" bigint NOT NULL,
	"transaction_amount_fen" bigint,
	"signed_pdf_sha256" text NOT NULL,
	"signed_pdf_name" text NOT NULL,
	"signed_pdf_bytes" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"decision_due_on" date,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"registration_number" varchar(16),
	"refusal_reasons" text,
	"verify_code" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"applicant_organization_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"contract_id" uuid,
	"deal_id" uuid,
	"achievement_id" uuid,
	"inputs" jsonb NOT NULL,
	"computed_fen" bigint NOT NULL,
	"formula" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"approved_fen" bigint,
	"disbursed_fen" bigint DEFAULT 0 NOT NULL,
	"review_comment" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"budget_fen" bigint NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"disbursed_fen" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_review_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_parties" ADD CONSTRAINT "contract_parties_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_parties" ADD CONSTRAINT "contract_parties_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_submitted_by_organization_id_organizations_id_fk" FOREIGN KEY ("submitted_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_applicant_organization_id_organizations_id_fk" FOREIGN KEY ("applicant_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_disbursements" ADD CONSTRAINT "subsidy_disbursements_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_disbursements" ADD CONSTRAINT "subsidy_disbursements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programmes" ADD CONSTRAINT "subsidy_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_review_scores" ADD CONSTRAINT "subsidy_review_scores_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_review_scores" ADD CONSTRAINT "subsidy_review_scores_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_parties_contract_idx" ON "contract_parties" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_parties_org_idx" ON "contract_parties" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contract_payments_contract_idx" ON "contract_payments" USING btree ("contract_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_registration_number_uq" ON "contracts" USING btree ("registration_number");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_deal_active_uq" ON "contracts" USING btree ("deal_id") WHERE "contracts"."deal_id" is not null and "contracts"."status" in ('submitted', 'accepted', 'registered');--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "contracts_region_idx" ON "contracts" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "contracts_submitter_idx" ON "contracts" USING btree ("submitted_by_organization_id","updated_at");--> statement-breakpoint
CREATE INDEX "contracts_achievement_idx" ON "contracts" USING btree ("achievement_id");--> statement-breakpoint
CREATE INDEX "contracts_demand_idx" ON "contracts" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_contract_uq" ON "subsidy_applications" USING btree ("programme_id","applicant_organization_id","contract_id") WHERE "subsidy_applications"."contract_id" is not null and "subsidy_applications"."status" not in ('rejected', 'withdrawn');--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_deal_uq" ON "subsidy_applications" USING btree ("programme_id","applicant_organization_id","deal_id") WHERE "subsidy_applications"."deal_id" is not null and "subsidy_applications"."status" not in ('rejected', 'withdrawn');--> statement-breakpoint
CREATE INDEX "subsidy_applications_status_idx" ON "subsidy_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "subsidy_applications_applicant_idx" ON "subsidy_applications" USING btree ("applicant_organization_id");--> statement-breakpoint
CREATE INDEX "subsidy_applications_region_idx" ON "subsidy_applications" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "subsidy_applications_achievement_idx" ON "subsidy_applications" USING btree ("achievement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_disbursements_key_uq" ON "subsidy_disbursements" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "subsidy_disbursements_app_idx" ON "subsidy_disbursements" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_programmes_code_version_uq" ON "subsidy_programmes" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "subsidy_programmes_status_idx" ON "subsidy_programmes" USING btree ("status","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_review_scores_uq" ON "subsidy_review_scores" USING btree ("application_id","expert_user_id");