import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail } from '../types.js';

/** POST /api/demands/:id/submit: 提交审核（草稿或退回的需求；先检查是否填写完整）。 */
export function submitDemand(id: string): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/submit`, { method: 'POST' });
}
