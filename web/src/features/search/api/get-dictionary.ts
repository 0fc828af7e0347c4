import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { Dictionary } from '../types.js';

/** GET /api/search/dictionary (operator): the domain terms and synonym groups added to the defaults. */
export function getDictionary(signal?: AbortSignal): Promise<Dictionary> {
  return apiRequest<Dictionary>('/api/search/dictionary', { signal });
}

export function useDictionary() {
  return useApiQuery('/api/search/dictionary', getDictionary);
}
