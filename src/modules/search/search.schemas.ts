import { z } from 'zod';
import { RegionCodeSchema } from '../regions/index.js';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const SearchQuerySchema = z
  .strictObject({
    q: z.string().max(1000, '检索词不能超过 1000 个字符').default(''),
    type: z.enum(['achievement', 'demand', 'organization']).default('achievement'),
    keyField: z.string().max(50).optional(),
    industry: z.string().max(2).optional(),
    region: RegionCodeSchema.optional(),
    city: RegionCodeSchema.optional(),
    trlMin: z.coerce.number().int().min(1).max(9).optional(),
    trlMax: z.coerce.number().int().min(1).max(9).optional(),
    stage: z.string().max(30).optional(),
    achievementType: z.string().max(30).optional(),
    cooperationMode: z.string().max(30).optional(),
    demandType: z.string().max(30).optional(),
    priceBand: z.string().max(20).optional(),
    fiscal: boolQuery.optional(),
    selected: boolQuery.optional(),
    sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).default('relevance'),
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(10),
  });
export type SearchQueryInput = z.infer<typeof SearchQuerySchema>;

const FacetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.number() }));

export const SearchResponseSchema = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      score: z.number(),
      highlights: z.object({ title: z.string().optional(), abstract: z.string().optional() }).describe('匹配处以 <em> 标出（已转义）；abstract 为摘要片段'),
      record: z.unknown().describe('公开列表项；不含摘要全文（成果的 abstract、需求的 publicSummary），由 highlights.abstract 片段代替'),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.record(z.string(), FacetSchema),
  typeCounts: z.record(z.string(), z.number()),
  tokens: z.array(z.string()),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const DictionarySchema = z.strictObject({
  terms: z
    .array(
      z.strictObject({
        word: z.string().trim().min(2, '词条至少 2 个字').max(20, '词条不能超过 20 个字').regex(/^\S+$/, '词条不能包含空格'),
        freq: z.number().int().min(1).max(10_000_000).optional(),
      }),
    )
    .max(20_000),
  synonyms: z.array(z.array(z.string().trim().min(1).max(20)).min(2, '同义词组至少 2 个词').max(20)).max(5000),
});

export const DictionaryOutSchema = z.object({
  terms: z.array(z.object({ word: z.string(), freq: z.number() })),
  synonyms: z.array(z.array(z.string())),
  defaults: z.number(),
});
