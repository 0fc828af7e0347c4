import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { AchievementDetail } from '../types.js';

/** POST /api/achievements/:id/archive: 归档（不再公开）。 */
export function archiveAchievement(id: string): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/archive`, { method: 'POST' });
}

export function useArchiveAchievement() {
  return useApiMutation(archiveAchievement);
}
