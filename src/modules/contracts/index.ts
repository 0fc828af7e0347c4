/** Public door of the contracts module (技术合同认定登记). */
export { type ContractFacts, contractFacts } from './contract-facts.js';
export { registerContractRoutes } from './contracts.routes.js';
export type { ContractsDeps } from './contracts.service.js';
export { contractParties, contractPayments, contracts } from './contracts.tables.js';
