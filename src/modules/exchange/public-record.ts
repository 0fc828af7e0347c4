/**
 * What the platform shares with other platforms (互联互通): the public projection of a record, and
 * which records are in the repository at all. Pure: rows in, plain data out.
 *
 * The projection is what an anonymous visitor sees, never more:
 * - achievements (科技成果): the summary and detail fields shown to everyone; the gated parts
 *   (innovation points, indicators, scenarios, IP items, team) only when the disclosure tier is
 *   `public` (achievements.policy.ts `canSeeGated` with no actor); never the contact.
 * - demands (技术需求): the board's summary fields only; never the description, indicators,
 *   existing conditions, contact, follow-ups or messages.
 */
import { createHash } from 'node:crypto';
import { PUBLIC_DEMAND_STATUSES } from '../demands/demand-codes.js';
import type { achievements } from '../achievements/index.js';
import type { demands } from '../demands/index.js';
import { regionByCode, regionLevel } from '../regions/index.js';

export const RECORD_TYPES = ['achievement', 'demand'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

type AchievementRow = typeof achievements.$inferSelect;
type DemandRow = typeof demands.$inferSelect;

export type AchievementSource = Pick<
  AchievementRow,
  | 'id' | 'title' | 'type' | 'attribute' | 'keyField' | 'industry' | 'keywords' | 'abstract' | 'innovationPoints' | 'indicators'
  | 'applicationScenarios' | 'trl' | 'stage' | 'ipItems' | 'owners' | 'team' | 'cooperationModes' | 'pricingMode' | 'priceFen'
  | 'fundingProgramme' | 'fundingProjectNumber' | 'isFiscallyFunded' | 'isDualUse' | 'disclosureTier' | 'selectionYear' | 'status'
  | 'regionCode' | 'ownerOrganizationId' | 'publishedAt' | 'archivedAt' | 'updatedAt' | 'version'
>;

export type DemandSource = Pick<
  DemandRow,
  | 'id' | 'title' | 'publicSummary' | 'keyField' | 'industry' | 'keywords' | 'demandType' | 'cooperationModes' | 'budgetMode'
  | 'budgetMinFen' | 'budgetMaxFen' | 'budgetFirm' | 'deadline' | 'regionCode' | 'enterpriseOrganizationId' | 'claimantOrganizationId'
  | 'status' | 'closeReason' | 'publishedAt' | 'closedAt' | 'updatedAt'
>;

export interface AchievementRecord {
  recordType: 'achievement';
  id: string;
  title: string;
  achievementType: string | null;
  attribute: string | null;
  keyField: string | null;
  industry: string | null;
  keywords: string[];
  abstract: string;
  trl: number | null;
  stage: string | null;
  cooperationModes: string[];
  pricingMode: string;
  priceFen: number | null;
  regionCode: string;
  ownerName: string;
  owners: { name: string; share: number }[];
  fundingProgramme: string | null;
  fundingProjectNumber: string | null;
  isFiscallyFunded: boolean;
  isDualUse: boolean;
  disclosureTier: string;
  selectionYear: number | null;
  /** published | archived */
  status: string;
  publishedAt: string;
  version: number;
  /** The gated parts, present only for the `public` disclosure tier. */
  details: {
    innovationPoints: string;
    indicators: string;
    applicationScenarios: string;
    ipItems: { type: string; number: string; status: string; title: string | null }[];
    team: { name: string; role: string; contribution: number; title: string | null }[];
  } | null;
}

export interface DemandRecord {
  recordType: 'demand';
  id: string;
  title: string;
  publicSummary: string;
  keyField: string | null;
  industry: string | null;
  keywords: string[];
  demandType: string | null;
  cooperationModes: string[];
  budgetMode: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  budgetFirm: boolean;
  deadline: string | null;
  regionCode: string;
  enterpriseName: string;
  claimantName: string | null;
  status: string;
  closeReason: string | null;
  publishedAt: string;
}

export type PublicRecord = AchievementRecord | DemandRecord;

/** A record as the repository holds it: its projection, whether it is deleted, its sets. */
export interface RepositoryEntry {
  id: string;
  recordType: RecordType;
  record: PublicRecord;
  isDeleted: boolean;
  keyField: string | null;
  regionCode: string;
  cityCode: string;
  contentHash: string;
  /** The record's own last change, used as datestamp only when the repository is first built. */
  changedAt: Date;
}

/**
 * The city (地级) a region lies in, for the `city:` sets: a county's city, a city itself; for a
 * county directly under a province-level municipality (北京、上海…) or a record registered at
 * province level, the province code.
 */
export function cityCodeOf(regionCode: string): string {
  const region = regionByCode(regionCode);
  const level = region?.level ?? regionLevel(regionCode);
  if (level === 'city' || level === 'province') return regionCode;
  if (level === 'county') return region?.parentCode ?? `${regionCode.slice(0, 4)}00`;
  return regionCode;
}

/** Stable content hash: a changed hash is a change of the public record (a new datestamp). */
export function hashOf(record: PublicRecord, isDeleted: boolean): string {
  // Objects are built field by field in a fixed order, so JSON.stringify is canonical here.
  return createHash('sha256').update(JSON.stringify({ isDeleted, record })).digest('base64url');
}

/** An achievement is in the repository once published; archived, it answers as deleted. */
export function achievementEntry(row: AchievementSource, names: Map<string, string>): RepositoryEntry | null {
  if (!row.publishedAt) return null;
  const isPublicTier = row.disclosureTier === 'public';
  const record: AchievementRecord = {
    recordType: 'achievement',
    id: row.id,
    title: row.title,
    achievementType: row.type,
    attribute: row.attribute,
    keyField: row.keyField,
    industry: row.industry,
    keywords: [...row.keywords],
    abstract: row.abstract,
    trl: row.trl,
    stage: row.stage,
    cooperationModes: [...row.cooperationModes],
    pricingMode: row.pricingMode,
    priceFen: row.pricingMode === 'negotiable' ? null : row.priceFen,
    regionCode: row.regionCode,
    ownerName: names.get(row.ownerOrganizationId) ?? '',
    owners: row.owners.map((o) => ({ name: o.name, share: o.share })),
    fundingProgramme: row.fundingProgramme,
    fundingProjectNumber: row.fundingProjectNumber,
    isFiscallyFunded: row.isFiscallyFunded,
    isDualUse: row.isDualUse,
    disclosureTier: row.disclosureTier,
    selectionYear: row.selectionYear,
    status: row.status === 'published' ? 'published' : 'archived',
    publishedAt: row.publishedAt.toISOString(),
    version: row.version,
    details: isPublicTier
      ? {
          innovationPoints: row.innovationPoints,
          indicators: row.indicators,
          applicationScenarios: row.applicationScenarios,
          ipItems: row.ipItems.map((i) => ({ type: i.type, number: i.number, status: i.status, title: i.title ?? null })),
          team: row.team.map((m) => ({ name: m.name, role: m.role, contribution: m.contribution, title: m.title ?? null })),
        }
      : null,
  };
  const isDeleted = row.status !== 'published';
  return entryOf(record, isDeleted, isDeleted ? (row.archivedAt ?? row.updatedAt) : row.updatedAt);
}

/**
 * A demand is in the repository once published. Withdrawn or expired (closed before it was put to
 * use) it answers as deleted; closed as solved it stays, a public success.
 */
export function isDeletedDemand(d: Pick<DemandSource, 'status' | 'closeReason'>): boolean {
  if (d.status === 'closed') return d.closeReason !== 'solved';
  return !(PUBLIC_DEMAND_STATUSES as readonly string[]).includes(d.status);
}

export function demandEntry(row: DemandSource, names: Map<string, string>): RepositoryEntry | null {
  if (!row.publishedAt) return null;
  const record: DemandRecord = {
    recordType: 'demand',
    id: row.id,
    title: row.title,
    publicSummary: row.publicSummary,
    keyField: row.keyField,
    industry: row.industry,
    keywords: [...row.keywords],
    demandType: row.demandType,
    cooperationModes: [...row.cooperationModes],
    budgetMode: row.budgetMode,
    budgetMinFen: row.budgetMode === 'negotiable' ? null : row.budgetMinFen,
    budgetMaxFen: row.budgetMode === 'negotiable' ? null : row.budgetMaxFen,
    budgetFirm: row.budgetFirm,
    deadline: row.deadline,
    regionCode: row.regionCode,
    enterpriseName: names.get(row.enterpriseOrganizationId) ?? '',
    claimantName: row.claimantOrganizationId ? (names.get(row.claimantOrganizationId) ?? null) : null,
    status: row.status,
    closeReason: row.status === 'closed' ? row.closeReason : null,
    publishedAt: row.publishedAt.toISOString(),
  };
  const isDeleted = isDeletedDemand(row);
  return entryOf(record, isDeleted, row.status === 'closed' ? (row.closedAt ?? row.updatedAt) : row.updatedAt);
}

function entryOf(record: PublicRecord, isDeleted: boolean, changedAt: Date): RepositoryEntry {
  return {
    id: record.id,
    recordType: record.recordType,
    record,
    isDeleted,
    keyField: record.keyField,
    regionCode: record.regionCode,
    cityCode: cityCodeOf(record.regionCode),
    contentHash: hashOf(record, isDeleted),
    changedAt,
  };
}
