/** Public door of the public-log module (公开存证日志). */
export { registerPublicLogRoutes } from './public-log.routes.js';
export { appendPublicLog, listPublicLog, type PublicLogAppend, verifyPublicLog } from './public-log.service.js';
export { publicLog } from './public-log.tables.js';
export { canonicalJson, GENESIS_HASH } from './hash-chain.js';
