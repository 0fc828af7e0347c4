import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/** GET /api/demands/review-queue: submitted demands in the reviewer's region, oldest first. */
export function getDemandReviewQueue(query: DemandListParams, signal?: AbortSignal): Promise<Page<DemandSummary>> {
  return apiRequest<Page<DemandSummary>>('/api/demands/review-queue', { query: { ...query }, signal });
}

export function useDemandReviewQueue(query: DemandListParams) {
  return useApiQuery(`/api/demands/review-queue${toQueryString({ ...query })}`, (signal) => getDemandReviewQueue(query, signal));
}
