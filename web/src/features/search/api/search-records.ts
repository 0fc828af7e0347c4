import { apiRequest, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { SearchParams, SearchResponse } from '../types.js';

/** GET /api/search: one kind of record, ranked, with facet counts, highlights and per-type counts. */
export function searchRecords(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return apiRequest<SearchResponse>('/api/search', { query: { ...params }, signal });
}

export function useSearchRecords(params: SearchParams) {
  return useApiQuery(`/api/search${toQueryString({ ...params })}`, (signal) => searchRecords(params, signal));
}
