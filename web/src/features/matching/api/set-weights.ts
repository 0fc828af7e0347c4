import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { WeightsInput, WeightsResponse } from '../types.js';

/** PUT /api/matching/weights: stored normalized (sum 1) as a new version (operator only). */
export function setWeights(input: WeightsInput): Promise<WeightsResponse> {
  return apiRequest<WeightsResponse>('/api/matching/weights', { method: 'PUT', body: input });
}

export function useSetWeights() {
  return useApiMutation(setWeights);
}
