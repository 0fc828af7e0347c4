/** Public door of the auctions module (网上拍卖会). */
export { registerAuctionRoutes } from './auctions.routes.js';
export { type AuctionsRuntime, createAuctions, startAuctions, stopAuctions } from './auctions.runtime.js';
export { closeDueLot, linkAuctionResultContract, sweepAuctions, verifyLot } from './auctions.service.js';
export { seedAuctionsDemo } from './demo-data.js';
export { auctionLots, auctionResults } from './auctions.tables.js';
