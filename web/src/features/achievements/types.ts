import type { z } from 'zod';
import type {
  AccessRequestSchema,
  AchievementDetailSchema,
  AchievementListQuerySchema,
  AchievementSummarySchema,
  CreateAchievementSchema,
  ReturnSchema,
  SelectionSchema,
  UpdateAchievementSchema,
} from '../../../../src/modules/achievements/achievements.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type AchievementSummary = z.infer<typeof AchievementSummarySchema>;
export type AchievementDetail = z.infer<typeof AchievementDetailSchema>;
export type AchievementStatus = AchievementSummary['status'];
export type FieldReason = NonNullable<AchievementDetail['returnReasons']>[number];
export type PendingRevision = NonNullable<AchievementDetail['pendingRevision']>;
export type AchievementAttachment = NonNullable<AchievementDetail['attachments']>[number];

export type CreateAchievementInput = z.input<typeof CreateAchievementSchema>;
export type UpdateAchievementInput = z.input<typeof UpdateAchievementSchema>;
export type ReturnInput = z.input<typeof ReturnSchema>;
export type AccessRequestInput = z.input<typeof AccessRequestSchema>;
export type SelectionInput = z.input<typeof SelectionSchema>;

type RawListQuery = z.input<typeof AchievementListQuerySchema>;
type NumericQueryKey = 'page' | 'pageSize' | 'trlMin' | 'trlMax' | 'priceMin' | 'priceMax' | 'selectionYear';

/**
 * List filters as the client sends them: numbers as numbers (the server coerces query strings, so
 * its input type for those is `unknown`), booleans as 'true' / 'false'.
 */
export type AchievementListParams = Omit<RawListQuery, NumericQueryKey> & {
  [K in NumericQueryKey]?: number;
};
export type AchievementSort = NonNullable<RawListQuery['sort']>;

// The following responses are declared inline in achievements.routes.ts (no exported schema), so
// they are written out here; keep them in step with the route file.

/** A review-queue row: GET /api/achievements/review-queue. */
export type ReviewQueueItem = AchievementSummary & { kind: 'new' | 'revision'; nearDuplicates: number };

/** One field's change between two versions. */
export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** GET /api/achievements/:id/versions. */
export interface AchievementVersion {
  version: number;
  publishedAt: string;
  changes: FieldChange[];
}

/** GET /api/achievements/:id/near-duplicates. */
export interface NearDuplicate {
  id: string;
  title: string;
  status: string;
  ownerOrganizationId: string;
  ownerName: string;
  similarity: number;
}

/** An NDA access request (POST / GET /api/achievements/:id/access-requests). */
export interface AccessRequest {
  id: string;
  achievementId: string;
  requesterUserId: string;
  requesterOrganizationName: string | null;
  message: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
}

export type AccessDecision = 'grant' | 'refuse' | 'revoke';

/** GET /api/achievements/project-library. */
export interface ProjectLibrary {
  groups: { programme: string; n: number }[];
}

/** GET /api/achievements/selections. */
export interface SelectionYears {
  years: { year: number; count: number }[];
}
