import { apiRequest } from '../../../lib/api-client.js';
import type { CreateSavedSearchInput, SavedSearch } from '../types.js';

/** POST /api/saved-searches: name unique per user (400 at `name`), at most 50 per user (409). */
export function createSavedSearch(input: CreateSavedSearchInput): Promise<SavedSearch> {
  return apiRequest<SavedSearch>('/api/saved-searches', { method: 'POST', body: input });
}
