import { apiRequest } from '../../../lib/api-client.js';

/** DELETE /api/saved-searches/:id. */
export function deleteSavedSearch(id: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`/api/saved-searches/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
