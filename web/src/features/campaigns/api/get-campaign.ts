import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CampaignDetail } from '../types.js';

/** GET /api/campaigns/:id: targets, actuals, the monthly series and the regional breakdown. */
export function getCampaign(id: string, signal?: AbortSignal): Promise<CampaignDetail> {
  return apiRequest<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`, { signal });
}

/** Loads one campaign; pass null to skip (a new campaign has nothing to load). */
export function useCampaign(id: string | null) {
  return useApiQuery(id === null ? null : `/api/campaigns/${id}`, (signal) => getCampaign(id ?? '', signal));
}
