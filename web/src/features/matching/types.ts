import type { z } from 'zod';
import type { Component } from '../../../../src/modules/matching/match-scoring.js';
import type {
  AchievementDemandsSchema,
  ComponentSchema,
  DemandRecommendationsSchema,
  RematchResultSchema,
  WeightsHistorySchema,
  WeightsInputSchema,
  WeightsResponseSchema,
  WeightsVersionSchema,
} from '../../../../src/modules/matching/matching.schemas.js';
import type {
  CreateSavedSearchSchema,
  SavedSearchListSchema,
  SavedSearchSchema,
  UpdateSavedSearchSchema,
} from '../../../../src/modules/matching/saved-searches.schemas.js';
import type { AchievementSummary } from '../achievements/types.js';
import type { DemandSummary } from '../demands/types.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type MatchComponent = Component;
export type ComponentScore = z.infer<typeof ComponentSchema>;

type RawRecommendations = z.infer<typeof DemandRecommendationsSchema>;
type RawRecommendation = RawRecommendations['items'][number];
/**
 * One recommended achievement. `achievement` is the public list item GET /api/search shows (the
 * schema declares it loosely as `{ id, title, … }`), i.e. an AchievementSummary.
 */
export type Recommendation = Omit<RawRecommendation, 'achievement'> & { achievement: AchievementSummary };
export type DemandRecommendations = Omit<RawRecommendations, 'items'> & { items: Recommendation[] };

type RawAchievementDemands = z.infer<typeof AchievementDemandsSchema>;
type RawEnterprise = RawAchievementDemands['enterprises'][number];
type RawDemandMatch = RawEnterprise['demands'][number];
/** An open demand that might need the achievement; `demand` is the public list item (a DemandSummary). */
export type DemandMatch = Omit<RawDemandMatch, 'demand'> & { demand: DemandSummary };
export type MatchedEnterprise = Omit<RawEnterprise, 'demands'> & { demands: DemandMatch[] };
export type AchievementDemands = Omit<RawAchievementDemands, 'enterprises'> & { enterprises: MatchedEnterprise[] };

export type WeightsResponse = z.infer<typeof WeightsResponseSchema>;
export type WeightsVersion = z.infer<typeof WeightsVersionSchema>;
export type WeightsHistory = z.infer<typeof WeightsHistorySchema>;
export type WeightsInput = z.input<typeof WeightsInputSchema>;
export type RematchResult = z.infer<typeof RematchResultSchema>;

export type SavedSearch = z.infer<typeof SavedSearchSchema>;
export type SavedSearchList = z.infer<typeof SavedSearchListSchema>;
export type SavedSearchType = SavedSearch['query']['type'];
export type CreateSavedSearchInput = z.input<typeof CreateSavedSearchSchema>;
export type UpdateSavedSearchInput = z.input<typeof UpdateSavedSearchSchema>;
