import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { HarvestedRecord } from '../types.js';

/** GET /api/harvest/records/:id (public): a harvested record with its source. */
export function getHarvestedRecord(id: string, signal?: AbortSignal): Promise<HarvestedRecord> {
  return apiRequest<HarvestedRecord>(`/api/harvest/records/${encodeURIComponent(id)}`, { signal });
}
export function useHarvestedRecord(id: string | undefined) {
  return useApiQuery(id ? `/api/harvest/records/${id}` : null, (signal) => getHarvestedRecord(id ?? '', signal));
}
