/** Public door of the demands module (技术需求). */
export { registerDemandRoutes } from './demands.routes.js';
export { type DemandsDeps, demandAccess, markDemandContracted, sweepDemands } from './demands.service.js';
export { allDemandDocs, demandDocsByIds, demandFacetLabel, demandHits, type DemandIndexDoc } from './demands.search.js';
export { demands } from './demands.tables.js';
export { DEMAND_COLUMNS, demandRecordKind } from './demands.collection.js';
