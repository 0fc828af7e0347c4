import { apiRequest, type Page } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CampaignVisit } from '../types.js';

/** GET /api/campaigns/:id/visits: the visits the caller may see (its region's; a broker its own). */
export function listVisits(campaignId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<CampaignVisit>> {
  return apiRequest<Page<CampaignVisit>>(`/api/campaigns/${encodeURIComponent(campaignId)}/visits`, { query: { page, pageSize }, signal });
}

/** Loads a page of visits; pass null as the id to skip (the caller may not see them). */
export function useVisits(campaignId: string | null, page = 1, pageSize = 50) {
  return useApiQuery(campaignId === null ? null : `/api/campaigns/${campaignId}/visits?page=${page}&pageSize=${pageSize}`, (signal) =>
    listVisits(campaignId ?? '', page, pageSize, signal),
  );
}
