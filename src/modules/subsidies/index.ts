/** Public door of the subsidies module (补助与奖励). */
export { registerSubsidyRoutes } from './subsidies.routes.js';
export type { SubsidiesDeps } from './subsidies.service.js';
export { seedSubsidiesDemo } from './demo-data.js';
export { subsidyApplications, subsidyDisbursements, subsidyProgrammes } from './subsidies.tables.js';
