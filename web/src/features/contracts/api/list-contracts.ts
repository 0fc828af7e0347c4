import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ContractSummary } from '../types.js';

type ListQuery = { page?: number; pageSize?: number; status?: string; overdue?: 'true' | 'false'; q?: string };

/** GET /api/contracts/mine: 我的合同, every status. */
export function useMyContracts(query: ListQuery) {
  return useApiQuery(`/api/contracts/mine${toQueryString({ ...query })}`, (signal) => apiRequest<Page<ContractSummary>>('/api/contracts/mine', { query: { ...query }, signal }));
}

/** GET /api/contracts/queue: 合同登记, overdue first. */
export function useContractQueue(query: ListQuery) {
  return useApiQuery(`/api/contracts/queue${toQueryString({ ...query })}`, (signal) => apiRequest<Page<ContractSummary>>('/api/contracts/queue', { query: { ...query }, signal }));
}
