import { apiRequest } from '../../../lib/api-client.js';
import type { SavedSearch, UpdateSavedSearchInput } from '../types.js';

/** PATCH /api/saved-searches/:id: rename, change the query, or switch the alert. */
export function updateSavedSearch(id: string, input: UpdateSavedSearchInput): Promise<SavedSearch> {
  return apiRequest<SavedSearch>(`/api/saved-searches/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}
