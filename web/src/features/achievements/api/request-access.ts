import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AccessRequest, AccessRequestInput } from '../types.js';

/** POST /api/achievements/:id/access-requests: asks the owner for the gated part, accepting the NDA. */
export function requestAccess({ id, ...input }: AccessRequestInput & { id: string }): Promise<AccessRequest> {
  return apiRequest<AccessRequest>(`/api/achievements/${encodeURIComponent(id)}/access-requests`, { method: 'POST', body: input });
}

export function useRequestAccess() {
  return useApiMutation(requestAccess);
}
