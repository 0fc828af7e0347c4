import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/confirm: 单位管理员确认成员提交的成果。 */
export function confirmAchievement(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/confirm`, { method: 'POST' });
}

export function useConfirmAchievement() {
  return useApiMutation(confirmAchievement);
}
