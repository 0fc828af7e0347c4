import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { PublicStats } from '../types.js';

/** GET /api/public/stats: platform-wide counts, public. */
export function getPublicStats(signal?: AbortSignal): Promise<PublicStats> {
  return apiRequest<PublicStats>('/api/public/stats', { signal });
}

export function usePublicStats() {
  return useApiQuery('/api/public/stats', getPublicStats);
}
