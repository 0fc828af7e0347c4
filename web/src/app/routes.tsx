import type { ComponentType, LazyExoticComponent } from 'react';
import type { Access } from './access.js';
import { lazyPage } from './lazy-page.js';

/** Every URL of the app; link with `paths.x`, never a hand-written string. */
export const paths = {
  home: '/',
  signIn: '/signin',
  signUpOrganization: '/signup',
  workspace: '/workspace',
  verification: '/workspace/verification',
  users: '/workspace/users',
  audit: '/workspace/audit',
  account: '/workspace/account',
  achievements: '/achievements',
  achievement: '/achievements/:id',
  projectLibrary: '/achievements/project-library',
  selections: '/achievements/selections',
  myAchievements: '/workspace/achievements',
  newAchievement: '/workspace/achievements/new',
  editAchievement: '/workspace/achievements/:id/edit',
  achievementReview: '/workspace/achievements/review',
  imports: '/workspace/imports',
  search: '/search',
  searchDictionary: '/workspace/search-dictionary',
  demands: '/demands',
  demand: '/demands/:id',
  myDemands: '/workspace/demands',
  newDemand: '/workspace/demands/new',
  editDemand: '/workspace/demands/:id/edit',
  demandPool: '/workspace/demands/pool',
  claimedDemands: '/workspace/demands/claimed',
  demandReview: '/workspace/demands/review',
  demandDispatch: '/workspace/demands/dispatch',
  listings: '/listings',
  listing: '/listings/:id',
  publicLog: '/public-log',
  myListings: '/workspace/listings',
  newListing: '/workspace/listings/new',
  listingReview: '/workspace/listings/review',
  auctions: '/auctions',
  auctionLot: '/auctions/lots/:id',
  myAuctions: '/workspace/auctions/mine',
  manageAuctions: '/workspace/auctions',
  myDeals: '/workspace/deals',
  myContracts: '/workspace/contracts',
  newContract: '/workspace/contracts/new',
  contractQueue: '/workspace/contracts/queue',
  contractStatistics: '/workspace/contracts/statistics',
  contract: '/workspace/contracts/:id',
  verifyContract: '/verify/contracts/:number',
  subsidies: '/subsidies',
  subsidySimulator: '/subsidies/simulate',
  mySubsidies: '/workspace/subsidies',
  subsidyReview: '/workspace/subsidies/review',
  subsidyProgrammes: '/workspace/subsidies/programmes',
  subsidyApplication: '/workspace/subsidies/applications/:id',
  campaigns: '/campaigns',
  campaign: '/campaigns/:id',
  manageCampaigns: '/workspace/campaigns',
  newCampaign: '/workspace/campaigns/new',
  campaignWork: '/workspace/campaigns/:id',
  editCampaign: '/workspace/campaigns/:id/edit',
  savedSearches: '/workspace/saved-searches',
  matchingWeights: '/workspace/matching/weights',
  harvestPeers: '/workspace/harvest/peers',
  harvestRuns: '/workspace/harvest/runs',
  harvestClusters: '/workspace/harvest/clusters',
  harvestedRecord: '/harvested/:id',
} as const;

/** URLs of pages with parameters, built from `paths` so both stay in step. */
export const pathTo = {
  achievement: (id: string) => paths.achievement.replace(':id', encodeURIComponent(id)),
  editAchievement: (id: string) => paths.editAchievement.replace(':id', encodeURIComponent(id)),
  demand: (id: string) => paths.demand.replace(':id', encodeURIComponent(id)),
  editDemand: (id: string) => paths.editDemand.replace(':id', encodeURIComponent(id)),
  campaign: (id: string) => paths.campaign.replace(':id', encodeURIComponent(id)),
  campaignWork: (id: string) => paths.campaignWork.replace(':id', encodeURIComponent(id)),
  editCampaign: (id: string) => paths.editCampaign.replace(':id', encodeURIComponent(id)),
  listing: (id: string) => paths.listing.replace(':id', encodeURIComponent(id)),
  auctionLot: (id: string) => paths.auctionLot.replace(':id', encodeURIComponent(id)),
  contract: (id: string) => paths.contract.replace(':id', encodeURIComponent(id)),
  subsidyApplication: (id: string) => paths.subsidyApplication.replace(':id', encodeURIComponent(id)),
  harvestedRecord: (id: string) => paths.harvestedRecord.replace(':id', encodeURIComponent(id)),
};

