import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, ProposalInput } from '../types.js';

/** POST /api/demands/:id/proposals: 认领方推荐解决方案（成果和/或合作单位）。 */
export function proposeSolution(id: string, input: ProposalInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/proposals`, { method: 'POST', body: input });
}
