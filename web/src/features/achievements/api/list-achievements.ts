import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AchievementListParams, AchievementSummary } from '../types.js';

/** GET /api/achievements: published records, filtered; anyone may read it. */
export function listAchievements(query: AchievementListParams, signal?: AbortSignal): Promise<Page<AchievementSummary>> {
  return apiRequest<Page<AchievementSummary>>('/api/achievements', { query: { ...query }, signal });
}

/** Loads a page of the public list; pass null to wait (e.g. until a programme is chosen). */
export function useAchievements(query: AchievementListParams | null) {
  return useApiQuery(query === null ? null : `/api/achievements${toQueryString({ ...query })}`, (signal) =>
    listAchievements(query ?? {}, signal),
  );
}
