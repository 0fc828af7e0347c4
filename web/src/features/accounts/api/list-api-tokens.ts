import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ApiToken } from '../types.js';

/** GET /api/auth/tokens: the caller's API tokens (never the secrets). */
export function listApiTokens(signal?: AbortSignal): Promise<{ items: ApiToken[] }> {
  return apiRequest<{ items: ApiToken[] }>('/api/auth/tokens', { signal });
}

export function useApiTokens() {
  return useApiQuery('/api/auth/tokens', listApiTokens);
}
