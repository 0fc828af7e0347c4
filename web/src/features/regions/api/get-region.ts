import { apiRequest } from '../../../lib/api-client.js';
import type { RegionDetail } from '../types.js';

/** GET /api/regions/:code: one region with its path from the province down. */
export function getRegion(code: string, signal?: AbortSignal): Promise<RegionDetail> {
  return apiRequest<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { signal });
}
