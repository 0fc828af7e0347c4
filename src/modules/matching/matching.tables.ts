import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { demands } from '../demands/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Versions of the score weights (权重): the newest row is in force. Set by the operator, or learned
 * from verdicts (see match-scoring.ts `learnFromVerdict`). Weights are plain data, not code.
 */
export const matchingWeights = pgTable('matching_weights', {
  id: uuid('id').primaryKey().defaultRandom(),
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  /** operator | learned */
  source: text('source').notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The latest computed recommendations per open demand (rematch replaces a demand's rows). */
export const matchRecommendations = pgTable(
  'match_recommendations',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    score: doublePrecision('score').notNull(),
    /** Component values and reasons at computation time. */
    components: jsonb('components').$type<{ component: string; value: number; reason: string }[]>().notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.achievementId] }), index('match_recommendations_rank_idx').on(t.demandId, t.rank)],
);

/** Verdicts the ranking learned from: the pair, the verdict, reasons, and the weights before/after. */
export const matchFeedback = pgTable(
  'match_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id').notNull(),
    achievementId: uuid('achievement_id'),
    proposalId: uuid('proposal_id'),
    verdict: text('verdict').notNull(),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    values: jsonb('values').$type<Record<string, number>>().notNull(),
    weightsBefore: jsonb('weights_before').$type<Record<string, number>>().notNull(),
    weightsAfter: jsonb('weights_after').$type<Record<string, number>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('match_feedback_proposal_uq').on(t.proposalId)],
);

/**
 * Saved searches (保存的检索) with alerts: new published records matching the query notify the
 * user at once (`instant`), in the daily digest (`daily`, via the notification e-mail preference), or not.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** { q, type, filters } as GET /api/search takes them. */
    query: jsonb('query').$type<{ q: string; type: string; filters: Record<string, unknown> }>().notNull(),
    /** off | on */
    alert: text('alert').notNull().default('on'),
    lastAlertAt: ts('last_alert_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId)],
);
