import { apiRequest } from '../../../lib/api-client.js';
import type { DemandDetail, GrantContactInput } from '../types.js';

/** POST /api/demands/:id/grants: 企业授权一家认领机构查看联系方式。 */
export function grantContact(id: string, input: GrantContactInput): Promise<DemandDetail> {
  return apiRequest<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/grants`, { method: 'POST', body: input });
}
