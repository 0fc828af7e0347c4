import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CreatePeerInput, HarvestPeer, HarvestRun, UpdatePeerInput } from '../types.js';

/** GET /api/harvest/peers (operator): status, last harvest, counts, errors. */
export function listPeers(query: { page?: number; pageSize?: number }, signal?: AbortSignal): Promise<Page<HarvestPeer>> {
  return apiRequest<Page<HarvestPeer>>('/api/harvest/peers', { query, signal });
}
export function usePeers(query: { page?: number; pageSize?: number }) {
  return useApiQuery(`/api/harvest/peers${toQueryString(query)}`, (signal) => listPeers(query, signal));
}

/** POST /api/harvest/peers */
export function createPeer(input: CreatePeerInput): Promise<HarvestPeer> {
  return apiRequest<HarvestPeer>('/api/harvest/peers', { method: 'POST', body: input });
}

/** PATCH /api/harvest/peers/:id */
export function updatePeer(id: string, input: UpdatePeerInput): Promise<HarvestPeer> {
  return apiRequest<HarvestPeer>(`/api/harvest/peers/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}

/** POST /api/harvest/peers/:id/harvest: starts a harvest in the background. */
export function harvestNow(id: string, full: boolean): Promise<{ started: true } | HarvestRun> {
  return apiRequest(`/api/harvest/peers/${encodeURIComponent(id)}/harvest`, { method: 'POST', body: { full } });
}
