import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { ApiToken } from '../types.js';

/** DELETE /api/auth/tokens/:id: revokes a token at once; answers with the revoked token. */
export function deleteApiToken(id: string): Promise<ApiToken> {
  return apiRequest<ApiToken>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteApiToken() {
  return useApiMutation(deleteApiToken);
}
