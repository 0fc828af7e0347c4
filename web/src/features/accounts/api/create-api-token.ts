import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { ApiToken, CreateApiTokenInput } from '../types.js';

/** The new token's secret is in `token` and is shown this one time only. */
export type CreatedApiToken = ApiToken & { token: string };

/** POST /api/auth/tokens. */
export function createApiToken(input: CreateApiTokenInput): Promise<CreatedApiToken> {
  return apiRequest<CreatedApiToken>('/api/auth/tokens', { method: 'POST', body: input });
}

export function useCreateApiToken() {
  return useApiMutation(createApiToken);
}
