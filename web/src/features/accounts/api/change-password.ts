import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { ChangePasswordInput } from '../types.js';

/** POST /api/auth/password. */
export function changePassword(input: ChangePasswordInput): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/auth/password', { method: 'POST', body: input });
}

export function useChangePassword() {
  return useApiMutation(changePassword);
}
