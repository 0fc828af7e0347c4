import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { RoleAssignmentInput, UserRecord } from '../types.js';

export interface SetUserRolesInput {
  userId: string;
  roles: RoleAssignmentInput[];
}

/** PUT /api/users/:id/roles: replaces the user's roles (operator only). */
export function setUserRoles({ userId, roles }: SetUserRolesInput): Promise<UserRecord> {
  return apiRequest<UserRecord>(`/api/users/${encodeURIComponent(userId)}/roles`, {
    method: 'PUT',
    body: { roles },
  });
}

export function useSetUserRoles() {
  return useApiMutation(setUserRoles);
}
