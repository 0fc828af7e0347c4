/** Public door of the regions module (行政区划, GB/T 2260). */
export { ancestorsOf, isRegionCodeFormat, isWithinRegion, regionLevel, regionScopePrefix } from './region-rules.js';
export { RegionCodeSchema } from './regions.schemas.js';
export { registerRegionRoutes } from './regions.routes.js';
export { getRegion, regionByCode, regionName, regionPath, syncRegions } from './regions.service.js';
export { regions } from './regions.tables.js';
