import { apiRequest } from '../../../lib/api-client.js';
import type { CampaignVisit, CreateVisitInput } from '../types.js';

/** POST /api/campaigns/:id/visits: one enterprise visit of the campaign. */
export function recordVisit(campaignId: string, input: CreateVisitInput): Promise<CampaignVisit> {
  return apiRequest<CampaignVisit>(`/api/campaigns/${encodeURIComponent(campaignId)}/visits`, { method: 'POST', body: input });
}
