import { apiRequest, apiUpload } from '../../../lib/api-client.js';
import type { ContractDetail, CreateContract, UploadedFile } from '../types.js';

const post = (id: string, action: string, body?: unknown) =>
  apiRequest<ContractDetail>(`/api/contracts/${encodeURIComponent(id)}/${action}`, { method: 'POST', ...(body !== undefined ? { body } : {}) });

/** POST /api/contracts/uploads: the signed contract (PDF) or payment evidence, as the raw body. */
export const uploadContractFile = (file: File, kind: 'contract' | 'evidence') =>
  apiUpload<UploadedFile>('/api/contracts/uploads', file, { query: { kind, fileName: file.name }, contentType: 'application/octet-stream' });
/** POST /api/contracts: 申请认定登记。 */
export const createContract = (body: CreateContract) => apiRequest<ContractDetail>('/api/contracts', { method: 'POST', body });
/** POST /api/contracts/:id/accept: 受理。 */
export const acceptContract = (id: string) => post(id, 'accept');
/** POST /api/contracts/:id/register: 准予登记（认定技术交易额）。 */
export const registerContract = (id: string, transactionAmount: string) => post(id, 'register', { transactionAmount });
/** POST /api/contracts/:id/refuse: 不予登记。 */
export const refuseContract = (id: string, reasons: string) => post(id, 'refuse', { reasons });
/** POST /api/contracts/:id/withdraw */
export const withdrawContract = (id: string, reason: string) => post(id, 'withdraw', { reason });
/** POST /api/contracts/:id/payments: 登记实际付款。 */
export const recordPayment = (id: string, body: { onDate: string; amount: string; note?: string; evidence?: { sha256: string; fileName: string } }) => post(id, 'payments', body);
