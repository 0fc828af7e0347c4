import { apiRequest } from '../../../lib/api-client.js';
import type { DeclineInput, DemandDetail } from '../types.js';

/** POST /api/demands/:id/proposals/:proposalId/decline: turned down with structured reasons (其他 needs the text). */
export function declineProposal(id: string, proposalId: string, input: DeclineInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/proposals/${encodeURIComponent(proposalId)}/decline`, {
    method: 'POST',
    body: input,
  });
}
