import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { HarvestCluster } from '../types.js';

/** GET /api/harvest/clusters (operator): the same achievement on several platforms. */
export function listClusters(query: { page?: number; pageSize?: number }, signal?: AbortSignal): Promise<Page<HarvestCluster>> {
  return apiRequest<Page<HarvestCluster>>('/api/harvest/clusters', { query, signal });
}
export function useClusters(query: { page?: number; pageSize?: number }) {
  return useApiQuery(`/api/harvest/clusters${toQueryString(query)}`, (signal) => listClusters(query, signal));
}

/** POST /api/harvest/clusters/:id/split: the chosen members become a cluster of their own. */
export function splitCluster(id: string, members: { memberType: 'harvested' | 'achievement'; memberId: string }[]) {
  return apiRequest<{ clusterId: string; newClusterId: string }>(`/api/harvest/clusters/${encodeURIComponent(id)}/split`, { method: 'POST', body: { members } });
}

/** POST /api/harvest/clusters/:id/merge: the other cluster's members join this one. */
export function mergeClusters(id: string, otherClusterId: string) {
  return apiRequest<{ clusterId: string; moved: number }>(`/api/harvest/clusters/${encodeURIComponent(id)}/merge`, { method: 'POST', body: { otherClusterId } });
}
