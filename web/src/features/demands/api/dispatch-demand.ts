import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, DispatchInput } from '../types.js';

/** POST /api/demands/:id/dispatch: 派发给一家已认证的技术转移服务机构（可指定经纪人）。 */
export function dispatchDemand(id: string, input: DispatchInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/dispatch`, { method: 'POST', body: input });
}
