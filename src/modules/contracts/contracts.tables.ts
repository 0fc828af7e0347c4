import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { demands } from '../demands/index.js';
import { deals } from '../listings/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * 技术合同认定登记: a signed technology contract submitted by one of its parties, accepted by the
 * registrar (the operator or the gov_admin of the registration region), decided within 30 days:
 * registered with a 16-digit number, or refused (未予登记) with reasons.
 */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** submitted | accepted | registered | refused | withdrawn */
    status: text('status').notNull().default('submitted'),
    /** Contract type code (contract-codes.ts), e.g. development_commissioned, transfer_patent, license. */
    contractType: text('contract_type').notNull(),
    title: text('title').notNull(),
    /** The parties' own contract number, if any. */
    partiesContractNo: text('parties_contract_no'),
    signedOn: day('signed_on').notNull(),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    keyField: text('key_field'),
    industry: text('industry'),
    summary: text('summary').notNull().default(''),
    /** Registration region (登记地): the seller's region; the registrar is this region's gov_admin or the operator. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    /** The organization that submitted it (must be a party). */
    submittedByOrganizationId: uuid('submitted_by_organization_id')
      .notNull()
      .references(() => organizations.id),
    achievementId: uuid('achievement_id').references(() => achievements.id),
    dealId: uuid('deal_id').references(() => deals.id),
    demandId: uuid('demand_id').references(() => demands.id),
    /** 合同成交额, fen. */
    contractValueFen: bigint('contract_value_fen', { mode: 'number' }).notNull(),
    /** 技术交易额 as verified by the registrar, fen (set at registration). */
    transactionAmountFen: bigint('transaction_amount_fen', { mode: 'number' }),
    /** The signed contract (PDF), by SHA-256 in the file store. */
    signedPdfSha256: text('signed_pdf_sha256').notNull(),
    signedPdfName: text('signed_pdf_name').notNull(),
    signedPdfBytes: integer('signed_pdf_bytes').notNull(),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    /** Shanghai date by which the registrar must decide (accepted day + 30 calendar days). */
    decisionDueOn: day('decision_due_on'),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** 16 digits: region(6) year(4) type(1) serial(5); unique once registered. */
    registrationNumber: varchar('registration_number', { length: 16 }),
    refusalReasons: text('refusal_reasons'),
    /** Random code printed on the certificate for its public verification link. */
    verifyCode: text('verify_code'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_registration_number_uq').on(t.registrationNumber),
    uniqueIndex('contracts_deal_active_uq').on(t.dealId).where(sql`${t.dealId} is not null and ${t.status} in ('submitted', 'accepted', 'registered')`),
    index('contracts_status_idx').on(t.status, t.submittedAt),
    index('contracts_region_idx').on(t.regionCode),
    index('contracts_submitter_idx').on(t.submittedByOrganizationId, t.updatedAt),
    index('contracts_achievement_idx').on(t.achievementId),
    index('contracts_demand_idx').on(t.demandId),
  ],
);

/** The parties: buyer (委托方/受让方/被许可方), seller (研究开发方/让与方/许可方/受托方), intermediary (中介方). */
export const contractParties = pgTable(
  'contract_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** buyer | seller | intermediary */
    role: text('role').notNull(),
    /** The platform organization, when the party has one. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    name: text('name').notNull(),
    /** 统一社会信用代码 (GB 32100), when the party is an organization. */
    creditCode: varchar('credit_code', { length: 18 }),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    /** Legal-nature code (contract-codes.ts): enterprise, university, research_institute, … */
    legalNature: text('legal_nature').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('contract_parties_contract_idx').on(t.contractId), index('contract_parties_org_idx').on(t.organizationId)],
);

/** Payment schedule (scheduled) and payments actually made (paid, with evidence), in fen. */
export const contractPayments = pgTable(
  'contract_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** scheduled | paid */
    kind: text('kind').notNull(),
    /** Due date (scheduled) or payment date (paid), Shanghai calendar day. */
    onDate: day('on_date').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    /** Payment evidence (bank slip, invoice) for paid entries, by SHA-256 in the file store. */
    evidenceSha256: text('evidence_sha256'),
    evidenceName: text('evidence_name'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('contract_payments_contract_idx').on(t.contractId, t.kind)],
);

/** Serial counter per registration region and year, for the 16-digit registration number. */
export const contractRegistrationSerials = pgTable(
  'contract_registration_serials',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    lastSerial: integer('last_serial').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);
