import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { SetUserStatusInput, UserRecord } from '../types.js';

/** POST /api/users/:id/status: disable or re-enable an account (operator only). */
export function setUserStatus({ userId, status }: SetUserStatusInput & { userId: string }): Promise<UserRecord> {
  return apiRequest<UserRecord>(`/api/users/${encodeURIComponent(userId)}/status`, {
    method: 'POST',
    body: { status },
  });
}

export function useSetUserStatus() {
  return useApiMutation(setUserStatus);
}
