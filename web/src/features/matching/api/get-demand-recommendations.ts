import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandRecommendations } from '../types.js';

/**
 * GET /api/matching/demands/:id/recommendations: achievements ranked for the demand, each with its
 * score broken down by component and the reasons. The demand's enterprise, its active claimant, the
 * operator and the region's gov_admins only (403 / 404 for others).
 */
export function getDemandRecommendations(id: string, limit: number, signal?: AbortSignal): Promise<DemandRecommendations> {
  return apiRequest<DemandRecommendations>(`/api/matching/demands/${encodeURIComponent(id)}/recommendations`, { query: { limit }, signal });
}

/** Pass null to skip (the caller may not see recommendations). */
export function useDemandRecommendations(id: string | null, limit = 10) {
  return useApiQuery(id === null ? null : `/api/matching/demands/${id}/recommendations?limit=${limit}`, (signal) =>
    getDemandRecommendations(id ?? '', limit, signal),
  );
}
