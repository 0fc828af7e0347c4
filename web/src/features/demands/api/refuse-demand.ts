import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, RefuseInput } from '../types.js';

/** POST /api/demands/:id/refuse: 认领方拒绝承接，需求回到待认领。 */
export function refuseDemand(id: string, input: RefuseInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/refuse`, { method: 'POST', body: input });
}
