import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { SelectionYears } from '../types.js';

/** GET /api/achievements/selections: the years of 科惠精品 with their counts, newest first. */
export function listSelectionYears(signal?: AbortSignal): Promise<SelectionYears> {
  return apiRequest<SelectionYears>('/api/achievements/selections', { signal });
}

export function useSelectionYears() {
  return useApiQuery('/api/achievements/selections', listSelectionYears);
}
