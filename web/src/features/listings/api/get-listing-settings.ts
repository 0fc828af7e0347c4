import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListingSettings } from '../types.js';

/** GET /api/listings/settings: default periods and their bounds. */
export function useListingSettings() {
  return useApiQuery('/api/listings/settings', (signal) => apiRequest<ListingSettings>('/api/listings/settings', { signal }));
}
