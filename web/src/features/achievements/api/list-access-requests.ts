import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AccessRequest } from '../types.js';

/** GET /api/achievements/:id/access-requests: the owner's view of who asked for the gated part. */
export function listAccessRequests(id: string, signal?: AbortSignal): Promise<{ items: AccessRequest[] }> {
  return apiRequest<{ items: AccessRequest[] }>(`/api/achievements/${encodeURIComponent(id)}/access-requests`, { signal });
}

export function useAccessRequests(id: string | null) {
  return useApiQuery(id === null ? null : `/api/achievements/${id}/access-requests`, (signal) =>
    listAccessRequests(id ?? '', signal),
  );
}
