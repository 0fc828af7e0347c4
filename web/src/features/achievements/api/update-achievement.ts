import { apiRequest } from '../../../lib/api-client.js';
import type { AchievementDetail, UpdateAchievementInput } from '../types.js';

/**
 * PATCH /api/achievements/:id (autosave included). A published record keeps showing its published
 * version; the change goes into its pending revision.
 */
export function updateAchievement(id: string, input: UpdateAchievementInput): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}
