import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { ContractDetail, ContractPrefill, ContractStatistics, PublicFacts } from '../types.js';

/** GET /api/contracts/:id */
export function useContract(id: string | undefined) {
  return useApiQuery(id ? `/api/contracts/${id}` : null, (signal) => apiRequest<ContractDetail>(`/api/contracts/${encodeURIComponent(id ?? '')}`, { signal }));
}

/** GET /api/contracts/prefill?dealId=: parties, price and type from a deal. */
export function useContractPrefill(dealId: string | null) {
  return useApiQuery(dealId ? `/api/contracts/prefill?dealId=${dealId}` : null, (signal) => apiRequest<ContractPrefill>('/api/contracts/prefill', { query: { dealId }, signal }));
}

/** GET /api/contracts/statistics */
export function useContractStatistics(year: number | undefined) {
  return useApiQuery(`/api/contracts/statistics?year=${year ?? ''}`, (signal) => apiRequest<ContractStatistics>('/api/contracts/statistics', { query: { year }, signal }));
}

/** GET /api/contracts/verify/:registrationNumber?code= (public). */
export function useVerifyContract(registrationNumber: string | undefined, code: string | null) {
  return useApiQuery(registrationNumber ? `/api/contracts/verify/${registrationNumber}?code=${code ?? ''}` : null, (signal) =>
    apiRequest<PublicFacts>(`/api/contracts/verify/${encodeURIComponent(registrationNumber ?? '')}`, { query: { code }, signal }),
  );
}
