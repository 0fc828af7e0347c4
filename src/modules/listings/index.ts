/** Public door of the listings module (挂牌/摘牌). */
export { registerListingRoutes } from './listings.routes.js';
export { linkDealContract, type ListingsDeps, sweepListings } from './listings.service.js';
export { seedListingsDemo } from './demo-data.js';
export { deals, listings } from './listings.tables.js';
export { shanghaiDate, workingDayPeriod } from './working-days.js';
