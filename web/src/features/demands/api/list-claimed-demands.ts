import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ClaimedDemand, DemandListParams } from '../types.js';

/** GET /api/demands/claimed: 我的认领, one row per claim of the caller's organization (active first). */
export function listClaimedDemands(query: DemandListParams, signal?: AbortSignal): Promise<Page<ClaimedDemand>> {
  return apiRequest<Page<ClaimedDemand>>('/api/demands/claimed', { query: { ...query }, signal });
}

export function useClaimedDemands(query: DemandListParams) {
  return useApiQuery(`/api/demands/claimed${toQueryString({ ...query })}`, (signal) => listClaimedDemands(query, signal));
}
