/** Public door of the search module (全站检索). */
export { registerSearchRoutes } from './search.routes.js';
export { createSearchRuntime, rebuild, reindexAll, type SearchRuntime, type SearchSource, startSearch, stopSearch } from './search.service.js';
export type { IndexDoc } from './engine/search-index.js';
