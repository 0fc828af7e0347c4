import { apiRequest } from '../../../lib/api-client.js';
import type { SearchResponse } from '../../search/types.js';

export interface RecordOption {
  id: string;
  title: string;
}

/** Published achievements by text, for presenting at an event: GET /api/search?type=achievement. */
export async function findAchievements(q: string, signal?: AbortSignal): Promise<RecordOption[]> {
  const res = await apiRequest<SearchResponse>('/api/search', { query: { type: 'achievement', q, pageSize: 20 }, signal });
  return res.items.flatMap((hit) => {
    const record = hit.record as { title?: unknown } | null;
    return record && typeof record.title === 'string' ? [{ id: hit.id, title: record.title }] : [];
  });
}
