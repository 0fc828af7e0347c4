import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/revision/approve: 通过已发布成果的修改。 */
export function approveRevision(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/revision/approve`, { method: 'POST' });
}

export function useApproveRevision() {
  return useApiMutation(approveRevision);
}
