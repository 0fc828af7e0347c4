import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { DemandDetail } from '../types.js';

/** GET /api/demands/:id: the public part, and details, contact and history as far as the caller may see them. */
export function getDemand(id: string, signal?: AbortSignal): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}`, { signal });
}

/** Loads one record; pass null to skip. */
export function useDemand(id: string | null) {
  return useApiQuery(id === null ? null : `/api/demands/${id}`, (signal) => getDemand(id ?? '', signal));
}
