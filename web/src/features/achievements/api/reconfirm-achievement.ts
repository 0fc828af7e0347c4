import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/reconfirm: 确认成果信息仍然有效（重置 12 个月过期提醒）。 */
export function reconfirmAchievement(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/reconfirm`, { method: 'POST' });
}

export function useReconfirmAchievement() {
  return useApiMutation(reconfirmAchievement);
}
