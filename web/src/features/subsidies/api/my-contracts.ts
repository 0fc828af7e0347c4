import { apiRequest, type Page } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';

/** The few fields of a contract the apply form shows (from GET /api/contracts/mine, module contracts). */
export interface RegisteredContractOption {
  id: string;
  title: string;
  registrationNumber: string | null;
  contractTypeLabel: string;
}

/** The organization's registered contracts, to link an application to. */
export function useMyRegisteredContracts(enabled: boolean) {
  const url = '/api/contracts/mine?status=registered&pageSize=100';
  return useApiQuery(enabled ? url : null, (signal) => apiRequest<Page<RegisteredContractOption>>(url, { signal }));
}
