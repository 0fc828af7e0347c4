import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 科惠行动: a campaign that mines enterprises' demands in some regions over a period and holds
 * claim-and-docking events. Targets are set up front; actuals are counted from visits, demands
 * (demands.campaign_id) and events.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The regions covered (province, city or county codes); gov_admins of these regions manage it. */
    regionCodes: varchar('region_codes', { length: 6 }).array().notNull(),
    /** The narrowest region containing them all, for SQL scoping. */
    scopeRegionCode: varchar('scope_region_code', { length: 6 }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    targetVisits: integer('target_visits').notNull().default(0),
    targetDemands: integer('target_demands').notNull().default(0),
    targetEvents: integer('target_events').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('campaigns_period_idx').on(t.startsOn, t.endsOn), index('campaigns_scope_idx').on(t.scopeRegionCode)],
);

/** An enterprise visit (走访) by a campaign team; the demands collected point back to it. */
export const campaignVisits = pgTable(
  'campaign_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    enterpriseOrganizationId: uuid('enterprise_organization_id').references(() => organizations.id),
    enterpriseName: text('enterprise_name').notNull(),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    team: text('team').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('campaign_visits_idx').on(t.campaignId, t.visitedOn)],
);

/** A claim-and-docking event (对接会): who came, what was presented, what came of it. */
export const campaignEvents = pgTable(
  'campaign_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    participantCount: integer('participant_count').notNull().default(0),
    participants: text('participants').array().notNull().default(sql`'{}'::text[]`),
    demandIds: uuid('demand_ids').array().notNull().default(sql`'{}'::uuid[]`),
    achievementIds: uuid('achievement_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Agreements of intent signed at the event (签约意向). */
    intentionsSigned: integer('intentions_signed').notNull().default(0),
    outcomes: text('outcomes').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('campaign_events_idx').on(t.campaignId, t.heldOn)],
);
