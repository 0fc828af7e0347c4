import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ProjectLibrary } from '../types.js';

/** GET /api/achievements/project-library: published fiscally funded records, counted by programme. */
export function getProjectLibrary(signal?: AbortSignal): Promise<ProjectLibrary> {
  return apiRequest<ProjectLibrary>('/api/achievements/project-library', { signal });
}

export function useProjectLibrary() {
  return useApiQuery('/api/achievements/project-library', getProjectLibrary);
}
