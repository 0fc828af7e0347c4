import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ReviewQueueItem } from '../types.js';

export interface ReviewQueueQuery {
  page?: number;
  pageSize?: number;
}

/** GET /api/achievements/review-queue: new records and revisions waiting, oldest first. */
export function getReviewQueue(query: ReviewQueueQuery, signal?: AbortSignal): Promise<Page<ReviewQueueItem>> {
  return apiRequest<Page<ReviewQueueItem>>('/api/achievements/review-queue', { query: { ...query }, signal });
}

export function useReviewQueue(query: ReviewQueueQuery) {
  return useApiQuery(`/api/achievements/review-queue${toQueryString({ ...query })}`, (signal) => getReviewQueue(query, signal));
}
