import { apiRequest, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DealPage } from '../types.js';

/** GET /api/listings/deals: 我的成交 (as owner, buyer or intermediary). */
export function useMyDeals(query: { page?: number; pageSize?: number }) {
  return useApiQuery(`/api/listings/deals${toQueryString({ ...query })}`, (signal) =>
    apiRequest<DealPage>('/api/listings/deals', { query: { ...query }, signal }),
  );
}
