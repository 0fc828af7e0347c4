import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ApplicationDetail, ApplicationSummary, Computation, CreateApplicationBody, DisbursementOut } from '../types.js';

type Query = { page?: number; pageSize?: number; status?: string; programmeCode?: string };

/** GET /api/subsidies/applications/mine: 我的申请. */
export function useMyApplications(query: Query) {
  return useApiQuery(`/api/subsidies/applications/mine${toQueryString({ ...query })}`, (signal) =>
    apiRequest<Page<ApplicationSummary>>('/api/subsidies/applications/mine', { query: { ...query }, signal }),
  );
}

/** GET /api/subsidies/applications/review-queue: pending review and awaiting disbursement, oldest first. */
export function useSubsidyReviewQueue(query: Query) {
  return useApiQuery(`/api/subsidies/applications/review-queue${toQueryString({ ...query })}`, (signal) =>
    apiRequest<Page<ApplicationSummary>>('/api/subsidies/applications/review-queue', { query: { ...query }, signal }),
  );
}

/** GET /api/subsidies/applications/:id */
export function useApplication(id: string | undefined) {
  return useApiQuery(id ? `/api/subsidies/applications/${id}` : null, (signal) => apiRequest<ApplicationDetail>(`/api/subsidies/applications/${encodeURIComponent(id ?? '')}`, { signal }));
}

const post = <T>(id: string, action: string, body: unknown) => apiRequest<T>(`/api/subsidies/applications/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });

/** POST /api/subsidies/applications/preview: amount and formula before submitting (nothing saved). */
export const previewApplication = (body: CreateApplicationBody) => apiRequest<Computation>('/api/subsidies/applications/preview', { method: 'POST', body });
/** POST /api/subsidies/applications */
export const createApplication = (body: CreateApplicationBody) => apiRequest<ApplicationDetail>('/api/subsidies/applications', { method: 'POST', body });
/** POST /api/subsidies/applications/:id/scores (experts) */
export const scoreApplication = (id: string, score: number, comment: string) => post<ApplicationDetail>(id, 'scores', { score, comment });
/** POST /api/subsidies/applications/:id/approve: amount ≤ computed; reason when lower. */
export const approveApplication = (id: string, amount: string, comment?: string) => post<ApplicationDetail>(id, 'approve', { amount, ...(comment ? { comment } : {}) });
/** POST /api/subsidies/applications/:id/reject */
export const rejectApplication = (id: string, reason: string) => post<ApplicationDetail>(id, 'reject', { reason });
/** POST /api/subsidies/applications/:id/withdraw */
export const withdrawApplication = (id: string, reason: string) => post<ApplicationDetail>(id, 'withdraw', { reason });
/** POST /api/subsidies/applications/:id/disbursements: the same key twice is one payment. */
export const disburseApplication = (id: string, body: { idempotencyKey: string; amount: string; paidOn: string; reference: string }) =>
  post<DisbursementOut>(id, 'disbursements', body);
