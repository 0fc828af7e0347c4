import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { Organization } from '../types.js';

export interface RejectOrganizationInput {
  id: string;
  reason: string;
}

/** POST /api/organizations/:id/reject: pending → rejected, with the reason the applicant will read. */
export function rejectOrganization({ id, reason }: RejectOrganizationInput): Promise<Organization> {
  return apiRequest<Organization>(`/api/organizations/${encodeURIComponent(id)}/reject`, {
    method: 'POST',
    body: { reason },
  });
}

export function useRejectOrganization() {
  return useApiMutation(rejectOrganization);
}
