import type { z } from 'zod';
import type {
  DictionaryOutSchema,
  DictionarySchema,
  SearchQuerySchema,
  SearchResponseSchema,
} from '../../../../src/modules/search/search.schemas.js';
import type { AchievementSummary } from '../achievements/types.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type SearchResponse = z.infer<typeof SearchResponseSchema>;
export type SearchHit = SearchResponse['items'][number];
export type FacetValue = SearchResponse['facets'][string][number];

type RawSearchQuery = z.input<typeof SearchQuerySchema>;
export type SearchType = NonNullable<RawSearchQuery['type']>;
export type SearchSort = NonNullable<RawSearchQuery['sort']>;
type NumericQueryKey = 'trlMin' | 'trlMax' | 'page' | 'pageSize';

/**
 * The query as the client sends it: numbers as numbers (the server coerces query strings, so its
 * input type for those is `unknown`), booleans as 'true' / 'false'.
 */
export type SearchParams = Omit<RawSearchQuery, NumericQueryKey> & { [K in NumericQueryKey]?: number };

/** The filters the facet sidebar sets (everything but the text, type, sort and paging). */
export type SearchFilterKey = Exclude<keyof SearchParams, 'q' | 'type' | 'sort' | 'page' | 'pageSize'>;

export type DictionaryInput = z.input<typeof DictionarySchema>;
export type Dictionary = z.infer<typeof DictionaryOutSchema>;

/** GET /api/search/suggest. */
export interface Suggestions {
  items: string[];
}

/** GET /api/search/hot: the last 7 days' most frequent queries. */
export interface HotSearches {
  items: { query: string; count: number }[];
}

/**
 * `record` of an achievement hit: its list item without the abstract, which the hit's highlighted
 * snippet (`highlights.abstract`) stands for (SNIPPET_FIELDS in the server's search.core.ts).
 */
export type AchievementHitRecord = Omit<AchievementSummary, 'abstract'>;

/**
 * `record` of an organization hit (the server's organizationHits in accounts.search.ts, declared
 * without a schema); keep in step with it. Achievement hits carry an {@link AchievementHitRecord}.
 */
export interface OrganizationHitRecord {
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  regionCode: string;
  regionName: string | null;
}
