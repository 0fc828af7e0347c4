import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AchievementListParams, AchievementSummary } from '../types.js';

/** GET /api/achievements/mine: every record of the caller's organization, in any status. */
export function listMyAchievements(query: AchievementListParams, signal?: AbortSignal): Promise<Page<AchievementSummary>> {
  return apiRequest<Page<AchievementSummary>>('/api/achievements/mine', { query: { ...query }, signal });
}

export function useMyAchievements(query: AchievementListParams) {
  return useApiQuery(`/api/achievements/mine${toQueryString({ ...query })}`, (signal) => listMyAchievements(query, signal));
}
