import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/** GET /api/demands: the public board (published and worked demands, summaries only); anyone may read it. */
export function listDemands(query: DemandListParams, signal?: AbortSignal): Promise<Page<DemandSummary>> {
  return apiRequest<Page<DemandSummary>>('/api/demands', { query: { ...query }, signal });
}

export function useDemands(query: DemandListParams) {
  return useApiQuery(`/api/demands${toQueryString({ ...query })}`, (signal) => listDemands(query, signal));
}
