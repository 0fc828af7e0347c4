import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListingDetail } from '../types.js';

/** GET /api/listings/:id */
export function useListing(id: string | undefined) {
  return useApiQuery(id ? `/api/listings/${id}` : null, (signal) => apiRequest<ListingDetail>(`/api/listings/${encodeURIComponent(id ?? '')}`, { signal }));
}
