import { COOPERATION_MODES, type CodeOption, DEMAND_TYPES, INDUSTRIES, KEY_FIELDS, PUBLIC_DEMAND_STATUSES } from './codes.js';
import type { DemandListParams, DemandSort } from './types.js';

/**
 * The board's filters live in the URL query string (`/demands?keyField=new_materials&status=published`),
 * so a filtered list can be shared. The names are the API's query parameters; anything unknown or
 * malformed in a hand-edited URL is dropped rather than sent (the server refuses unknown parameters).
 */

export const SORTS: { value: DemandSort; label: string }[] = [
  { value: 'newest', label: '最新发布' },
  { value: 'updated', label: '最近更新' },
  { value: 'deadline', label: '截止日期最近' },
  { value: 'budget_desc', label: '预算从高到低' },
];

export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_PAGE_SIZE = 10;

function codeOf<V extends string>(list: readonly CodeOption<V>[], value: string | null): V | undefined {
  return list.find((option) => option.value === value)?.value;
}

function intOf(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** Reads the board's filters from a query string. */
export function parseListParams(search: URLSearchParams): DemandListParams {
  const q = search.get('q')?.trim().slice(0, 100);
  const regionCode = search.get('regionCode');
  const status = search.get('status');
  const sort = SORTS.find((option) => option.value === search.get('sort'))?.value;
  return withoutEmpty({
    q: q || undefined,
    keyField: codeOf(KEY_FIELDS, search.get('keyField')),
    industry: codeOf(INDUSTRIES, search.get('industry')),
    demandType: codeOf(DEMAND_TYPES, search.get('demandType')),
    cooperationMode: codeOf(COOPERATION_MODES, search.get('cooperationMode')),
    regionCode: regionCode && /^\d{6}$/.test(regionCode) ? regionCode : undefined,
    status: PUBLIC_DEMAND_STATUSES.find((value) => value === status),
    sort: sort && sort !== 'newest' ? sort : undefined,
    page: intOf(search.get('page'), 1, 100_000),
    pageSize: intOf(search.get('pageSize'), 1, 100),
  });
}

/** Drops unset keys, so the same filters always give the same URL and request key. */
export function withoutEmpty(params: DemandListParams): DemandListParams {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out as DemandListParams;
}

/** Writes filters back as a query string (without `?`). */
export function toSearchString(params: DemandListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(withoutEmpty(params))) search.set(key, String(value));
  return search.toString();
}
