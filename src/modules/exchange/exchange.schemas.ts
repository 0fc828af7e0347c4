import { z } from 'zod';
import { RECORD_TYPES } from './public-record.js';

/** GET /api/exchange/changes */
export const ChangeFeedQuerySchema = z.strictObject({
  /** The `next` cursor of the previous page, or a UTC time such as 2026-01-01T00:00:00Z; absent = from the start. */
  since: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1, 'limit 至少为 1').max(1000, 'limit 最多 1000').default(100),
  type: z.enum(RECORD_TYPES, { error: 'type 应为 achievement 或 demand' }).optional(),
  /** `true`: each item carries its public record (what OAI-PMH `kehui` carries), for harvesters. */
  records: z.enum(['true', 'false'], { error: 'records 应为 true 或 false' }).optional(),
});
export type ChangeFeedQuery = z.infer<typeof ChangeFeedQuerySchema>;

export const ChangeItemSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string(),
  /** created: public and unchanged since; updated: its public record changed; deleted: archived, withdrawn or expired. */
  change: z.enum(['created', 'updated', 'deleted']),
  /** Last change of the public record (UTC, ms). */
  datestamp: z.string(),
  /** The record in the JSON API. */
  link: z.string(),
  /** The same record in OAI-PMH (GetRecord identifier). */
  oaiIdentifier: z.string(),
  /** With `records=true`: the public record (null for a deleted one). */
  record: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const ChangePageSchema = z.object({
  items: z.array(ChangeItemSchema),
  /** Pass as `since` for the next page; also when `hasMore` is false, to poll for later changes. */
  next: z.string().nullable(),
  hasMore: z.boolean(),
});
export type ChangePage = z.infer<typeof ChangePageSchema>;
