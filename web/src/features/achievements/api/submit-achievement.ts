import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/submit: 提交（成员提交待单位确认，单位管理员提交直接待审核；已发布成果提交其修改）。 */
export function submitAchievement(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/submit`, { method: 'POST' });
}

export function useSubmitAchievement() {
  return useApiMutation(submitAchievement);
}
