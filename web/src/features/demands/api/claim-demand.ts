import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail } from '../types.js';

/** POST /api/demands/:id/claim: 认领（已被认领时 409）。 */
export function claimDemand(id: string): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/claim`, { method: 'POST' });
}
