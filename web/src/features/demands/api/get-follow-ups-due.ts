import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { FollowUpsDue } from '../types.js';

/** GET /api/demands/follow-ups-due: first responses, next steps and message answers the caller's organization owes. */
export function getFollowUpsDue(signal?: AbortSignal): Promise<FollowUpsDue> {
  return apiRequest<FollowUpsDue>('/api/demands/follow-ups-due', { signal });
}

export function useFollowUpsDue() {
  return useApiQuery('/api/demands/follow-ups-due', getFollowUpsDue);
}
