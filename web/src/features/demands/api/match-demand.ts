import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, MatchInput } from '../types.js';

/** POST /api/demands/:id/match: 登记匹配到的成果或合作单位。 */
export function matchDemand(id: string, input: MatchInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/match`, { method: 'POST', body: input });
}
