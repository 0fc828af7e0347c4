import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail } from '../types.js';

/** DELETE /api/demands/:id/grants/:grantId: 撤销联系方式授权. */
export function revokeContact(id: string, grantId: string): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/grants/${encodeURIComponent(grantId)}`, { method: 'DELETE' });
}
