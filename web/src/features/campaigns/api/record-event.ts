import { apiRequest } from '../../../lib/api-client.js';
import type { CampaignEvent, CreateEventInput } from '../types.js';

/** POST /api/campaigns/:id/events: a claim-and-docking event (past, or planned). */
export function recordEvent(campaignId: string, input: CreateEventInput): Promise<CampaignEvent> {
  return apiRequest<CampaignEvent>(`/api/campaigns/${encodeURIComponent(campaignId)}/events`, { method: 'POST', body: input });
}
