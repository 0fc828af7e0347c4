import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { SavedSearchList } from '../types.js';

/** GET /api/saved-searches: the caller's saved searches, newest first, and how many one may keep. */
export function listSavedSearches(signal?: AbortSignal): Promise<SavedSearchList> {
  return apiRequest<SavedSearchList>('/api/saved-searches', { signal });
}

export function useSavedSearches() {
  return useApiQuery('/api/saved-searches', listSavedSearches);
}
