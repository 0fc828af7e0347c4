import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { NearDuplicate } from '../types.js';

/** GET /api/achievements/:id/near-duplicates: similar titles of other organizations (reviewers and the owner). */
export function listNearDuplicates(id: string, signal?: AbortSignal): Promise<{ items: NearDuplicate[] }> {
  return apiRequest<{ items: NearDuplicate[] }>(`/api/achievements/${encodeURIComponent(id)}/near-duplicates`, { signal });
}

export function useNearDuplicates(id: string | null) {
  return useApiQuery(id === null ? null : `/api/achievements/${id}/near-duplicates`, (signal) =>
    listNearDuplicates(id ?? '', signal),
  );
}
