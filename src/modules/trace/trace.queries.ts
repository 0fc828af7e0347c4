/**
 * All SQL of the trace module: read-only lookups of the records a chain links, by id and by the
 * link columns the owning modules keep (demand.matched_achievement_ids, listing.achievement_id,
 * deal.listing_id, contract.deal_id/achievement_id/demand_id, application.contract_id/deal_id/achievement_id).
 */
import { arrayOverlaps, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { achievements } from '../achievements/index.js';
import { contractParties, contracts } from '../contracts/index.js';
import { demands } from '../demands/index.js';
import { deals, listings } from '../listings/index.js';
import { subsidyApplications, subsidyDisbursements, subsidyProgrammes } from '../subsidies/index.js';

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export const selectDemands = (db: Db, ids: string[], achievementIds: string[]) =>
  ids.length || achievementIds.length
    ? db
        .select({
          id: demands.id,
          title: demands.title,
          status: demands.status,
          regionCode: demands.regionCode,
          enterpriseOrganizationId: demands.enterpriseOrganizationId,
          claimantOrganizationId: demands.claimantOrganizationId,
          matchedAchievementIds: demands.matchedAchievementIds,
          createdAt: demands.createdAt,
          publishedAt: demands.publishedAt,
          claimedAt: demands.claimedAt,
          matchedAt: demands.matchedAt,
          contractedAt: demands.contractedAt,
          closedAt: demands.closedAt,
        })
        .from(demands)
        .where(
          or(
            ids.length ? inArray(demands.id, ids) : undefined,
            achievementIds.length ? arrayOverlaps(demands.matchedAchievementIds, achievementIds) : undefined,
          ),
        )
        .limit(50)
    : none<never>();

export const selectAchievements = (db: Db, ids: string[]) =>
  ids.length
    ? db
        .select({
          id: achievements.id,
          title: achievements.title,
          status: achievements.status,
          regionCode: achievements.regionCode,
          ownerOrganizationId: achievements.ownerOrganizationId,
          createdAt: achievements.createdAt,
          publishedAt: achievements.publishedAt,
        })
        .from(achievements)
        .where(inArray(achievements.id, ids))
    : none<never>();

export const selectListings = (db: Db, ids: string[], achievementIds: string[]) =>
  ids.length || achievementIds.length
    ? db
        .select()
        .from(listings)
        .where(or(ids.length ? inArray(listings.id, ids) : undefined, achievementIds.length ? inArray(listings.achievementId, achievementIds) : undefined))
        .limit(50)
    : none<typeof listings.$inferSelect>();

export const selectDeals = (db: Db, ids: string[], listingIds: string[]) =>
  ids.length || listingIds.length
    ? db
        .select()
        .from(deals)
        .where(or(ids.length ? inArray(deals.id, ids) : undefined, listingIds.length ? inArray(deals.listingId, listingIds) : undefined))
        .limit(50)
    : none<typeof deals.$inferSelect>();

export const selectContracts = (db: Db, f: { ids: string[]; dealIds: string[]; achievementIds: string[]; demandIds: string[] }) =>
  f.ids.length || f.dealIds.length || f.achievementIds.length || f.demandIds.length
    ? db
        .select({
          id: contracts.id,
          title: contracts.title,
          status: contracts.status,
          regionCode: contracts.regionCode,
          submittedByOrganizationId: contracts.submittedByOrganizationId,
          dealId: contracts.dealId,
          achievementId: contracts.achievementId,
          demandId: contracts.demandId,
          registrationNumber: contracts.registrationNumber,
          submittedAt: contracts.submittedAt,
          acceptedAt: contracts.acceptedAt,
          decidedAt: contracts.decidedAt,
        })
        .from(contracts)
        .where(
          or(
            f.ids.length ? inArray(contracts.id, f.ids) : undefined,
            f.dealIds.length ? inArray(contracts.dealId, f.dealIds) : undefined,
            f.achievementIds.length ? inArray(contracts.achievementId, f.achievementIds) : undefined,
            f.demandIds.length ? inArray(contracts.demandId, f.demandIds) : undefined,
          ),
        )
        .limit(50)
    : none<never>();

export const selectContractPartyOrgs = (db: Db, contractIds: string[]) =>
  contractIds.length
    ? db
        .select({ contractId: contractParties.contractId, organizationId: contractParties.organizationId })
        .from(contractParties)
        .where(inArray(contractParties.contractId, contractIds))
    : none<never>();

export const selectApplications = (db: Db, f: { ids: string[]; contractIds: string[]; dealIds: string[]; achievementIds: string[] }) =>
  f.ids.length || f.contractIds.length || f.dealIds.length || f.achievementIds.length
    ? db
        .select({
          id: subsidyApplications.id,
          status: subsidyApplications.status,
          regionCode: subsidyApplications.regionCode,
          applicantOrganizationId: subsidyApplications.applicantOrganizationId,
          contractId: subsidyApplications.contractId,
          dealId: subsidyApplications.dealId,
          achievementId: subsidyApplications.achievementId,
          programmeName: subsidyProgrammes.name,
          computedFen: subsidyApplications.computedFen,
          approvedFen: subsidyApplications.approvedFen,
          createdAt: subsidyApplications.createdAt,
          reviewedAt: subsidyApplications.reviewedAt,
        })
        .from(subsidyApplications)
        .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
        .where(
          or(
            f.ids.length ? inArray(subsidyApplications.id, f.ids) : undefined,
            f.contractIds.length ? inArray(subsidyApplications.contractId, f.contractIds) : undefined,
            f.dealIds.length ? inArray(subsidyApplications.dealId, f.dealIds) : undefined,
            f.achievementIds.length ? inArray(subsidyApplications.achievementId, f.achievementIds) : undefined,
          ),
        )
        .limit(50)
    : none<never>();

export const selectDisbursements = (db: Db, applicationIds: string[]) =>
  applicationIds.length
    ? db
        .select({ applicationId: subsidyDisbursements.applicationId, amountFen: subsidyDisbursements.amountFen, createdAt: subsidyDisbursements.createdAt })
        .from(subsidyDisbursements)
        .where(inArray(subsidyDisbursements.applicationId, applicationIds))
    : none<never>();
