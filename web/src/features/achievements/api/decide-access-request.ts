import { apiRequest } from '../../../lib/api-client.js';
import type { AccessDecision, AccessRequest } from '../types.js';

/** POST /api/achievements/:id/access-requests/:requestId/(grant|refuse|revoke). */
export function decideAccessRequest(input: { id: string; requestId: string; decision: AccessDecision }): Promise<AccessRequest | null> {
  const { id, requestId, decision } = input;
  return apiRequest<AccessRequest | null>(
    `/api/achievements/${encodeURIComponent(id)}/access-requests/${encodeURIComponent(requestId)}/${decision}`,
    { method: 'POST' },
  );
}
