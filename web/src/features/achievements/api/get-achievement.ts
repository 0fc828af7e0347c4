import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** GET /api/achievements/:id: the public part, and the gated part when the caller may see it. */
export function getAchievement(id: string, signal?: AbortSignal): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}`, { signal });
}

/** Loads one record; pass null to skip (a new record has nothing to load). */
export function useAchievement(id: string | null) {
  return useApiQuery(id === null ? null : `/api/achievements/${id}`, (signal) => getAchievement(id ?? '', signal));
}
