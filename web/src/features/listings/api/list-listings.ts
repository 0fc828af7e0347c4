import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListingSummary } from '../types.js';

type Query = { page?: number; pageSize?: number; q?: string; status?: string; mode?: string };

/** GET /api/listings: 挂牌项目 (publicity, open, delisted), anyone may read. */
export function listListings(query: Query, signal?: AbortSignal): Promise<Page<ListingSummary>> {
  return apiRequest<Page<ListingSummary>>('/api/listings', { query: { ...query }, signal });
}

export function useListings(query: Query) {
  return useApiQuery(`/api/listings${toQueryString({ ...query })}`, (signal) => listListings(query, signal));
}