// One component for /new and /:id/edit: when autosave creates the record and the URL changes to
// its edit address, React keeps the same page (and the form the user is typing in) mounted.
const AchievementEditPage = lazyPage(
  () => import('../features/achievements/pages/achievement-edit-page.js'),
  (m) => m.AchievementEditPage,
);
// The same for demands (/workspace/demands/new → /workspace/demands/:id/edit after the first save).
const DemandEditPage = lazyPage(() => import('../features/demands/pages/demand-edit-page.js'), (m) => m.DemandEditPage);

/** Icon names for workspace menu entries; the workspace layout maps each to an icon component. */
export type MenuIcon =
  | 'workspace'
  | 'verification'
  | 'users'
  | 'audit'
  | 'account'
  | 'achievements'
  | 'achievementReview'
  | 'imports'
  | 'searchDictionary'
  | 'demands'
  | 'demandPool'
  | 'demandClaimed'
  | 'demandReview'
  | 'demandDispatch'
  | 'listings'
  | 'listingReview'
  | 'auctions'
  | 'auctionConsole'
  | 'deals'
  | 'contracts'
  | 'contractQueue'
  | 'contractStatistics'
  | 'subsidies'
  | 'subsidyReview'
  | 'subsidyProgrammes'
  | 'campaigns'
  | 'savedSearches'
  | 'matchingWeights'
  | 'harvest'
  | 'harvestRuns'
  | 'harvestClusters';

export interface AppRoute {
  path: string;
  /** Page title: shown in the browser tab and as the menu label. */
  title: string;
  access: Access;
  /** `public`: the site header and footer; `workspace`: the signed-in side menu. */
  layout: 'public' | 'workspace';
  page: LazyExoticComponent<ComponentType>;
  /** Present on workspace pages that appear in the side menu (shown only if `access` allows). */
  menu?: { icon: MenuIcon };
}

/**
 * The one route table: the router, the access checks and the workspace menu are all built from
 * it. A page is added here and nowhere else.
 */
