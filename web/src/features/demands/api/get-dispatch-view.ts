import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/** GET /api/demands/dispatch: the reviewer's region's unclaimed and overdue demands, to dispatch. */
export function getDispatchView(query: DemandListParams, signal?: AbortSignal): Promise<Page<DemandSummary>> {
  return apiRequest<Page<DemandSummary>>('/api/demands/dispatch', { query: { ...query }, signal });
}

export function useDispatchView(query: DemandListParams) {
  return useApiQuery(`/api/demands/dispatch${toQueryString({ ...query })}`, (signal) => getDispatchView(query, signal));
}
