import { apiRequest } from '../../../lib/api-client.js';
import type { CampaignDetail, UpdateCampaignInput } from '../types.js';

/** PATCH /api/campaigns/:id: only the fields that changed. */
export function updateCampaign(id: string, input: UpdateCampaignInput): Promise<CampaignDetail> {
  return apiRequest<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}
