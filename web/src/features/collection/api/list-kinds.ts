import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CollectionKindInfo } from '../types.js';

/** GET /api/collection/kinds: the record kinds the caller may bulk-import (科技成果, 技术需求, …). */
export function listKinds(signal?: AbortSignal): Promise<{ items: CollectionKindInfo[] }> {
  return apiRequest<{ items: CollectionKindInfo[] }>('/api/collection/kinds', { signal });
}

export function useCollectionKinds() {
  return useApiQuery('/api/collection/kinds', listKinds);
}
