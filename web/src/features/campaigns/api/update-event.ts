import { apiRequest } from '../../../lib/api-client.js';
import type { CampaignEvent, UpdateEventInput } from '../types.js';

/** PATCH /api/campaigns/:id/events/:eventId: e.g. the outcomes once the event is over. */
export function updateEvent(campaignId: string, eventId: string, input: UpdateEventInput): Promise<CampaignEvent> {
  return apiRequest<CampaignEvent>(`/api/campaigns/${encodeURIComponent(campaignId)}/events/${encodeURIComponent(eventId)}`, {
    method: 'PATCH',
    body: input,
  });
}
