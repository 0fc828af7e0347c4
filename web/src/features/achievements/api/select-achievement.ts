import { apiRequest } from '../../../lib/api-client.js';
import type { AchievementDetail, SelectionInput } from '../types.js';

/** POST /api/achievements/:id/selection: marks a published record 科惠精品 of a year, or clears it (null). */
export function selectAchievement(id: string, input: SelectionInput): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>(`/api/achievements/${encodeURIComponent(id)}/selection`, { method: 'POST', body: input });
}
