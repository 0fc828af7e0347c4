/** Types of the listings feature, from the server's zod schemas (never retyped by hand). */
export type {
  CreateListing,
  DealPage,
  ListingDetail,
  ListingListQuery,
  ListingSummary,
} from '../../../../src/modules/listings/listings.schemas.js';

export interface PublicLogEntry {
  seq: number;
  type: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  at: string;
  prevHash: string;
  hash: string;
}

export interface PublicLogCheck {
  ok: boolean;
  entries: number;
  lastHash?: string;
  brokenSeq?: number;
  reason?: string;
  checkedAt: string;
}

export interface ListingSettings {
  publicityWorkingDays: number;
  dealNoticeWorkingDays: number;
  bounds: Record<'publicityWorkingDays' | 'dealNoticeWorkingDays' | 'listingWorkingDays', { min: number; max: number }>;
}
