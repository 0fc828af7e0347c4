/** Public door of the harvest module (采集: peers, runs, harvested records, de-duplication). */
export { registerHarvestRoutes } from './harvest.routes.js';
export { type HarvestDeps, harvestPeer, sweepHarvests } from './harvest.service.js';
export { allHarvestedDocs, harvestedDocsByIds, harvestedHits, harvestedMatchFeatures } from './harvest.search.js';
export { harvestClusterMembers, harvestClusters, harvestedRecords, harvestPeers, harvestRuns } from './harvest.tables.js';
export { HARVEST_ERROR_CODES, type HarvestErrorCode } from './harvest-errors.js';
