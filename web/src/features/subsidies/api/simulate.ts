import { apiRequest } from '../../../lib/api-client.js';
import type { Computation, SimulateBody } from '../types.js';

/** POST /api/subsidies/simulate: 补助测算 for a hypothetical contract / investment (public). */
export const simulateSubsidies = (body: SimulateBody) => apiRequest<{ results: Computation[] }>('/api/subsidies/simulate', { method: 'POST', body });

/** GET /api/subsidies/simulate/contract/:contractId: what the caller's organization would get for a registered contract. */
export const simulateContract = (contractId: string) => apiRequest<{ results: Computation[] }>(`/api/subsidies/simulate/contract/${encodeURIComponent(contractId)}`);
