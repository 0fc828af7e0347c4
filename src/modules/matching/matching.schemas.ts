import { z } from 'zod';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import { COMPONENTS } from './match-scoring.js';

export const IdParamSchema = z.strictObject({ id: z.uuid('无效的编号') });

export const RecommendationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int('条数须为整数').min(1, '条数至少为 1').max(50, '条数不能超过 50').default(10),
});

export const ComponentSchema = z.object({
  component: z.enum(COMPONENTS),
  label: z.string(),
  /** 0–1: how well the pair does on this component. */
  value: z.number(),
  weight: z.number(),
  /** weight × value: this component's share of the score. */
  contribution: z.number(),
  reason: z.string(),
});

/** The public list item of a record, as GET /api/search shows it (public fields only). */
const PublicRecordSchema = z.looseObject({ id: z.string(), title: z.string() });

const HighlightsSchema = z.object({ title: z.string().optional(), abstract: z.string().optional() });

export const WeightsInForceSchema = z.object({
  /** Null while no version was ever stored: the defaults apply. */
  id: z.string().nullable(),
  source: z.enum(['default', 'operator', 'learned']),
  createdAt: z.string().nullable(),
});

export const RecommendationSchema = z.object({
  rank: z.number().int(),
  /** 0–1: the sum of the components' contributions. */
  score: z.number(),
  achievementId: z.string(),
  components: z.array(ComponentSchema),
  /** Words of the demand found in the achievement's title and abstract (for highlighting). */
  matchedTerms: z.array(z.string()),
  highlights: HighlightsSchema,
  achievement: PublicRecordSchema,
});

export const DemandRecommendationsSchema = z.object({
  demand: z.object({ id: z.string(), title: z.string(), status: z.string() }),
  weights: WeightsInForceSchema,
  items: z.array(RecommendationSchema),
});

export const DemandMatchSchema = z.object({
  score: z.number(),
  demandId: z.string(),
  components: z.array(ComponentSchema),
  matchedTerms: z.array(z.string()),
  highlights: HighlightsSchema,
  demand: PublicRecordSchema,
});

export const AchievementDemandsSchema = z.object({
  achievement: z.object({ id: z.string(), title: z.string(), status: z.string() }),
  weights: WeightsInForceSchema,
  /** Enterprises, best match first; each with its open demands that match, best first. */
  enterprises: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      /** The best of its demands' scores. */
      score: z.number(),
      demands: z.array(DemandMatchSchema),
    }),
  ),
});

const weight = z
  .number({ error: '权重须为数字' })
  .min(0, '权重不能小于 0')
  .max(1, '权重不能大于 1');

/** One weight per component, each in [0, 1], at least one above 0; unknown components are refused. */
export const WeightsInputSchema = z.strictObject({
  weights: z
    .strictObject(Object.fromEntries(COMPONENTS.map((c) => [c, weight])) as Record<(typeof COMPONENTS)[number], typeof weight>)
    .refine((w) => Object.values(w).some((v) => v > 0), { message: '至少一项权重须大于 0' }),
  note: z.string().trim().max(200, '说明不能超过 200 个字').optional(),
});
export type WeightsInput = z.infer<typeof WeightsInputSchema>;

export const WeightsVersionSchema = z.object({
  id: z.string().nullable(),
  source: z.enum(['default', 'operator', 'learned']),
  sourceLabel: z.string(),
  /** Normalized: each in [0, 1], summing to 1. */
  weights: z.record(z.enum(COMPONENTS), z.number()),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const WeightsResponseSchema = z.object({
  current: WeightsVersionSchema,
  defaults: z.record(z.enum(COMPONENTS), z.number()),
  components: z.array(z.object({ component: z.enum(COMPONENTS), label: z.string() })),
});

export const WeightsHistoryQuerySchema = PageQuerySchema.strict();

export const WeightsHistorySchema = z.object({
  items: z.array(WeightsVersionSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const RematchResultSchema = z.object({
  demands: z.number().int(),
  recommendations: z.number().int(),
  /** Stored rows removed because their demand is no longer open. */
  staleRemoved: z.number().int(),
  ms: z.number().int(),
  phases: z.object({ search: z.number().int(), load: z.number().int(), score: z.number().int(), write: z.number().int() }),
});
