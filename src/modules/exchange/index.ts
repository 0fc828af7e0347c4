/** Public door of the exchange module (互联互通: OAI-PMH provider and change feed). */
export { registerExchangeRoutes } from './exchange.routes.js';
export {
  createExchange,
  type ExchangeDeps,
  type ExchangeRuntime,
  reconcileExchange,
  startExchange,
  stopExchange,
  syncExchange,
} from './exchange.service.js';
export { exchangeRecords, exchangeSyncState } from './exchange.tables.js';
