import { apiRequest } from '../../../lib/api-client.js';
import type { CampaignDetail, CreateCampaignInput } from '../types.js';

/** POST /api/campaigns: the operator anywhere, a gov_admin inside its own region. */
export function createCampaign(input: CreateCampaignInput): Promise<CampaignDetail> {
  return apiRequest<CampaignDetail>('/api/campaigns', { method: 'POST', body: input });
}
