import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ResponseRates } from '../types.js';

/**
 * GET /api/demands/response-rates: each claimant organization's on-time rate of the 48-hour
 * promise (the operator: all; a gov_admin: its regions' demands; a claimant: its own).
 */
export function listResponseRates(signal?: AbortSignal): Promise<ResponseRates> {
  return apiRequest<ResponseRates>('/api/demands/response-rates', { signal });
}

export function useResponseRates() {
  return useApiQuery('/api/demands/response-rates', listResponseRates);
}
