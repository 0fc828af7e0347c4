import { z } from 'zod';
import { RegionCodeSchema } from '../regions/index.js';

export const SEARCH_TYPES = ['achievement', 'demand', 'organization'] as const;
export type SavedSearchType = (typeof SEARCH_TYPES)[number];
export const TYPE_LABELS: Record<SavedSearchType, string> = { achievement: '科技成果', demand: '技术需求', organization: '机构' };

/** Filters each record type has (as GET /api/search applies them); others could never match. */
export const FILTERS_BY_TYPE: Record<SavedSearchType, readonly string[]> = {
  achievement: ['keyField', 'industry', 'region', 'city', 'trlMin', 'trlMax', 'stage', 'achievementType', 'cooperationMode', 'priceBand', 'fiscal', 'selected'],
  demand: ['keyField', 'industry', 'region', 'city', 'cooperationMode', 'demandType'],
  organization: ['region', 'city'],
};

const flag = (label: string) =>
  z
    .union([z.boolean(), z.enum(['true', 'false'])], { error: `${label}应为 true 或 false` })
    .transform((v) => (typeof v === 'boolean' ? (String(v) as 'true' | 'false') : v));
const trl = (label: string) =>
  z.coerce
    .number({ error: `${label}应为 1–9 的整数` })
    .int(`${label}应为 1–9 的整数`)
    .min(1, `${label}应为 1–9 的整数`)
    .max(9, `${label}应为 1–9 的整数`);
const code = (label: string, max: number) => z.string({ error: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`);

/**
 * The filters of a saved search: the keys and values of GET /api/search's query string (flags
 * kept as 'true' / 'false', so the web app can open the search page with them as they are).
 */
export const SavedSearchFiltersSchema = z
  .strictObject({
    keyField: code('重点领域', 50).optional(),
    industry: code('行业', 2).optional(),
    region: RegionCodeSchema.optional(),
    city: RegionCodeSchema.optional(),
    trlMin: trl('技术就绪度下限').optional(),
    trlMax: trl('技术就绪度上限').optional(),
    stage: code('成果阶段', 30).optional(),
    achievementType: code('成果类型', 30).optional(),
    cooperationMode: code('合作方式', 30).optional(),
    demandType: code('需求类型', 30).optional(),
    priceBand: code('价格区间', 20).optional(),
    fiscal: flag('财政资助').optional(),
    selected: flag('科惠精品').optional(),
  })
  .refine((f) => f.trlMin === undefined || f.trlMax === undefined || f.trlMin <= f.trlMax, {
    path: ['trlMax'],
    message: '技术就绪度上限不能低于下限',
  });
export type SavedSearchFilters = z.infer<typeof SavedSearchFiltersSchema>;

export const SavedQuerySchema = z
  .strictObject({
    q: z.string({ error: '检索词应为文本' }).trim().max(200, '检索词不能超过 200 个字符').default(''),
    type: z.enum(SEARCH_TYPES, { error: '检索类型应为 科技成果(achievement)、技术需求(demand) 或 机构(organization)' }),
    filters: SavedSearchFiltersSchema.default({}),
  })
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query.filters)) {
      if (!FILTERS_BY_TYPE[query.type].includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['filters', key], message: `检索${TYPE_LABELS[query.type]}时不能按此条件筛选` });
      }
    }
  });
export type SavedQuery = z.infer<typeof SavedQuerySchema>;

const NameSchema = z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(50, '名称不能超过 50 个字');
const AlertSchema = z.enum(['on', 'off'], { error: '提醒应为 开启(on) 或 关闭(off)' });

export const CreateSavedSearchSchema = z.strictObject({
  name: NameSchema,
  query: SavedQuerySchema,
  alert: AlertSchema.default('on'),
});
export type CreateSavedSearchInput = z.infer<typeof CreateSavedSearchSchema>;

export const UpdateSavedSearchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    query: SavedQuerySchema.optional(),
    alert: AlertSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.query !== undefined || b.alert !== undefined, { message: '请至少修改名称、检索条件或提醒中的一项' });
export type UpdateSavedSearchInput = z.infer<typeof UpdateSavedSearchSchema>;

export const SavedSearchIdSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

export const SavedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.object({
    q: z.string(),
    type: z.enum(SEARCH_TYPES),
    filters: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  alert: z.enum(['on', 'off']),
  lastAlertAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedSearchOut = z.infer<typeof SavedSearchSchema>;

export const SavedSearchListSchema = z.object({ items: z.array(SavedSearchSchema), limit: z.number().int() });
