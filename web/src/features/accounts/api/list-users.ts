import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListUsersQuery, UserRecord } from '../types.js';

/** GET /api/users: operator sees all, gov_admin its region, org_admin its organization. */
export function listUsers(query: ListUsersQuery, signal?: AbortSignal): Promise<Page<UserRecord>> {
  return apiRequest<Page<UserRecord>>('/api/users', { query: { ...query }, signal });
}

export function useUsers(query: ListUsersQuery) {
  return useApiQuery(`/api/users${toQueryString({ ...query })}`, (signal) => listUsers(query, signal));
}
