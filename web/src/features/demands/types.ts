import type { z } from 'zod';
import type {
  AttachmentOutSchema,
  ClaimedPageSchema,
  CloseSchema,
  ContractedSchema,
  CreateDemandSchema,
  DeclineSchema,
  DemandDetailSchema,
  DemandFieldsSchema,
  DemandListQuerySchema,
  DemandSummarySchema,
  DispatchSchema,
  FollowUpSchema,
  FollowUpsDueSchema,
  GrantContactSchema,
  MatchSchema,
  MessageSchema,
  ProposalSchema,
  RefuseSchema,
  ResponseRateSchema,
  ResponseRatesSchema,
  ReturnDemandSchema,
  UpdateDemandSchema,
} from '../../../../src/modules/demands/demands.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type DemandSummary = z.infer<typeof DemandSummarySchema>;
export type DemandDetail = z.infer<typeof DemandDetailSchema>;
export type DemandStatus = DemandSummary['status'];
export type DemandClock = DemandSummary['clock'];
export type DemandClaim = NonNullable<DemandDetail['claims']>[number];
export type DemandFollowUp = NonNullable<DemandDetail['followUps']>[number];
export type DemandMessage = NonNullable<DemandDetail['messages']>[number];
export type DemandProposal = NonNullable<DemandDetail['proposals']>[number];
export type DemandGrant = NonNullable<DemandDetail['grants']>[number];
export type DemandEvent = NonNullable<DemandDetail['timeline']>[number];
export type DemandAttachment = DemandDetail['attachments'][number];
export type FieldReason = NonNullable<DemandDetail['returnReasons']>[number];

export type DemandFields = z.infer<typeof DemandFieldsSchema>;
export type DemandField = keyof DemandFields;
export type CreateDemandInput = z.input<typeof CreateDemandSchema>;
export type UpdateDemandInput = z.input<typeof UpdateDemandSchema>;
export type ReturnDemandInput = z.input<typeof ReturnDemandSchema>;
export type DispatchInput = z.input<typeof DispatchSchema>;
export type RefuseInput = z.input<typeof RefuseSchema>;
export type FollowUpInput = z.input<typeof FollowUpSchema>;
export type MessageInput = z.input<typeof MessageSchema>;
export type GrantContactInput = z.input<typeof GrantContactSchema>;
export type ProposalInput = z.input<typeof ProposalSchema>;
export type DeclineInput = z.input<typeof DeclineSchema>;
export type MatchInput = z.input<typeof MatchSchema>;
export type ContractedInput = z.input<typeof ContractedSchema>;
export type CloseInput = z.input<typeof CloseSchema>;

export type ResponseRate = z.infer<typeof ResponseRateSchema>;
export type ResponseRates = z.infer<typeof ResponseRatesSchema>;
/** 我的认领: one row per claim of the caller's organization, with its demand. */
export type ClaimedDemand = z.infer<typeof ClaimedPageSchema>['items'][number];
export type UploadedAttachment = z.infer<typeof AttachmentOutSchema>;
export type FollowUpsDue = z.infer<typeof FollowUpsDueSchema>;
export type FollowUpDueItem = FollowUpsDue['items'][number];

type RawListQuery = z.input<typeof DemandListQuerySchema>;
/**
 * List filters as the client sends them: numbers as numbers (the server coerces query strings, so
 * its input type for those is `unknown`), booleans as 'true' / 'false'.
 */
export type DemandListParams = Omit<RawListQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
export type DemandSort = NonNullable<RawListQuery['sort']>;
