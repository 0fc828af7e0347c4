import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { RegionDetail } from '../types.js';

/** GET /api/regions/:code: one region with its path from the province down. */
export function getRegion(code: string, signal?: AbortSignal): Promise<RegionDetail> {
  return apiRequest<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { signal });
}

/** Loads one region (e.g. to name a region filter); pass null to skip. */
export function useRegion(code: string | null) {
  return useApiQuery(code === null ? null : `/api/regions/${code}`, (signal) => getRegion(code ?? '', signal));
}
