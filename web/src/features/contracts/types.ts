/** Types of the contracts feature, from the server's zod schemas (never retyped by hand). */
export type {
  ContractDetail,
  ContractListQuery,
  ContractStatistics,
  ContractSummary,
  CreateContract,
  PartyInput,
  PublicFacts,
} from '../../../../src/modules/contracts/contracts.schemas.js';

export interface UploadedFile {
  sha256: string;
  fileName: string;
  sizeBytes: number;
  mediaType: string;
}

export interface ContractPrefill {
  dealId: string;
  achievementId: string;
  title: string;
  contractType: string;
  contractValue: string;
  parties: { role: string; organizationId: string; name: string; regionCode: string; legalNature: string }[];
  existingContractId: string | null;
}
