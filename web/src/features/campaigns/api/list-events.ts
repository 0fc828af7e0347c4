import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CampaignEvent } from '../types.js';

/** GET /api/campaigns/:id/events: public parts for everyone, participant lists for organizers. */
export function listEvents(campaignId: string, signal?: AbortSignal): Promise<{ items: CampaignEvent[] }> {
  return apiRequest<{ items: CampaignEvent[] }>(`/api/campaigns/${encodeURIComponent(campaignId)}/events`, { signal });
}

export function useEvents(campaignId: string | null) {
  return useApiQuery(campaignId === null ? null : `/api/campaigns/${campaignId}/events`, (signal) => listEvents(campaignId ?? '', signal));
}
