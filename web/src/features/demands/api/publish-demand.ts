import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail } from '../types.js';

/** POST /api/demands/:id/publish: 审核通过并发布，48 小时响应时限开始计算。 */
export function publishDemand(id: string): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/publish`, { method: 'POST' });
}
