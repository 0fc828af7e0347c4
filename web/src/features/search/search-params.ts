import { paths } from '../../app/routes.js';
import type { SearchFilterKey, SearchParams, SearchSort, SearchType } from './types.js';

/**
 * The search page's state lives in the URL (`/search?q=电池&keyField=new_materials&sort=newest`), so
 * a result list can be bookmarked and shared. The names are the API's query parameters; defaults
 * (type 科技成果, sort 相关度, page 1, 10 per page) are left out, and anything malformed in a
 * hand-edited URL is dropped rather than sent (the server refuses what it does not accept).
 */

export const SEARCH_TYPES: { value: SearchType; label: string }[] = [
  { value: 'achievement', label: '科技成果' },
  { value: 'demand', label: '技术需求' },
  { value: 'organization', label: '机构' },
];

export const SEARCH_SORTS: { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: '相关度' },
  { value: 'newest', label: '最新' },
  { value: 'price_asc', label: '价格从低到高' },
  { value: 'price_desc', label: '价格从高到低' },
];

export const SEARCH_PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_SEARCH_PAGE_SIZE = 10;
/** The server serves pages up to 500. */
const MAX_PAGE = 500;

/** Every filter key, to count and clear them. */
export const SEARCH_FILTER_KEYS = [
  'keyField',
  'industry',
  'region',
  'city',
  'trlMin',
  'trlMax',
  'stage',
  'achievementType',
  'cooperationMode',
  'priceBand',
  'fiscal',
  'selected',
] as const satisfies readonly SearchFilterKey[];

/** A patch that removes every filter. */
export function clearedFilters(): Partial<SearchParams> {
  const cleared: Partial<SearchParams> = {};
  for (const key of SEARCH_FILTER_KEYS) cleared[key] = undefined;
  return cleared;
}

/** Filters in force, a TRL range counting once. */
export function countFilters(params: SearchParams): number {
  const others = SEARCH_FILTER_KEYS.filter((key) => key !== 'trlMin' && key !== 'trlMax' && params[key] !== undefined);
  return others.length + (params.trlMin !== undefined || params.trlMax !== undefined ? 1 : 0);
}

function textOf(value: string | null, maxLength: number): string | undefined {
  const text = value?.trim();
  return text && text.length <= maxLength ? text : undefined;
}

function intOf(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

const flagOf = (value: string | null) => (value === 'true' || value === 'false' ? value : undefined);
const regionOf = (value: string | null) => (value && /^\d{6}$/.test(value) ? value : undefined);

/** Reads the search from a query string. */
export function parseSearchParams(search: URLSearchParams): SearchParams {
  const type = SEARCH_TYPES.find((option) => option.value === search.get('type'))?.value;
  const sort = SEARCH_SORTS.find((option) => option.value === search.get('sort'))?.value;
  return withoutDefaults({
    q: search.get('q')?.trim().slice(0, 200),
    type,
    keyField: textOf(search.get('keyField'), 50),
    industry: textOf(search.get('industry'), 2),
    region: regionOf(search.get('region')),
    city: regionOf(search.get('city')),
    trlMin: intOf(search.get('trlMin'), 1, 9),
    trlMax: intOf(search.get('trlMax'), 1, 9),
    stage: textOf(search.get('stage'), 30),
    achievementType: textOf(search.get('achievementType'), 30),
    cooperationMode: textOf(search.get('cooperationMode'), 30),
    priceBand: textOf(search.get('priceBand'), 20),
    fiscal: flagOf(search.get('fiscal')),
    selected: flagOf(search.get('selected')),
    sort,
    page: intOf(search.get('page'), 1, MAX_PAGE),
    pageSize: intOf(search.get('pageSize'), 1, 50),
  });
}

/** Drops unset keys and defaults, so the same search always gives the same URL and request key. */
export function withoutDefaults(params: SearchParams): SearchParams {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'type' && value === 'achievement') continue;
    if (key === 'sort' && value === 'relevance') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_SEARCH_PAGE_SIZE) continue;
    out[key] = value;
  }
  return out as SearchParams;
}

/** Writes a search back as a query string (without `?`). */
export function toSearchString(params: SearchParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(withoutDefaults(params))) search.set(key, String(value));
  return search.toString();
}

/** The search page's address for a query (what the header box and hot searches link to). */
export function searchHref(params: SearchParams): string {
  const query = toSearchString(params);
  return query ? `${paths.search}?${query}` : paths.search;
}

export function typeLabel(type: SearchType): string {
  return SEARCH_TYPES.find((option) => option.value === type)?.label ?? type;
}
