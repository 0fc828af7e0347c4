/** Public door of the search module (全站检索). */
export { registerSearchRoutes } from './search.routes.js';
export {
  candidatesFor,
  createSearchRuntime,
  hasApplied,
  indexFilters,
  isSearchable,
  publicListItems,
  rebuild,
  reindexAll,
  type SearchFilterParams,
  type SearchRuntime,
  type SearchSource,
  scoreRecord,
  startSearch,
  stopSearch,
  type TextCandidate,
} from './search.service.js';
export type { DocType, IndexDoc } from './engine/search-index.js';
