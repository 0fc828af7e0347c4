import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, ContractedInput } from '../types.js';

/** POST /api/demands/:id/contracted: 登记签约（合同编号或登记号）。 */
export function markContracted(id: string, input: ContractedInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/contracted`, { method: 'POST', body: input });
}
