import { apiRequest } from '../../../lib/api-client.js';
import type { CreateDemandInput, DemandDetail } from '../types.js';

/** POST /api/demands: a draft, for the caller's enterprise or (poster roles) a named one. */
export function createDemand(input: CreateDemandInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>('/api/demands', { method: 'POST', body: input });
}
