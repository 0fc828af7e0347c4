import { apiRequest, type Page } from '../../../lib/api-client.js';
import type { RecordOption } from './find-achievements.js';

/**
 * Demands on the public board, for presenting at an event: GET /api/demands. Without text, the
 * campaign's own demands; with text, any demand whose title matches.
 */
export async function findDemands(q: string, campaignId: string, signal?: AbortSignal): Promise<RecordOption[]> {
  const res = await apiRequest<Page<{ id: string; title: string }>>('/api/demands', {
    query: q ? { q, pageSize: 20 } : { campaignId, pageSize: 20 },
    signal,
  });
  return res.items.map((d) => ({ id: d.id, title: d.title }));
}
