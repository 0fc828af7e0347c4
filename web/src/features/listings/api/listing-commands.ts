import { apiRequest } from '../../../lib/api-client.js';
import type { ListingDetail } from '../types.js';

const post = (id: string, action: string, body: unknown) =>
  apiRequest<ListingDetail>(`/api/listings/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });

/** POST /api/listings/:id/approve: 审核通过，次一工作日起公示。 */
export const approveListing = (id: string) => post(id, 'approve', {});
/** POST /api/listings/:id/reject */
export const rejectListing = (id: string, reason: string) => post(id, 'reject', { reason });
/** POST /api/listings/:id/withdraw */
export const withdrawListing = (id: string, reason: string) => post(id, 'withdraw', { reason });
/** POST /api/listings/:id/objections: 公示期内提出异议。 */
export const fileObjection = (id: string, reason: string) => post(id, 'objections', { reason });
/** POST /api/listings/:id/objections/:objectionId/resolve */
export const resolveObjection = (id: string, objectionId: string, outcome: 'upheld' | 'dismissed', resolution: string) =>
  post(id, `objections/${encodeURIComponent(objectionId)}/resolve`, { outcome, resolution });
/** POST /api/listings/:id/delist: 摘牌（先到先得，已被摘牌时 409）。 */
export const delistListing = (id: string, onBehalfOfOrganizationId?: string) => post(id, 'delist', onBehalfOfOrganizationId ? { onBehalfOfOrganizationId } : {});
