import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { HotSearches } from '../types.js';

/** GET /api/search/hot: the most frequent queries of the last 7 days. */
export function getHotSearches(signal?: AbortSignal): Promise<HotSearches> {
  return apiRequest<HotSearches>('/api/search/hot', { signal });
}

/** Loads the hot searches once `enabled` (they are shown only while the box is empty). */
export function useHotSearches(enabled: boolean) {
  return useApiQuery(enabled ? '/api/search/hot' : null, getHotSearches);
}
