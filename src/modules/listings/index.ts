/** Public door of the listings module (挂牌/摘牌). */
export { registerListingRoutes } from './listings.routes.js';
export { type ListingsDeps, sweepListings } from './listings.service.js';
export { deals, listings } from './listings.tables.js';
