import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AchievementVersion } from '../types.js';

/** GET /api/achievements/:id/versions: published versions with their field-level changes. */
export function listVersions(id: string, signal?: AbortSignal): Promise<{ items: AchievementVersion[] }> {
  return apiRequest<{ items: AchievementVersion[] }>(`/api/achievements/${encodeURIComponent(id)}/versions`, { signal });
}

export function useVersions(id: string | null) {
  return useApiQuery(id === null ? null : `/api/achievements/${id}/versions`, (signal) => listVersions(id ?? '', signal));
}
