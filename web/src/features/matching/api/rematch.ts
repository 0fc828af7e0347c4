import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { RematchResult } from '../types.js';

/**
 * POST /api/matching/rematch: recomputes the top 20 of every open demand (operator only). It answers
 * when the batch is done, which takes minutes on a full database.
 */
export function rematch(): Promise<RematchResult> {
  return apiRequest<RematchResult>('/api/matching/rematch', { method: 'POST' });
}

export function useRematch() {
  return useApiMutation(rematch);
}
