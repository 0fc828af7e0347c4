import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ListingSummary } from '../types.js';

type Query = { page?: number; pageSize?: number; status?: string };

/** GET /api/listings/review-queue: pending review and in publicity, in the reviewer's regions. */
export function useListingReviewQueue(query: Query) {
  return useApiQuery(`/api/listings/review-queue${toQueryString({ ...query })}`, (signal) =>
    apiRequest<Page<ListingSummary>>('/api/listings/review-queue', { query: { ...query }, signal }),
  );
}
