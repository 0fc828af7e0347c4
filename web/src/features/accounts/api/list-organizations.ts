import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListOrganizationsQuery, Organization } from '../types.js';

/** GET /api/organizations: scoped to what the caller may see (a city admin sees its city only). */
export function listOrganizations(query: ListOrganizationsQuery, signal?: AbortSignal): Promise<Page<Organization>> {
  return apiRequest<Page<Organization>>('/api/organizations', { query: { ...query }, signal });
}

export function useOrganizations(query: ListOrganizationsQuery) {
  return useApiQuery(`/api/organizations${toQueryString({ ...query })}`, (signal) => listOrganizations(query, signal));
}
