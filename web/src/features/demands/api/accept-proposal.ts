import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail } from '../types.js';

/** POST /api/demands/:id/proposals/:proposalId/accept: the enterprise takes the proposal (→ 已匹配). */
export function acceptProposal(id: string, proposalId: string): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/proposals/${encodeURIComponent(proposalId)}/accept`, {
    method: 'POST',
  });
}
