import { apiRequest } from '../../../lib/api-client.js';
import type { AchievementDetail, ReturnInput } from '../types.js';

/** POST /api/achievements/:id/return: back to the owner with per-field reasons and a comment. */
export function returnAchievement(id: string, input: ReturnInput): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/return`, { method: 'POST', body: input });
}
