import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { PublicLogCheck, PublicLogEntry } from '../types.js';

/** GET /api/public-log: the hash-chained public log, newest first. */
export function usePublicLog(query: { page?: number; pageSize?: number }) {
  return useApiQuery(`/api/public-log${toQueryString({ ...query })}`, (signal) => apiRequest<Page<PublicLogEntry>>('/api/public-log', { query: { ...query }, signal }));
}

/** GET /api/public-log/verify: recomputes the chain on the server. */
export function verifyPublicLog(): Promise<PublicLogCheck> {
  return apiRequest<PublicLogCheck>('/api/public-log/verify');
}
