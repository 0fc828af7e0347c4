import { apiRequest } from '../../../lib/api-client.js';
import type { AchievementDetail, CreateAchievementInput } from '../types.js';

/** POST /api/achievements: a new draft of the caller's organization (only the title is required). */
export function createAchievement(input: CreateAchievementInput): Promise<AchievementDetail> {
  return apiRequest<AchievementDetail>('/api/achievements', { method: 'POST', body: input });
}
