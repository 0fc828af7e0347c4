import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AchievementDemands } from '../types.js';

/**
 * GET /api/matching/achievements/:id/demands: 可能需要此成果的企业, open demands grouped by
 * enterprise, best first. The owner organization's members, the operator and the region's
 * gov_admins only (403 / 404 for others).
 */
export function getAchievementDemands(id: string, limit: number, signal?: AbortSignal): Promise<AchievementDemands> {
  return apiRequest<AchievementDemands>(`/api/matching/achievements/${encodeURIComponent(id)}/demands`, { query: { limit }, signal });
}

/** Pass null to skip (the caller may not see them). */
export function useAchievementDemands(id: string | null, limit = 10) {
  return useApiQuery(id === null ? null : `/api/matching/achievements/${id}/demands?limit=${limit}`, (signal) =>
    getAchievementDemands(id ?? '', limit, signal),
  );
}
