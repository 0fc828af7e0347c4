import type { z } from 'zod';
import type {
  CampaignDetailSchema,
  CampaignListQuerySchema,
  CampaignSummarySchema,
  CreateCampaignSchema,
  CreateEventSchema,
  CreateVisitSchema,
  EventOutSchema,
  UpdateCampaignSchema,
  UpdateEventSchema,
  VisitOutSchema,
} from '../../../../src/modules/campaigns/campaigns.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;
export type CampaignStatus = CampaignSummary['status'];
export type CampaignActuals = CampaignSummary['actuals'];
export type CampaignTargets = CampaignSummary['targets'];
export type MonthPoint = CampaignDetail['series'][number];
export type RegionRow = CampaignDetail['byRegion'][number];
export type CampaignVisit = z.infer<typeof VisitOutSchema>;
export type CampaignEvent = z.infer<typeof EventOutSchema>;

export type CreateCampaignInput = z.input<typeof CreateCampaignSchema>;
export type UpdateCampaignInput = z.input<typeof UpdateCampaignSchema>;
export type CreateVisitInput = z.input<typeof CreateVisitSchema>;
export type CreateEventInput = z.input<typeof CreateEventSchema>;
export type UpdateEventInput = z.input<typeof UpdateEventSchema>;

type RawListQuery = z.input<typeof CampaignListQuerySchema>;
/** List filters as the client sends them (numbers as numbers: the server coerces query strings). */
export type CampaignListParams = Omit<RawListQuery, 'page' | 'pageSize' | 'year'> & { page?: number; pageSize?: number; year?: number };
