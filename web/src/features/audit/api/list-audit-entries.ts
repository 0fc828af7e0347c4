import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { AuditEntry, AuditFilters } from '../types.js';

export type ListAuditEntriesQuery = AuditFilters & { page?: number; pageSize?: number };

/** GET /api/audit: operator sees everything, 科技管理部门 its region. */
export function listAuditEntries(query: ListAuditEntriesQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return apiRequest<Page<AuditEntry>>('/api/audit', { query: { ...query }, signal });
}

export function useAuditEntries(query: ListAuditEntriesQuery) {
  return useApiQuery(`/api/audit${toQueryString({ ...query })}`, (signal) => listAuditEntries(query, signal));
}
