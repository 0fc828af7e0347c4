import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/** GET /api/demands/pool: 可认领需求, published demands without an active claim (claimants only). */
export function listDemandPool(query: DemandListParams, signal?: AbortSignal): Promise<Page<DemandSummary>> {
  return apiRequest<Page<DemandSummary>>('/api/demands/pool', { query: { ...query }, signal });
}

export function useDemandPool(query: DemandListParams) {
  return useApiQuery(`/api/demands/pool${toQueryString({ ...query })}`, (signal) => listDemandPool(query, signal));
}
