import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';

/** POST /api/auth/signout: ends the session and clears its cookies. */
export function signOut(): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/auth/signout', { method: 'POST' });
}

export function useSignOut() {
  return useApiMutation(signOut);
}
