import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, UpdateDemandInput } from '../types.js';

/** PATCH /api/demands/:id (autosave included). */
export function updateDemand(id: string, input: UpdateDemandInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}
