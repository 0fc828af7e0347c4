import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { Organization } from '../types.js';

/** GET /api/organizations/:id. */
export function getOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
  return apiRequest<Organization>(`/api/organizations/${encodeURIComponent(id)}`, { signal });
}

/** Loads one organization; pass null to skip (e.g. a user without an organization). */
export function useOrganization(id: string | null) {
  return useApiQuery(id === null ? null : `/api/organizations/${id}`, (signal) =>
    getOrganization(id ?? '', signal),
  );
}
