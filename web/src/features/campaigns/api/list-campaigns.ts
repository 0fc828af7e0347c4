import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CampaignListParams, CampaignSummary } from '../types.js';

/** GET /api/campaigns: every campaign with its targets and actuals; anyone may read it. */
export function listCampaigns(query: CampaignListParams, signal?: AbortSignal): Promise<Page<CampaignSummary>> {
  return apiRequest<Page<CampaignSummary>>('/api/campaigns', { query: { ...query }, signal });
}

/** Loads a page of campaigns; pass null to wait. */
export function useCampaigns(query: CampaignListParams | null) {
  return useApiQuery(query === null ? null : `/api/campaigns${toQueryString({ ...query })}`, (signal) => listCampaigns(query ?? {}, signal));
}
