import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, CloseInput } from '../types.js';

/** POST /api/demands/:id/close: 关闭需求（已解决、企业撤回、已过期）。 */
export function closeDemand(id: string, input: CloseInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/close`, { method: 'POST', body: input });
}
