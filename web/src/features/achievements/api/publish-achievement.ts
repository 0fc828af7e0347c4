import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/publish: 审核通过并发布。 */
export function publishAchievement(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/publish`, { method: 'POST' });
}

export function usePublishAchievement() {
  return useApiMutation(publishAchievement);
}
