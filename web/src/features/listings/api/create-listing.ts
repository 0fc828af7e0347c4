import { apiRequest } from '../../../lib/api-client.js';
import type { CreateListing, ListingDetail } from '../types.js';

/** POST /api/listings: 挂牌（提交审核）。 */
export function createListing(body: CreateListing): Promise<ListingDetail> {
  return apiRequest<ListingDetail>('/api/listings', { method: 'POST', body });
}
