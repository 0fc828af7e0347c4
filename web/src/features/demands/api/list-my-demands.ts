import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/** GET /api/demands/mine: 我的需求, the caller's enterprise's demands in every status. */
export function listMyDemands(query: DemandListParams, signal?: AbortSignal): Promise<Page<DemandSummary>> {
  return apiRequest<Page<DemandSummary>>('/api/demands/mine', { query: { ...query }, signal });
}

export function useMyDemands(query: DemandListParams) {
  return useApiQuery(`/api/demands/mine${toQueryString({ ...query })}`, (signal) => listMyDemands(query, signal));
}
