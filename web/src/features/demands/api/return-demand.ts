import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, ReturnDemandInput } from '../types.js';

/** POST /api/demands/:id/return: 退回企业修改，附逐字段理由和审核意见。 */
export function returnDemand(id: string, input: ReturnDemandInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/return`, { method: 'POST', body: input });
}
