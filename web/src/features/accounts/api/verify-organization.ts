import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { Organization } from '../types.js';

/** POST /api/organizations/:id/verify: pending → verified. */
export function verifyOrganization(id: string): Promise<Organization> {
  return apiRequest<Organization>(`/api/organizations/${encodeURIComponent(id)}/verify`, { method: 'POST' });
}

export function useVerifyOrganization() {
  return useApiMutation(verifyOrganization);
}
