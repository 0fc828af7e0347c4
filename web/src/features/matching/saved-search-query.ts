import { paths } from '../../app/routes.js';
import { SEARCH_FILTER_KEYS, typeLabel } from '../search/search-params.js';
import type { SearchParams } from '../search/types.js';
import type { CreateSavedSearchInput, SavedSearch, SavedSearchType } from './types.js';

/** The query a saved search keeps: the text, the type and the filters (not the order or the page). */
export type SavedQuery = CreateSavedSearchInput['query'];

/** A query to show in words: what is sent (SavedQuery) or what is stored (SavedSearch['query']). */
export interface QueryView {
  q?: string;
  type: SavedSearchType;
  filters?: object;
}

/** The search page's state → the saved query (filters as the API's query string names them). */
export function savedQueryOf(params: SearchParams): SavedQuery {
  const filters: NonNullable<SavedQuery['filters']> = {};
  for (const key of SEARCH_FILTER_KEYS) {
    const value = params[key];
    // The search page's values are the API's query values (flags already 'true' / 'false').
    if (value !== undefined && value !== null && value !== '') (filters as Record<string, unknown>)[key] = value;
  }
  return { q: params.q?.trim() ?? '', type: params.type ?? 'achievement', filters };
}

/** A name to start from: the words and the type (「固态电池 · 科技成果」), at most 50 characters. */
export function suggestedName(query: SavedQuery): string {
  const type = typeLabel(query.type);
  const name = query.q ? `${query.q} · ${type}` : `${type}订阅`;
  return name.slice(0, 50);
}

/** The search page showing a saved search's results now. */
export function savedSearchHref(search: Pick<SavedSearch, 'query'>): string {
  const params = new URLSearchParams();
  if (search.query.q) params.set('q', search.query.q);
  if (search.query.type !== 'achievement') params.set('type', search.query.type);
  for (const [key, value] of Object.entries(search.query.filters)) params.set(key, String(value));
  const text = params.toString();
  return text ? `${paths.search}?${text}` : paths.search;
}
