import { z } from 'zod';

export const RegionCodeSchema = z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字 (GB/T 2260)');

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});

export const RegionDetailSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
});
