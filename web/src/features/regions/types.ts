import type { z } from 'zod';
import type { RegionDetailSchema, RegionSchema } from '../../../../src/modules/regions/regions.schemas.js';

// From the server's zod schemas (type-only import).

/** A region (GB/T 2260 six-digit code; Hubei is 42xxxx) as listed under its parent. */
export type Region = z.infer<typeof RegionSchema>;
/** One region with `path` from the province down to itself. */
export type RegionDetail = z.infer<typeof RegionDetailSchema>;
