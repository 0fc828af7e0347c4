import { ACHIEVEMENT_TYPES, COOPERATION_MODES, type CodeOption, INDUSTRIES, KEY_FIELDS, STAGES } from './codes.js';
import type { AchievementListParams, AchievementSort } from './types.js';

/**
 * The public list's filters live in the URL query string (`/achievements?keyField=new_materials&trlMin=5`),
 * so a filtered list can be bookmarked and shared. The names are the API's query parameters;
 * anything unknown or malformed in a hand-edited URL is dropped rather than sent (the server
 * refuses unknown parameters).
 */

export const SORTS: { value: AchievementSort; label: string }[] = [
  { value: 'newest', label: '最新发布' },
  { value: 'price_asc', label: '价格从低到高' },
  { value: 'price_desc', label: '价格从高到低' },
];

export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_PAGE_SIZE = 10;

function codeOf<V extends string>(list: readonly CodeOption<V>[], value: string | null): V | undefined {
  return list.find((option) => option.value === value)?.value;
}

function intOf(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,12}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

const flagOf = (value: string | null) => (value === 'true' ? ('true' as const) : undefined);

/** Reads the filters from a query string. */
export function parseListParams(search: URLSearchParams): AchievementListParams {
  const q = search.get('q')?.trim().slice(0, 100);
  const regionCode = search.get('regionCode');
  const fundingProgramme = search.get('fundingProgramme')?.trim().slice(0, 100);
  const sort = SORTS.find((option) => option.value === search.get('sort'))?.value;
  const params: AchievementListParams = {
    q: q || undefined,
    keyField: codeOf(KEY_FIELDS, search.get('keyField')),
    industry: codeOf(INDUSTRIES, search.get('industry')),
    type: codeOf(ACHIEVEMENT_TYPES, search.get('type')),
    stage: codeOf(STAGES, search.get('stage')),
    trlMin: intOf(search.get('trlMin'), 1, 9),
    trlMax: intOf(search.get('trlMax'), 1, 9),
    cooperationMode: codeOf(COOPERATION_MODES, search.get('cooperationMode')),
    priceMin: intOf(search.get('priceMin'), 0, 1e11),
    priceMax: intOf(search.get('priceMax'), 0, 1e11),
    negotiable: flagOf(search.get('negotiable')),
    regionCode: regionCode && /^\d{6}$/.test(regionCode) ? regionCode : undefined,
    fiscal: flagOf(search.get('fiscal')),
    selected: flagOf(search.get('selected')),
    selectionYear: intOf(search.get('selectionYear'), 2017, 2100),
    fundingProgramme: fundingProgramme || undefined,
    sort: sort && sort !== 'newest' ? sort : undefined,
    page: intOf(search.get('page'), 1, 100_000),
    pageSize: intOf(search.get('pageSize'), 1, 100),
  };
  return withoutEmpty(params);
}

/** Drops unset keys, so the same filters always give the same URL and request key. */
export function withoutEmpty(params: AchievementListParams): AchievementListParams {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out as AchievementListParams;
}

/** Writes filters back as a query string (without `?`). */
export function toSearchString(params: AchievementListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(withoutEmpty(params))) search.set(key, String(value));
  return search.toString();
}
