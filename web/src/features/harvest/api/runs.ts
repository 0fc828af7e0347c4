import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { HarvestRun } from '../types.js';

export type RunQuery = { peerId?: string; page?: number; pageSize?: number };

/** GET /api/harvest/runs (operator): runs with counts, typed errors, warnings and resumption point. */
export function listRuns(query: RunQuery, signal?: AbortSignal): Promise<Page<HarvestRun>> {
  return apiRequest<Page<HarvestRun>>('/api/harvest/runs', { query, signal });
}
export function useRuns(query: RunQuery) {
  return useApiQuery(`/api/harvest/runs${toQueryString(query)}`, (signal) => listRuns(query, signal));
}
