import { apiRequest } from '../../../lib/api-client.js';
import type { Region } from '../types.js';

/** GET /api/regions?parent=CODE: the children of a region, or the provinces without a parent. */
export function listRegions(parentCode: string | null, signal?: AbortSignal): Promise<{ items: Region[] }> {
  return apiRequest<{ items: Region[] }>('/api/regions', { query: { parent: parentCode }, signal });
}
