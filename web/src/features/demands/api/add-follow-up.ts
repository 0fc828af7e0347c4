import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, FollowUpInput } from '../types.js';

/** POST /api/demands/:id/follow-ups: 跟进记录；第一条进入对接中并停止 48 小时计时。 */
export function addFollowUp(id: string, input: FollowUpInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/follow-ups`, { method: 'POST', body: input });
}
