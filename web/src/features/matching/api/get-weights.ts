import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { WeightsResponse } from '../types.js';

/** GET /api/matching/weights: the weights in force, the defaults and the components' labels (operator, gov_admin). */
export function getWeights(signal?: AbortSignal): Promise<WeightsResponse> {
  return apiRequest<WeightsResponse>('/api/matching/weights', { signal });
}

export function useWeights() {
  return useApiQuery('/api/matching/weights', getWeights);
}
