import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListingSummary } from '../types.js';

/** GET /api/listings/mine: 我的挂牌, every status. */
export function useMyListings(query: { page?: number; pageSize?: number }) {
  return useApiQuery(`/api/listings/mine${toQueryString({ ...query })}`, (signal) =>
    apiRequest<Page<ListingSummary>>('/api/listings/mine', { query: { ...query }, signal }),
  );
}
