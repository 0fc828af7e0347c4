import { apiRequest } from '../../../lib/api-client.js';
import type { AchievementDetail, ReturnInput } from '../types.js';

/** POST /api/achievements/:id/revision/return: the revision goes back to the owner as a draft, with reasons. */
export function returnRevision(id: string, input: ReturnInput): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/revision/return`, {
    method: 'POST',
    body: input,
  });
}
