/** The contracts module's coded lists and money helpers, shared with the server (pure files). */
export {
  CONTRACT_CATEGORIES,
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  contractLabelOf,
  LEGAL_NATURES,
  PARTY_ROLES,
  roleNameOf,
} from '../../../../src/modules/contracts/contract-codes.js';
export { KEY_FIELDS } from '../../../../src/modules/achievements/achievement-codes.js';
export { formatFen } from '../../../../src/platform/money.js';

export const contractPath = (id: string) => `/workspace/contracts/${encodeURIComponent(id)}`;
/** /workspace/contracts/new?dealId=…: the contract form prefilled from a deal (签订技术合同). */
export const newContractPath = (dealId?: string) => `/workspace/contracts/new${dealId ? `?dealId=${encodeURIComponent(dealId)}` : ''}`;
export const certificateUrl = (id: string) => `/api/contracts/${encodeURIComponent(id)}/certificate.pdf`;
export const contractFileUrl = (id: string, sha256: string) => `/api/contracts/${encodeURIComponent(id)}/files/${sha256}`;
