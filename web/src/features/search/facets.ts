import { ACHIEVEMENT_TYPES, type CodeOption, COOPERATION_MODES, codeLabel, INDUSTRIES, KEY_FIELDS, STAGES } from '../achievements/codes.js';
import type { SearchFilterKey, SearchParams } from './types.js';

/**
 * The facet sidebar: which facet counts of the response (keyed as the server counts them) are
 * shown, under which heading, and which query parameter a click sets. The API takes one value per
 * filter, so a group works like a set of checkboxes of which at most one is ticked; ticking
 * another replaces it. Facets the API cannot filter on (e.g. organization type) are not shown.
 */
export interface FacetGroup {
  /** Key in the response's `facets`. */
  key: string;
  title: string;
  /** Query parameter(s) set by a click; TRL sets trlMin and trlMax to the same level. */
  params: readonly SearchFilterKey[];
  /** Labels of coded values, for a chosen value the current counts do not list. */
  codes?: readonly CodeOption[];
}

export const FACET_GROUPS: readonly FacetGroup[] = [
  { key: 'keyField', title: '重点领域', params: ['keyField'], codes: KEY_FIELDS },
  { key: 'industry', title: '所属行业', params: ['industry'], codes: INDUSTRIES },
  { key: 'city', title: '地区', params: ['city'] },
  { key: 'trl', title: '技术就绪度', params: ['trlMin', 'trlMax'] },
  { key: 'stage', title: '成熟阶段', params: ['stage'], codes: STAGES },
  { key: 'achievementType', title: '成果类型', params: ['achievementType'], codes: ACHIEVEMENT_TYPES },
  { key: 'cooperationModes', title: '合作方式', params: ['cooperationMode'], codes: COOPERATION_MODES },
  { key: 'priceBand', title: '价格区间', params: ['priceBand'] },
  { key: 'fiscal', title: '财政资助', params: ['fiscal'] },
  { key: 'selected', title: '科惠精品', params: ['selected'] },
];

/** The value of a group chosen in the URL, as the facet counts name it (TRL: only a single level). */
export function chosenValue(group: FacetGroup, params: SearchParams): string | undefined {
  if (group.key === 'trl') {
    return params.trlMin !== undefined && params.trlMin === params.trlMax ? String(params.trlMin) : undefined;
  }
  const [param] = group.params;
  const value = param === undefined ? undefined : params[param];
  return value === undefined ? undefined : String(value);
}

/** The change to the URL that ticks (or, with undefined, unticks) a value of a group. */
export function choose(group: FacetGroup, value: string | undefined): Partial<SearchParams> {
  if (group.key === 'trl') {
    const level = value === undefined ? undefined : Number(value);
    return { trlMin: level, trlMax: level };
  }
  const patch: Partial<Record<SearchFilterKey, string | undefined>> = {};
  for (const param of group.params) patch[param] = value;
  return patch as Partial<SearchParams>;
}

/** A label for a value without counts at hand (the tag of a chosen filter). */
export function fallbackLabel(group: FacetGroup, value: string): string {
  if (group.codes) return codeLabel(group.codes, value) ?? value;
  if (group.key === 'trl') return `TRL ${value}`;
  if (group.key === 'fiscal' || group.key === 'selected') return value === 'true' ? '是' : '否';
  return value;
}