export const routes: readonly AppRoute[] = [
  {
    path: paths.home,
    title: '首页',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/home/pages/home-page.js'), (m) => m.HomePage),
  },
  {
    path: paths.signIn,
    title: '登录',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/accounts/pages/sign-in-page.js'), (m) => m.SignInPage),
  },
  {
    path: paths.signUpOrganization,
    title: '机构注册',
    access: 'public',
    layout: 'public',
    page: lazyPage(
      () => import('../features/accounts/pages/sign-up-organization-page.js'),
      (m) => m.SignUpOrganizationPage,
    ),
  },
  {
    path: paths.achievements,
    title: '科技成果',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/achievements-page.js'), (m) => m.AchievementsPage),
  },
  {
    path: paths.projectLibrary,
    title: '财政资金成果转化项目库',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/project-library-page.js'), (m) => m.ProjectLibraryPage),
  },
  {
    path: paths.selections,
    title: '科惠精品',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/selections-page.js'), (m) => m.SelectionsPage),
  },
  {
    path: paths.achievement,
    title: '成果详情',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/achievement-detail-page.js'), (m) => m.AchievementDetailPage),
  },
  {
    path: paths.harvestedRecord,
    title: '采集记录',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/harvest/pages/harvested-record-page.js'), (m) => m.HarvestedRecordPage),
  },
  {
    path: paths.demands,
    title: '需求大厅',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/demands/pages/demands-page.js'), (m) => m.DemandsPage),
  },
  {
    path: paths.demand,
    title: '需求详情',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/demands/pages/demand-detail-page.js'), (m) => m.DemandDetailPage),
  },
  {
    path: paths.listings,
    title: '挂牌项目',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/listings/pages/listings-page.js'), (m) => m.ListingsPage),
  },
  {
    path: paths.listing,
    title: '挂牌项目详情',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/listings/pages/listing-detail-page.js'), (m) => m.ListingDetailPage),
  },
  {
    path: paths.publicLog,
    title: '公开存证日志',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/listings/pages/public-log-page.js'), (m) => m.PublicLogPage),
  },
  {
    path: paths.campaigns,
    title: '科惠行动',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/campaigns/pages/campaigns-page.js'), (m) => m.CampaignsPage),
  },
  {
    path: paths.campaign,
    title: '科惠行动详情',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/campaigns/pages/campaign-detail-page.js'), (m) => m.CampaignDetailPage),
  },
  {
    path: paths.search,
    title: '检索',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/search/pages/search-page.js'), (m) => m.SearchPage),
  },
  {
    path: paths.workspace,
    title: '工作台',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/workspace-home-page.js'), (m) => m.WorkspaceHomePage),
    menu: { icon: 'workspace' },
  },
  {
    path: paths.myAchievements,
    title: '我的成果',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/achievements/pages/my-achievements-page.js'), (m) => m.MyAchievementsPage),
    menu: { icon: 'achievements' },
  },
  {
    path: paths.imports,
    title: '批量导入',
    access: 'importRecords',
    layout: 'workspace',
    page: lazyPage(() => import('../features/collection/pages/imports-page.js'), (m) => m.ImportsPage),
    menu: { icon: 'imports' },
  },
  {
    path: paths.newAchievement,
    title: '新建成果',
    access: 'org-member',
    layout: 'workspace',
    page: AchievementEditPage,
  },
  {
    path: paths.editAchievement,
    title: '编辑成果',
    access: 'org-member',
    layout: 'workspace',
    page: AchievementEditPage,
  },
  {
    path: paths.achievementReview,
    title: '成果审核',
    access: 'reviewOrganizations',
    layout: 'workspace',
    page: lazyPage(() => import('../features/achievements/pages/review-queue-page.js'), (m) => m.ReviewQueuePage),
    menu: { icon: 'achievementReview' },
  },
  {
    path: paths.myDemands,
    title: '我的需求',
    access: 'myDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/demands/pages/my-demands-page.js'), (m) => m.MyDemandsPage),
    menu: { icon: 'demands' },
  },
  {
    path: paths.newDemand,
    title: '发布需求',
    access: 'postDemands',
    layout: 'workspace',
    page: DemandEditPage,
  },
  {
    path: paths.editDemand,
    title: '编辑需求',
    access: 'postDemands',
    layout: 'workspace',
    page: DemandEditPage,
  },
  {
    path: paths.demandPool,
    title: '可认领需求',
    access: 'claimDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/demands/pages/demand-pool-page.js'), (m) => m.DemandPoolPage),
    menu: { icon: 'demandPool' },
  },
  {
    path: paths.claimedDemands,
    title: '我的认领',
    access: 'claimDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/demands/pages/claimed-demands-page.js'), (m) => m.ClaimedDemandsPage),
    menu: { icon: 'demandClaimed' },
  },
  {
    path: paths.demandReview,
    title: '需求审核',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/demands/pages/demand-review-page.js'), (m) => m.DemandReviewPage),
    menu: { icon: 'demandReview' },
  },
  {
    path: paths.demandDispatch,
    title: '需求派发',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/demands/pages/demand-dispatch-page.js'), (m) => m.DemandDispatchPage),
    menu: { icon: 'demandDispatch' },
  },
  {
    path: paths.myListings,
    title: '我的挂牌',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/listings/pages/my-listings-page.js'), (m) => m.MyListingsPage),
    menu: { icon: 'listings' },
  },
  {
    path: paths.myDeals,
    title: '我的成交',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/listings/pages/my-deals-page.js'), (m) => m.MyDealsPage),
    menu: { icon: 'deals' },
  },
  {
    path: paths.newListing,
    title: '挂牌',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/listings/pages/listing-form-page.js'), (m) => m.ListingFormPage),
  },
  {
    path: paths.listingReview,
    title: '挂牌审核',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/listings/pages/listing-review-page.js'), (m) => m.ListingReviewPage),
    menu: { icon: 'listingReview' },
  },
  {
    path: paths.auctions,
    title: '网上拍卖会',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/auctions/pages/auctions-page.js'), (m) => m.AuctionsPage),
  },
  {
    path: paths.auctionLot,
    title: '拍卖标的',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/auctions/pages/lot-page.js'), (m) => m.AuctionLotPage),
  },
  {
    path: paths.myAuctions,
    title: '我的竞买',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/auctions/pages/bidder-console-page.js'), (m) => m.BidderConsolePage),
    menu: { icon: 'auctions' },
  },
  {
    path: paths.manageAuctions,
    title: '拍卖运营',
    access: 'manageAuctions',
    layout: 'workspace',
    page: lazyPage(() => import('../features/auctions/pages/operator-console-page.js'), (m) => m.OperatorConsolePage),
    menu: { icon: 'auctionConsole' },
  },
  {
    path: paths.myContracts,
    title: '我的合同',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/contracts/pages/my-contracts-page.js'), (m) => m.MyContractsPage),
    menu: { icon: 'contracts' },
  },
  {
    path: paths.newContract,
    title: '申请合同登记',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/contracts/pages/contract-form-page.js'), (m) => m.ContractFormPage),
  },
  {
    path: paths.contractQueue,
    title: '合同登记',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/contracts/pages/contract-queue-page.js'), (m) => m.ContractQueuePage),
    menu: { icon: 'contractQueue' },
  },
  {
    path: paths.contractStatistics,
    title: '技术合同统计',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/contracts/pages/contract-statistics-page.js'), (m) => m.ContractStatisticsPage),
    menu: { icon: 'contractStatistics' },
  },
  {
    path: paths.contract,
    title: '合同详情',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/contracts/pages/contract-detail-page.js'), (m) => m.ContractDetailPage),
  },
  {
    path: paths.verifyContract,
    title: '技术合同登记证明查验',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/contracts/pages/verify-contract-page.js'), (m) => m.VerifyContractPage),
  },
  {
    path: paths.subsidies,
    title: '补助项目',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/subsidies/pages/subsidy-programmes-page.js'), (m) => m.SubsidyProgrammesPage),
  },
  {
    path: paths.subsidySimulator,
    title: '补助测算',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/subsidies/pages/subsidy-simulator-page.js'), (m) => m.SubsidySimulatorPage),
  },
  {
    path: paths.mySubsidies,
    title: '我的补助申请',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/subsidies/pages/my-applications-page.js'), (m) => m.MyApplicationsPage),
    menu: { icon: 'subsidies' },
  },
  {
    path: paths.subsidyReview,
    title: '补助审核',
    access: 'reviewSubsidies',
    layout: 'workspace',
    page: lazyPage(() => import('../features/subsidies/pages/subsidy-review-page.js'), (m) => m.SubsidyReviewPage),
    menu: { icon: 'subsidyReview' },
  },
  {
    path: paths.subsidyProgrammes,
    title: '补助项目管理',
    access: 'reviewDemands',
    layout: 'workspace',
    page: lazyPage(() => import('../features/subsidies/pages/manage-programmes-page.js'), (m) => m.ManageProgrammesPage),
    menu: { icon: 'subsidyProgrammes' },
  },
  {
    path: paths.subsidyApplication,
    title: '补助申请详情',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/subsidies/pages/application-detail-page.js'), (m) => m.ApplicationDetailPage),
  },
  {
    path: paths.manageCampaigns,
    title: '科惠行动',
    access: 'campaignTeams',
    layout: 'workspace',
    page: lazyPage(() => import('../features/campaigns/pages/manage-campaigns-page.js'), (m) => m.ManageCampaignsPage),
    menu: { icon: 'campaigns' },
  },
  {
    path: paths.newCampaign,
    title: '发起科惠行动',
    access: 'organizeCampaigns',
    layout: 'workspace',
    page: lazyPage(() => import('../features/campaigns/pages/campaign-edit-page.js'), (m) => m.CampaignEditPage),
  },
  {
    path: paths.editCampaign,
    title: '编辑科惠行动',
    access: 'organizeCampaigns',
    layout: 'workspace',
    page: lazyPage(() => import('../features/campaigns/pages/campaign-edit-page.js'), (m) => m.CampaignEditPage),
  },
  {
    path: paths.campaignWork,
    title: '走访与对接活动',
    access: 'campaignTeams',
    layout: 'workspace',
    page: lazyPage(() => import('../features/campaigns/pages/campaign-work-page.js'), (m) => m.CampaignWorkPage),
  },
  {
    path: paths.savedSearches,
    title: '我的订阅',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/matching/pages/saved-searches-page.js'), (m) => m.SavedSearchesPage),
    menu: { icon: 'savedSearches' },
  },
  {
    path: paths.matchingWeights,
    title: '匹配权重',
    access: 'matchingWeights',
    layout: 'workspace',
    page: lazyPage(() => import('../features/matching/pages/matching-weights-page.js'), (m) => m.MatchingWeightsPage),
    menu: { icon: 'matchingWeights' },
  },
  {
    path: paths.verification,
    title: '机构审核',
    access: 'reviewOrganizations',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/verification-page.js'), (m) => m.VerificationPage),
    menu: { icon: 'verification' },
  },
  {
    path: paths.users,
    title: '用户与角色',
    access: 'manageUsers',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/users-page.js'), (m) => m.UsersPage),
    menu: { icon: 'users' },
  },
  {
    path: paths.audit,
    title: '审计日志',
    access: 'viewAudit',
    layout: 'workspace',
    page: lazyPage(() => import('../features/audit/pages/audit-page.js'), (m) => m.AuditPage),
    menu: { icon: 'audit' },
  },
  {
    path: paths.harvestPeers,
    title: '对接平台',
    access: 'manageHarvest',
    layout: 'workspace',
    page: lazyPage(() => import('../features/harvest/pages/peers-page.js'), (m) => m.PeersPage),
    menu: { icon: 'harvest' },
  },
  {
    path: paths.harvestRuns,
    title: '采集批次',
    access: 'manageHarvest',
    layout: 'workspace',
    page: lazyPage(() => import('../features/harvest/pages/runs-page.js'), (m) => m.RunsPage),
    menu: { icon: 'harvestRuns' },
  },
  {
    path: paths.harvestClusters,
    title: '重复成果',
    access: 'manageHarvest',
    layout: 'workspace',
    page: lazyPage(() => import('../features/harvest/pages/clusters-page.js'), (m) => m.ClustersPage),
    menu: { icon: 'harvestClusters' },
  },
  {
    path: paths.searchDictionary,
    title: '检索词典',
    access: 'manageSearch',
    layout: 'workspace',
    page: lazyPage(() => import('../features/search/pages/search-dictionary-page.js'), (m) => m.SearchDictionaryPage),
    menu: { icon: 'searchDictionary' },
  },
  {
    path: paths.account,
    title: '账户设置',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/account-page.js'), (m) => m.AccountPage),
    menu: { icon: 'account' },
  },
];

export type MenuRoute = AppRoute & { menu: NonNullable<AppRoute['menu']> };

/** Workspace menu entries in table order (filter them with `isAllowed` for the current session). */
export const menuRoutes: readonly MenuRoute[] = routes.filter((route): route is MenuRoute => route.menu !== undefined);
