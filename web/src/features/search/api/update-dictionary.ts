import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { Dictionary, DictionaryInput } from '../types.js';

/**
 * PUT /api/search/dictionary (operator): replaces the terms and synonym groups; every server
 * process rebuilds its index within about a second.
 */
export function updateDictionary(input: DictionaryInput): Promise<Dictionary> {
  return apiRequest<Dictionary>('/api/search/dictionary', { method: 'PUT', body: input });
}

export function useUpdateDictionary() {
  return useApiMutation(updateDictionary);
}
