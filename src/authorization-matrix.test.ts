import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from './modules/accounts/index.js';
import { buildAchievementInput } from './modules/achievements/achievements.fixtures.js';
import { buildCampaignInput, buildEventInput, buildVisitInput } from './modules/campaigns/campaigns.fixtures.js';
import { contracts } from './modules/contracts/index.js';
import { shanghaiDay } from './modules/demands/demand-rules.js';
import { buildDemandInput } from './modules/demands/demands.fixtures.js';
import { sweepListings } from './modules/listings/index.js';
import { harvestClusterMembers, harvestClusters, harvestedRecords, harvestPeers, harvestRuns } from './modules/harvest/index.js';
import { closeDueLot, createAuctions } from './modules/auctions/index.js';
import { buildSignupOrganization } from './test-support/fixtures.js';
import { call, createTestApp, DEMO_PASSWORD, type Session, sessionFrom, signIn, type TestApp } from './test-support/test-app.js';

/**
 * Every endpoint × every role × a target inside / outside the caller's region → allow or deny.
 * The list of endpoints comes from the app's own route table: an endpoint without an entry
 * below fails this test, so a new endpoint cannot be forgotten.
 *
 * "allow" = the request passed authorization (any status but 401/403/404; a 409 for a state
 * conflict or a 400 for a deliberately wrong current password still counts as allowed).
 * "deny" = 403, or 404 where the record is hidden from the caller. Anonymous denial = 401.
 */
const ACTORS = {
  operator: 'operator@kehui.example.cn',
  gov_province: 'gov.hubei@kehui.example.cn',
  gov_wuhan: 'gov.wuhan@kehui.example.cn',
  gov_yichang: 'gov.yichang@kehui.example.cn',
  univ_admin: 'univ.admin@kehui.example.cn',
  univ_member: 'univ.member@kehui.example.cn',
  enterprise_admin: 'enterprise.admin@kehui.example.cn',
  broker: 'broker@kehui.example.cn',
  lawyer: 'lawyer@kehui.example.cn',
  expert: 'expert@kehui.example.cn',
} as const;
type ActorKey = keyof typeof ACTORS | 'anonymous';
type Target = 'in' | 'out';
type Allowed = 'everyone' | 'signed_in' | ActorKey[];

interface Case {
  allowed: { in: Allowed; out?: Allowed };
  params?: (actor: ActorKey, target: Target) => Promise<Record<string, string>>;
  body?: (actor: ActorKey, target: Target) => unknown;
  /** Sign in anew for this call (sign-out ends the session). */
  freshSession?: boolean;
  query?: string;
}

let t: TestApp;
const sessions = new Map<ActorKey, Session>();

/** Uploads a small PDF as the owner and returns the attachment id. */
async function attach(as: Session | null, achievementId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/achievements/${achievementId}/attachments?fileName=a.pdf`,
    headers: { 'content-type': 'application/pdf', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
    payload: Buffer.from(`%PDF-1.4\n${randomUUID()}\n%%EOF\n`),
  });
  if (res.statusCode !== 201) throw new Error(`attach failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}
const ids = {
  orgIn: '', orgOut: '', pendingIn: '', pendingOut: '', userIn: '', userOut: '',
  achIn: '', achOut: '', ndaIn: '', ndaOut: '', requestIn: '', requestOut: '', attachmentIn: '', attachmentOut: '', jobIn: '', jobOut: '',
};

async function orgId(name: string) {
  const r = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  const id = r[0]?.id;
  if (!id) throw new Error(`no demo organization ${name}`);
  return id;
}
async function userId(email: string) {
  const r = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const id = r[0]?.id;
  if (!id) throw new Error(`no demo user ${email}`);
  return id;
}

let serial = 0;
const unique = () => `${Date.now() % 100_000_000}`.padStart(8, '0').slice(0, 6) + String(serial++ % 100).padStart(2, '0');

const REVIEW: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan'], out: ['operator', 'gov_province', 'gov_yichang'] };
const orgParam = (kind: 'org' | 'pending') => async (_a: ActorKey, target: Target) => ({
  id: kind === 'org' ? (target === 'in' ? ids.orgIn : ids.orgOut) : target === 'in' ? ids.pendingIn : ids.pendingOut,
});
const userParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? ids.userIn : ids.userOut });
// Achievements: a confirmed record of 江城理工大学 (武汉) and one of a 宜昌 university.
const achParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? ids.achIn : ids.achOut });
const MEMBERS: ActorKey[] = ['univ_admin', 'univ_member', 'enterprise_admin', 'broker', 'lawyer'];
const ACH_VISIBLE: Case['allowed'] = {
  in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member'],
  out: ['operator', 'gov_province', 'gov_yichang'],
};
const ACH_REVIEW: Case['allowed'] = REVIEW;
const ACH_OWNERS: Case['allowed'] = { in: ['univ_admin', 'univ_member'], out: [] };

// ---- campaigns ---- a campaign in 武汉市 (420100) and one in 宜昌市 (420500), each with an event.
const campaignIds = { in: '', out: '', eventIn: '', eventOut: '' };
const campaignParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? campaignIds.in : campaignIds.out });
const campaignEventParam = async (_a: ActorKey, target: Target) =>
  target === 'in' ? { id: campaignIds.in, eventId: campaignIds.eventIn } : { id: campaignIds.out, eventId: campaignIds.eventOut };
const CAMPAIGN_ORGANIZERS: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan'], out: ['operator', 'gov_province', 'gov_yichang'] };
const CAMPAIGN_TEAMS: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan', 'broker'], out: ['operator', 'gov_province', 'gov_yichang', 'broker'] };

// ---- demands ---- demands of 武汉光谷星辰激光科技 (420111, enterprise_admin) 'in' and of a 宜昌 enterprise 'out':
// submitted ones (reads, edits, files, review last), published ones (claim, dispatch) and ones claimed by
// 湖北知行 (the broker's institution) for the claimant's work, closed last.
const demandIds = {
  subIn: '', subOut: '', pubIn: '', pubOut: '', wrkIn: '', wrkOut: '', attIn: '', attOut: '', grantIn: '', grantOut: '',
  acceptIn: '', acceptOut: '', declineIn: '', declineOut: '', enterprise: '', service: '',
};
const demandSessions = { yichang: null as Session | null };
const demandParam = (kind: 'sub' | 'pub' | 'wrk') => async (_a: ActorKey, target: Target) => ({ id: demandIds[`${kind}${target === 'in' ? 'In' : 'Out'}`] });
const DEMAND_VISIBLE: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan', 'enterprise_admin'], out: ['operator', 'gov_province', 'gov_yichang'] };
const DEMAND_OWNERS: Case['allowed'] = { in: ['enterprise_admin'], out: [] };
const DEMAND_CLAIMANT: Case['allowed'] = { in: ['broker'], out: ['broker'] };
const DEMAND_PARTIES: Case['allowed'] = { in: ['enterprise_admin', 'broker'], out: ['broker'] };
const DEMAND_WORKERS: Case['allowed'] = { in: ['operator', 'broker'], out: ['operator', 'broker'] };
const GOVS: ActorKey[] = ['gov_province', 'gov_wuhan', 'gov_yichang'];

/** Uploads a small PDF to a demand (not public) and returns the attachment id. */
async function attachDemand(as: Session | null, demandId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/demands/${demandId}/attachments?fileName=d.pdf&public=false`,
    headers: { 'content-type': 'application/pdf', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
    payload: Buffer.from(`%PDF-1.4\n${randomUUID()}\n%%EOF\n`),
  });
  if (res.statusCode !== 201) throw new Error(`demand attach failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

// ---- saved searches ---- each signed-in actor edits its own search ('in'); 'out' is a search of a
// user outside the actor list (a new organization's admin), which nobody else reaches (404).
const savedSearchIds = { out: '', own: new Map<ActorKey, string>() };
const savedSearchParam = async (actor: ActorKey, target: Target) => ({
  id: target === 'out' ? savedSearchIds.out : (savedSearchIds.own.get(actor) ?? randomUUID()),
});
const savedSearchBody = () => ({ name: `矩阵检索 ${randomUUID().slice(0, 8)}`, query: { q: '激光', type: 'achievement', filters: {} }, alert: 'off' });

// ---- listings ---- listings of 江城理工大学 (420111) 'in' and of a 宜昌 university 'out': pending review
// (reads, withdraw, review), in publicity with a pending objection (objections), open (delisting last).
const listingIds = { pendIn: '', pendOut: '', pubIn: '', pubOut: '', objIn: '', objOut: '', openIn: '', openOut: '', freeAchievement: '', enterprise: '' };
const listingParam = (kind: 'pend' | 'pub' | 'open') => async (_a: ActorKey, target: Target) => ({ id: listingIds[`${kind}${target === 'in' ? 'In' : 'Out'}`] });
const LISTING_OBJECTORS: Case['allowed'] = { in: ['enterprise_admin', 'broker', 'lawyer'], out: ['univ_admin', 'univ_member', 'enterprise_admin', 'broker', 'lawyer'] };
const LISTING_DELISTERS: Case['allowed'] = { in: ['enterprise_admin', 'broker'], out: ['enterprise_admin', 'broker'] };

// ---- auctions ---- lots of a 宜昌 university's achievement in one session: a live lot (the enterprise a
// confirmed bidder, the broker's institution registered and pending), a lot to pause and resume, and a
// lot sold to the enterprise and closed (the broker's deposit released). Auctions are not region-scoped.
const auctionIds = { session: '', live: '', pause: '', sold: '', pendingBidder: '', releasedBidder: '', freeAchievement: '' };
const auctionParam = (kind: 'live' | 'pause' | 'sold') => async () => ({ id: auctionIds[kind] });
const AUCTION_MEMBERS: ActorKey[] = ['univ_admin', 'univ_member', 'enterprise_admin', 'broker', 'lawyer'];

// ---- contracts ---- contracts of 江城理工大学 (seller, 420111) with 武汉光谷星辰激光科技 (buyer) 'in', and of the
// 宜昌 university (seller, 420502) with a party outside the platform 'out': submitted (accept), submitted (refuse),
// submitted (withdraw), accepted (register), registered (reads, files, certificate, payments, verification).
const contractIds = {
  subIn: '', subOut: '', refIn: '', refOut: '', wdIn: '', wdOut: '', accIn: '', accOut: '', regIn: '', regOut: '',
  pdfIn: '', pdfOut: '', numberIn: '', codeIn: '', deal: '', univ: '', enterprise: '',
};
const contractParam = (kind: 'sub' | 'ref' | 'wd' | 'acc' | 'reg') => async (_a: ActorKey, target: Target) => ({ id: contractIds[`${kind}${target === 'in' ? 'In' : 'Out'}`] });
const CONTRACT_VISIBLE: Case['allowed'] = {
  in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member', 'enterprise_admin'],
  out: ['operator', 'gov_province', 'gov_yichang'],
};

// ---- subsidies ---- guidance-fund programmes of 武汉市 (420100) 'in' and 宜昌市 (420500) 'out', each with an
// application by a verified investor of that city; a draft programme (activate) and one to version. Reads and
// scores come before approval; disbursement after it; reject and withdraw last (409 / 404).
const subsidyIds = { in: '', out: '', draft: '', versioned: '', appIn: '', appOut: '' };
const subsidyProgrammeParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? subsidyIds.in : subsidyIds.out });
const subsidyAppParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? subsidyIds.appIn : subsidyIds.appOut });
const subsidyApplyBody = () => ({ programmeCode: 'matrix-wuhan', inputs: { investeeName: '矩阵被投企业', investment: '10000', investedOn: '2026-05-01' } });
const SUBSIDY_READERS: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan', 'expert'], out: ['operator', 'gov_province', 'gov_yichang', 'expert'] };
// A registered contract of the contracts block: its parties, the operator and the gov_admins of its region.
const SUBSIDY_CONTRACT_PARTIES: Case['allowed'] = {
  in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member', 'enterprise_admin'],
  out: ['operator', 'gov_province', 'gov_yichang'],
};

const CASES: Record<string, Case> = {
  'GET /api/openapi.json': { allowed: { in: 'everyone' } },
  'GET /api/health': { allowed: { in: 'everyone' } },
  'GET /api/ready': { allowed: { in: 'everyone' } },
  'GET /api/regions': { allowed: { in: 'everyone' } },
  'GET /api/regions/:code': { allowed: { in: 'everyone' }, params: async () => ({ code: '420100' }) },
  'GET /api/public/stats': { allowed: { in: 'everyone' } },
  'GET /api/auth/session': { allowed: { in: 'everyone' } },
  'POST /api/auth/signup': {
    allowed: { in: 'everyone' },
    body: () => ({ name: '矩阵测试', mobile: `137${unique()}`, password: 'Matrix#2026' }),
  },
  'POST /api/auth/signup-organization': {
    allowed: { in: 'everyone' },
    body: () => buildSignupOrganization({ admin: { mobile: `136${unique()}` } }),
  },
  'POST /api/auth/signin': { allowed: { in: 'everyone' }, body: () => ({ login: ACTORS.expert, password: DEMO_PASSWORD }) },
  'POST /api/auth/signout': { allowed: { in: 'signed_in' }, freshSession: true },
  // A wrong current password: passes authorization, then 400; nothing changes.
  'POST /api/auth/password': { allowed: { in: 'signed_in' }, body: () => ({ currentPassword: 'not-the-password', newPassword: 'Another#2026' }) },
  'GET /api/auth/tokens': { allowed: { in: 'signed_in' } },
  'POST /api/auth/tokens': { allowed: { in: 'signed_in' }, body: () => ({ name: '矩阵令牌', scopes: ['read'] }) },
  'DELETE /api/auth/tokens/:id': {
    // in: the caller's own token; out: the operator's token.
    allowed: { in: 'signed_in', out: ['operator'] },
    params: async (actor, target) => {
      const owner = target === 'in' ? actor : 'operator';
      const s = sessions.get(owner);
      if (!s) return { id: randomUUID() };
      const r = await call(t, 'POST', '/api/auth/tokens', { as: s, body: { name: 'to-revoke', scopes: ['read'] } });
      return { id: (r.json() as { id: string }).id };
    },
  },
  'GET /api/organizations': { allowed: { in: 'signed_in' } },
  'GET /api/organizations/:id': {
    allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member'], out: ['operator', 'gov_province', 'gov_yichang'] },
    params: orgParam('org'),
  },
  'PATCH /api/organizations/:id': {
    allowed: { in: ['operator', 'univ_admin'], out: ['operator'] },
    params: orgParam('org'),
    body: () => ({ address: '武汉市洪山区矩阵路 1 号' }),
  },
  'POST /api/organizations/:id/verify': { allowed: REVIEW, params: orgParam('pending') },
  'POST /api/organizations/:id/reject': { allowed: REVIEW, params: orgParam('pending'), body: () => ({ reason: '材料不全' }) },
  'POST /api/organizations/:id/members': {
    allowed: { in: ['operator', 'univ_admin'], out: ['operator'] },
    params: orgParam('org'),
    body: () => ({ name: '新成员', mobile: `135${unique()}`, password: 'Member#2026' }),
  },
  'GET /api/users': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang', 'univ_admin', 'enterprise_admin'] } },
  'PUT /api/users/:id/roles': {
    allowed: { in: ['operator'] },
    params: userParam,
    body: (_a, target) => ({ roles: target === 'in' ? [{ role: 'org_member' }] : [{ role: 'gov_admin', regionCode: '420500' }] }),
  },
  'POST /api/users/:id/status': { allowed: { in: ['operator'] }, params: userParam, body: () => ({ status: 'active' }) },
  'GET /api/audit': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },
  'GET /api/audit/export.csv': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },

  'GET /api/collection/kinds': { allowed: { in: 'signed_in' } },
  'GET /api/collection/:kind/template.xlsx': { allowed: { in: 'everyone' }, params: async () => ({ kind: 'achievement' }) },
  'POST /api/collection/:kind/imports': {
    allowed: { in: ['operator', ...MEMBERS] },
    params: async () => ({ kind: 'achievement' }),
    query: '?mode=valid_only&asDraft=true&fileName=matrix.json',
    body: () => [{ 成果名称: '矩阵导入测试' }],
  },
  // gov_admins may upload demands (for enterprises of their region), so they see their own jobs.
  'GET /api/collection/imports': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang', ...MEMBERS] } },
  'GET /api/collection/imports/:id': {
    allowed: { in: ['operator', 'univ_admin', 'univ_member'], out: ['operator'] },
    params: async (_a, target) => ({ id: target === 'in' ? ids.jobIn : ids.jobOut }),
  },
  'GET /api/collection/imports/:id/errors.xlsx': {
    allowed: { in: ['operator', 'univ_admin', 'univ_member'], out: ['operator'] },
    params: async (_a, target) => ({ id: target === 'in' ? ids.jobIn : ids.jobOut }),
  },
  'GET /api/notifications': { allowed: { in: 'signed_in' } },
  'POST /api/notifications/read': { allowed: { in: 'signed_in' }, body: () => ({}) },
  'GET /api/notifications/preferences': { allowed: { in: 'signed_in' } },
  'PUT /api/notifications/preferences': { allowed: { in: 'signed_in' }, body: () => ({ emailMode: 'instant' }) },
  // An unknown token: a public page that says so (404 counts as "hidden", as for records).
  'GET /api/notifications/unsubscribe': { allowed: { in: [] }, query: '?token=unknown-token-0000' },
  'GET /api/search': { allowed: { in: 'everyone' } },
  'GET /api/search/suggest': { allowed: { in: 'everyone' } },
  'GET /api/search/hot': { allowed: { in: 'everyone' } },
  'GET /api/search/status': { allowed: { in: 'everyone' } },
  // A confirmed (unpublished) record is not in the index: 404 for everyone, published ones are public.
  'GET /api/search/similar/:id': { allowed: { in: [], out: [] }, params: achParam },
  'GET /api/search/dictionary': { allowed: { in: ['operator'] } },
  'PUT /api/search/dictionary': { allowed: { in: ['operator'] }, body: () => ({ terms: [], synonyms: [] }) },
  // ---- campaigns ----
  'GET /api/campaigns': { allowed: { in: 'everyone' } },
  // A 武汉市 campaign: the operator and the gov_admins governing 武汉市 start it.
  'POST /api/campaigns': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan'] }, body: () => buildCampaignInput() },
  'GET /api/campaigns/:id': { allowed: { in: 'everyone' }, params: campaignParam },
  'PATCH /api/campaigns/:id': { allowed: CAMPAIGN_ORGANIZERS, params: campaignParam, body: () => ({ description: '矩阵测试' }) },
  // Visits: organizers of the region and brokers (who see only their own).
  'GET /api/campaigns/:id/visits': { allowed: CAMPAIGN_TEAMS, params: campaignParam },
  'POST /api/campaigns/:id/visits': {
    allowed: CAMPAIGN_TEAMS,
    params: campaignParam,
    body: (_a, target) => buildVisitInput({ regionCode: target === 'in' ? '420111' : '420502' }),
  },
  'GET /api/campaigns/:id/events': { allowed: { in: 'everyone' }, params: campaignParam },
  'POST /api/campaigns/:id/events': {
    allowed: CAMPAIGN_ORGANIZERS,
    params: campaignParam,
    body: (_a, target) => buildEventInput({ regionCode: target === 'in' ? '420100' : '420500' }),
  },
  'GET /api/campaigns/:id/events/:eventId': { allowed: { in: 'everyone' }, params: campaignEventParam },
  'PATCH /api/campaigns/:id/events/:eventId': { allowed: CAMPAIGN_ORGANIZERS, params: campaignEventParam, body: () => ({ outcomes: '矩阵测试' }) },
  'GET /api/achievements': { allowed: { in: 'everyone' } },
  'GET /api/achievements/export.xlsx': { allowed: { in: 'everyone' } },
  'GET /api/achievements/export.csv': { allowed: { in: 'everyone' } },
  'GET /api/achievements/mine': { allowed: { in: MEMBERS } },
  'GET /api/achievements/review-queue': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },
  'GET /api/achievements/project-library': { allowed: { in: 'everyone' } },
  'GET /api/achievements/selections': { allowed: { in: 'everyone' } },
  'POST /api/achievements': { allowed: { in: MEMBERS }, body: () => buildAchievementInput() },
  'GET /api/achievements/:id': { allowed: ACH_VISIBLE, params: achParam },
  // The trace of a record shows it to those who may see the record itself (here: a confirmed, unpublished achievement).
  'GET /api/trace/:kind/:id': { allowed: ACH_VISIBLE, params: async (a, target) => ({ kind: 'achievement', ...(await achParam(a, target)) }) },
  'PATCH /api/achievements/:id': { allowed: ACH_OWNERS, params: achParam, body: () => ({ indicators: '矩阵测试' }) },
  'POST /api/achievements/:id/submit': { allowed: ACH_OWNERS, params: achParam },
  'POST /api/achievements/:id/confirm': { allowed: { in: ['univ_admin'], out: [] }, params: achParam },
  'POST /api/achievements/:id/reconfirm': { allowed: ACH_OWNERS, params: achParam },
  'GET /api/achievements/:id/versions': { allowed: ACH_VISIBLE, params: achParam },
  'GET /api/achievements/:id/near-duplicates': { allowed: ACH_VISIBLE, params: achParam },
  'POST /api/achievements/:id/access-requests': { allowed: ACH_VISIBLE, params: achParam, body: () => ({ message: '矩阵', ndaAccepted: true }) },
  'GET /api/achievements/:id/access-requests': { allowed: ACH_OWNERS, params: achParam },
  // The body is not a supported file, so allowed callers get 400 (after every permission check).
  'POST /api/achievements/:id/attachments': { allowed: ACH_OWNERS, params: achParam, query: '?fileName=x.pdf', body: () => ({ not: 'a file' }) },
  'GET /api/achievements/:id/attachments/:attachmentId': {
    allowed: ACH_VISIBLE,
    params: async (_a, target) => (target === 'in' ? { id: ids.achIn, attachmentId: ids.attachmentIn } : { id: ids.achOut, attachmentId: ids.attachmentOut }),
  },
  'DELETE /api/achievements/:id/attachments/:attachmentId': {
    allowed: ACH_OWNERS,
    // Owners delete a fresh attachment each time; everyone else aims at the record's existing one.
    params: async (actor, target) => {
      const id = target === 'in' ? ids.achIn : ids.achOut;
      const isOwner = target === 'in' && (actor === 'univ_admin' || actor === 'univ_member');
      return { id, attachmentId: isOwner ? await attach(sessions.get('univ_admin') ?? null, id) : target === 'in' ? ids.attachmentIn : ids.attachmentOut };
    },
  },
  'POST /api/achievements/:id/access-requests/:requestId/:decision': {
    // Published NDA records with a pending request each; the owners of the 宜昌 one are not in the matrix.
    allowed: ACH_OWNERS,
    params: async (_a, target) =>
      target === 'in'
        ? { id: ids.ndaIn, requestId: ids.requestIn, decision: 'grant' }
        : { id: ids.ndaOut, requestId: ids.requestOut, decision: 'grant' },
  },
  // State-changing reviews after every read of the records in their confirmed state.
  'POST /api/achievements/:id/publish': { allowed: ACH_REVIEW, params: achParam },
  'POST /api/achievements/:id/return': { allowed: ACH_REVIEW, params: achParam, body: () => ({ reasons: [{ field: 'title', message: '矩阵' }] }) },
  'POST /api/achievements/:id/revision/approve': { allowed: ACH_REVIEW, params: achParam },
  'POST /api/achievements/:id/revision/return': { allowed: ACH_REVIEW, params: achParam, body: () => ({ reasons: [{ field: 'title', message: '矩阵' }] }) },
  'POST /api/achievements/:id/selection': { allowed: { in: ['operator'] }, params: achParam, body: () => ({ year: 2026 }) },
  // Last: archiving ends the records' life, so every other check runs before it.
  'POST /api/achievements/:id/archive': { allowed: { in: ['operator', 'univ_admin'], out: ['operator'] }, params: achParam },
  // ---- demands ----
  'GET /api/demands': { allowed: { in: 'everyone' } },
  'GET /api/demands/mine': { allowed: { in: MEMBERS } },
  // Claimants: members of a verified service institution (the broker's 湖北知行); other members get 403.
  'GET /api/demands/pool': { allowed: { in: ['broker'] } },
  'GET /api/demands/claimed': { allowed: { in: ['broker'] } },
  'GET /api/demands/follow-ups-due': { allowed: { in: ['broker'] } },
  'GET /api/demands/review-queue': { allowed: { in: ['operator', ...GOVS] } },
  'GET /api/demands/dispatch': { allowed: { in: ['operator', ...GOVS] } },
  'GET /api/demands/response-rates': { allowed: { in: ['operator', ...GOVS, 'broker'] } },
  // For 星辰 (武汉): the enterprise itself, the operator, brokers and the gov_admins governing 420111.
  'POST /api/demands': {
    allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'enterprise_admin', 'broker'] },
    body: () => buildDemandInput({ enterpriseOrganizationId: demandIds.enterprise }),
  },
  'GET /api/demands/:id': { allowed: DEMAND_VISIBLE, params: demandParam('sub') },
  'PATCH /api/demands/:id': { allowed: DEMAND_OWNERS, params: demandParam('sub'), body: () => ({ indicators: '矩阵测试' }) },
  // Already submitted: the owner gets 409 (allowed), everyone else 403/404.
  'POST /api/demands/:id/submit': { allowed: DEMAND_OWNERS, params: demandParam('sub') },
  // The body is not a supported file, so allowed callers get 400 (after every permission check).
  'POST /api/demands/:id/attachments': { allowed: DEMAND_OWNERS, params: demandParam('sub'), query: '?fileName=x.pdf', body: () => ({ not: 'a file' }) },
  'GET /api/demands/:id/attachments/:attachmentId': {
    allowed: DEMAND_VISIBLE,
    params: async (_a, target) => (target === 'in' ? { id: demandIds.subIn, attachmentId: demandIds.attIn } : { id: demandIds.subOut, attachmentId: demandIds.attOut }),
  },
  'DELETE /api/demands/:id/attachments/:attachmentId': {
    allowed: DEMAND_OWNERS,
    // The enterprise deletes a fresh file each time; everyone else aims at the existing one.
    params: async (actor, target) => {
      if (target === 'out') return { id: demandIds.subOut, attachmentId: demandIds.attOut };
      return { id: demandIds.subIn, attachmentId: actor === 'enterprise_admin' ? await attachDemand(sessions.get('enterprise_admin') ?? null, demandIds.subIn) : demandIds.attIn };
    },
  },
  // The broker claims first; the reviewers' dispatch then meets a claimed demand (409, allowed).
  'POST /api/demands/:id/claim': { allowed: DEMAND_CLAIMANT, params: demandParam('pub') },
  'POST /api/demands/:id/dispatch': { allowed: REVIEW, params: demandParam('pub'), body: () => ({ organizationId: demandIds.service }) },
  'POST /api/demands/:id/follow-ups': {
    allowed: DEMAND_CLAIMANT,
    params: demandParam('wrk'),
    body: () => ({ kind: 'call', happenedOn: shanghaiDay(new Date()), notes: '矩阵测试跟进' }),
  },
  'POST /api/demands/:id/messages': { allowed: DEMAND_PARTIES, params: demandParam('wrk'), body: () => ({ body: '矩阵测试留言' }) },
  'POST /api/demands/:id/grants': { allowed: DEMAND_OWNERS, params: demandParam('wrk'), body: () => ({ organizationId: demandIds.service }) },
  'DELETE /api/demands/:id/grants/:grantId': {
    allowed: DEMAND_OWNERS,
    params: async (_a, target) => (target === 'in' ? { id: demandIds.wrkIn, grantId: demandIds.grantIn } : { id: demandIds.wrkOut, grantId: demandIds.grantOut }),
  },
  'POST /api/demands/:id/proposals': { allowed: DEMAND_CLAIMANT, params: demandParam('wrk'), body: () => ({ partnerOrganizationId: ids.orgIn, summary: '矩阵测试方案' }) },
  'POST /api/demands/:id/proposals/:proposalId/accept': {
    allowed: DEMAND_OWNERS,
    params: async (_a, target) => (target === 'in' ? { id: demandIds.wrkIn, proposalId: demandIds.acceptIn } : { id: demandIds.wrkOut, proposalId: demandIds.acceptOut }),
  },
  'POST /api/demands/:id/proposals/:proposalId/decline': {
    allowed: DEMAND_PARTIES,
    params: async (_a, target) => (target === 'in' ? { id: demandIds.wrkIn, proposalId: demandIds.declineIn } : { id: demandIds.wrkOut, proposalId: demandIds.declineOut }),
    body: () => ({ reasons: ['price'] }),
  },
  'POST /api/demands/:id/match': { allowed: DEMAND_WORKERS, params: demandParam('wrk'), body: () => ({ organizationIds: [ids.orgIn] }) },
  'POST /api/demands/:id/contracted': { allowed: DEMAND_WORKERS, params: demandParam('wrk'), body: () => ({ contractRef: '矩阵-2026-001' }) },
  // Contracted by now: the claimant's refusal is a 409 (allowed).
  'POST /api/demands/:id/refuse': { allowed: DEMAND_CLAIMANT, params: demandParam('wrk'), body: () => ({ reason: '矩阵测试拒绝' }) },
  // Last of the claimed ones: closing ends their work.
  'POST /api/demands/:id/close': {
    allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'enterprise_admin'], out: ['operator', 'gov_province', 'gov_yichang'] },
    params: demandParam('wrk'),
    body: () => ({ reason: 'solved' }),
  },
  // Review last: publishing changes what the submitted ones show.
  'POST /api/demands/:id/publish': { allowed: REVIEW, params: demandParam('sub') },
  'POST /api/demands/:id/return': { allowed: REVIEW, params: demandParam('sub'), body: () => ({ reasons: [{ field: 'title', message: '矩阵' }] }) },
  // ---- matching ----
  // After the demands block: the 'pub' demands are claimed by 湖北知行 (the broker's institution) by now.
  'GET /api/matching/demands/:id/recommendations': {
    allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'enterprise_admin', 'broker'], out: ['operator', 'gov_province', 'gov_yichang', 'broker'] },
    params: demandParam('pub'),
  },
  // The owners, the operator and the region's gov_admins (others: 404, the records are not published).
  'GET /api/matching/achievements/:id/demands': { allowed: ACH_VISIBLE, params: achParam },
  'GET /api/matching/weights': { allowed: { in: ['operator', ...GOVS] } },
  'PUT /api/matching/weights': {
    allowed: { in: ['operator'] },
    body: () => ({ weights: { text: 0.45, keyField: 0.1, industry: 0.05, maturity: 0.1, region: 0.1, price: 0.08, cooperation: 0.07, record: 0.05 } }),
  },
  'GET /api/matching/weights/history': { allowed: { in: ['operator', ...GOVS] } },
  'POST /api/matching/rematch': { allowed: { in: ['operator'] } },
  // ---- exchange ---- the change feed of public records: anonymous callers, sessions and API tokens alike.
  'GET /api/exchange/changes': { allowed: { in: 'everyone' } },
  // Webhooks: a subscription the operator made for a partner organization; only the operator manages it
  // (a partner manages its own; creating one needs an API token, or is the operator's for an organization).
  'GET /api/exchange/webhooks': { allowed: { in: 'signed_in' } },
  'POST /api/exchange/webhooks': { allowed: { in: ['operator'] }, body: () => ({ name: '矩阵推送', url: 'https://partner.example/hook', partnerOrganizationId: ids.orgIn }) },
  'GET /api/exchange/webhooks/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.webhook }) },
  'PATCH /api/exchange/webhooks/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.webhook }), body: () => ({ isActive: true }) },
  'GET /api/exchange/webhooks/:id/deliveries': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.webhook }) },
  'POST /api/exchange/webhooks/:id/replay': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.webhook }), body: () => ({ since: '2099-01-01T00:00:00Z' }) },
  // ---- harvest ---- the registry of peers, runs and clusters is the operator's; a harvested record's source is public.
  'GET /api/harvest/peers': { allowed: { in: ['operator'] } },
  'POST /api/harvest/peers': { allowed: { in: ['operator'] }, body: () => ({ name: '矩阵平台', baseUrl: `http://127.0.0.1:9/oai/${++serial}`, protocol: 'oai-pmh' }) },
  'GET /api/harvest/peers/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.peer }) },
  'PATCH /api/harvest/peers/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.peer }), body: () => ({ isActive: true }) },
  'POST /api/harvest/peers/:id/harvest': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.peer }), body: () => ({}) },
  'GET /api/harvest/runs': { allowed: { in: ['operator'] } },
  'GET /api/harvest/runs/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.run }) },
  'GET /api/harvest/records': { allowed: { in: ['operator'] } },
  'GET /api/harvest/records/:id': { allowed: { in: 'everyone' }, params: async () => ({ id: harvestIds.record }) },
  'GET /api/harvest/clusters': { allowed: { in: ['operator'] } },
  'GET /api/harvest/clusters/:id': { allowed: { in: ['operator'] }, params: async () => ({ id: harvestIds.cluster }) },
  'POST /api/harvest/clusters/:id/split': {
    allowed: { in: ['operator'] },
    params: async () => ({ id: (await harvestCluster()).id }),
    body: () => ({ members: [{ memberType: 'harvested', memberId: harvestIds.lastMembers[0] }] }),
  },
  'POST /api/harvest/clusters/:id/merge': {
    allowed: { in: ['operator'] },
    params: async () => {
      const other = await harvestCluster();
      const c = await harvestCluster();
      harvestIds.mergeOther = other.id;
      return { id: c.id };
    },
    body: () => ({ otherClusterId: harvestIds.mergeOther }),
  },
  // ---- listings ----
  'GET /api/listings': { allowed: { in: 'everyone' } },
  'GET /api/listings/mine': { allowed: { in: MEMBERS } },
  'GET /api/listings/review-queue': { allowed: { in: ['operator', ...GOVS] } },
  'GET /api/listings/deals': { allowed: { in: MEMBERS } },
  'GET /api/listings/settings': { allowed: { in: 'signed_in' } },
  'PUT /api/listings/settings': { allowed: { in: ['operator'] }, body: () => ({ publicityWorkingDays: 5, dealNoticeWorkingDays: 5 }) },
  // Pending review: the owner and the reviewers of the region only.
  'GET /api/listings/:id': { allowed: ACH_VISIBLE, params: listingParam('pend') },
  // One published achievement: the first owner's listing is created, the second gets 409 (allowed).
  'POST /api/listings': {
    allowed: { in: ['univ_admin', 'univ_member'] },
    body: () => ({ achievementId: listingIds.freeAchievement, mode: 'transfer', price: '100000', period: { kind: 'working_days', workingDays: 20 }, terms: '矩阵测试挂牌条件' }),
  },
  'POST /api/listings/:id/objections': { allowed: LISTING_OBJECTORS, params: listingParam('pub'), body: () => ({ reason: '矩阵异议' }) },
  // The first reviewer dismisses the objection; the next ones get 409 (allowed).
  'POST /api/listings/:id/objections/:objectionId/resolve': {
    allowed: ACH_REVIEW,
    params: async (_a, target) => (target === 'in' ? { id: listingIds.pubIn, objectionId: listingIds.objIn } : { id: listingIds.pubOut, objectionId: listingIds.objOut }),
    body: () => ({ outcome: 'dismissed', resolution: '矩阵：异议不成立' }),
  },
  // The first delisting wins; later allowed callers get 409 (该成果已被摘牌).
  'POST /api/listings/:id/delist': {
    allowed: LISTING_DELISTERS,
    params: listingParam('open'),
    body: (actor) => (actor === 'broker' ? { onBehalfOfOrganizationId: listingIds.enterprise } : {}),
  },
  // Review after every read of the pending listings: approval first, then reject and withdraw get 409.
  'POST /api/listings/:id/approve': { allowed: ACH_REVIEW, params: listingParam('pend'), body: () => ({}) },
  'POST /api/listings/:id/reject': { allowed: ACH_REVIEW, params: listingParam('pend'), body: () => ({ reason: '矩阵' }) },
  'POST /api/listings/:id/withdraw': { allowed: { in: ['univ_admin', 'univ_member'], out: [] }, params: listingParam('pend'), body: () => ({ reason: '矩阵撤销' }) },
  // ---- contracts ----
  // A JSON body is not a PDF: every member passes the gate and gets 400 (allowed).
  'POST /api/contracts/uploads': { allowed: { in: MEMBERS }, query: '?kind=contract&fileName=x.pdf', body: () => ({ not: 'a file' }) },
  'GET /api/contracts/mine': { allowed: { in: MEMBERS } },
  'GET /api/contracts/queue': { allowed: { in: ['operator', ...GOVS] } },
  'GET /api/contracts/statistics': { allowed: { in: ['operator', ...GOVS] } },
  // The deal's parties only (its owner 江城理工大学 and its buyer); everyone else: 404.
  'GET /api/contracts/prefill': {
    allowed: { in: ['univ_admin', 'univ_member', 'enterprise_admin'] },
    get query() {
      return `?dealId=${contractIds.deal}`;
    },
  },
  'GET /api/contracts/verify/:registrationNumber': {
    allowed: { in: 'everyone' },
    params: async () => ({ registrationNumber: contractIds.numberIn }),
    get query() {
      return `?code=${contractIds.codeIn}`;
    },
  },
  'GET /api/contracts/:id': { allowed: CONTRACT_VISIBLE, params: contractParam('reg') },
  'GET /api/contracts/:id/files/:sha256': {
    allowed: CONTRACT_VISIBLE,
    params: async (_a, target) => ({ id: target === 'in' ? contractIds.regIn : contractIds.regOut, sha256: target === 'in' ? contractIds.pdfIn : contractIds.pdfOut }),
  },
  'GET /api/contracts/:id/certificate.pdf': { allowed: CONTRACT_VISIBLE, params: contractParam('reg') },
  // Members of other organizations pass the gate and get 400 (their organization is not a party).
  'POST /api/contracts': {
    allowed: { in: MEMBERS },
    body: () => ({
      contractType: 'consulting',
      title: '矩阵技术咨询合同',
      signedOn: '2026-01-10',
      contractValue: '10000',
      parties: [
        { role: 'seller', organizationId: contractIds.univ, legalNature: 'university' },
        { role: 'buyer', organizationId: contractIds.enterprise, legalNature: 'enterprise_private' },
      ],
      signedPdf: { sha256: contractIds.pdfIn, fileName: 'm.pdf' },
    }),
  },
  'POST /api/contracts/:id/accept': { allowed: REVIEW, params: contractParam('sub') },
  'POST /api/contracts/:id/refuse': { allowed: REVIEW, params: contractParam('ref'), body: () => ({ reasons: '矩阵：不予登记' }) },
  'POST /api/contracts/:id/register': { allowed: REVIEW, params: contractParam('acc'), body: () => ({ transactionAmount: '1000' }) },
  'POST /api/contracts/:id/withdraw': { allowed: { in: ['univ_admin', 'univ_member'], out: [] }, params: contractParam('wd'), body: () => ({ reason: '矩阵撤回' }) },
  'POST /api/contracts/:id/payments': {
    allowed: { in: ['univ_admin', 'univ_member', 'enterprise_admin'], out: [] },
    params: contractParam('reg'),
    body: () => ({ onDate: '2026-01-20', amount: '1' }),
  },
  // ---- subsidies ----
  'GET /api/subsidies/programmes': { allowed: { in: 'everyone' } },
  'GET /api/subsidies/programmes/manage': { allowed: { in: ['operator', ...GOVS] } },
  'GET /api/subsidies/programmes/:id': { allowed: { in: 'everyone' }, params: subsidyProgrammeParam },
  'POST /api/subsidies/programmes': {
    allowed: { in: ['operator'] },
    body: () => ({ code: 'matrix-created', kind: 'angel_matching', name: '矩阵天使配套', params: { rateBp: 3000 }, regionCode: '420000', effectiveFrom: '2026-01-01', budget: '1000000' }),
  },
  'POST /api/subsidies/programmes/:id/activate': { allowed: { in: ['operator'] }, params: async () => ({ id: subsidyIds.draft }) },
  'POST /api/subsidies/programmes/:id/versions': {
    allowed: { in: ['operator'] },
    params: async () => ({ id: subsidyIds.versioned }),
    body: () => ({ name: '矩阵引导基金 第二版', params: { rateBp: 4000 }, regionCode: '420000', effectiveFrom: '2026-06-01', budget: '2000000' }),
  },
  'POST /api/subsidies/simulate': {
    allowed: { in: 'everyone' },
    body: () => ({ contract: { contractType: 'development_commissioned', seller: { legalNature: 'university', regionCode: '420111' }, buyer: { legalNature: 'enterprise_private', regionCode: '420111' }, paid: '100000' } }),
  },
  'GET /api/subsidies/simulate/contract/:contractId': {
    allowed: SUBSIDY_CONTRACT_PARTIES,
    params: async (_a, target) => ({ contractId: target === 'in' ? contractIds.regIn : contractIds.regOut }),
  },
  'GET /api/subsidies/applications/mine': { allowed: { in: MEMBERS } },
  'GET /api/subsidies/applications/review-queue': { allowed: { in: ['operator', ...GOVS, 'expert'] } },
  // Members of organizations that are not investors pass the gate and get 400 (not eligible).
  'POST /api/subsidies/applications/preview': { allowed: { in: MEMBERS }, body: subsidyApplyBody },
  'POST /api/subsidies/applications': { allowed: { in: MEMBERS }, body: subsidyApplyBody },
  'GET /api/subsidies/applications/:id': { allowed: SUBSIDY_READERS, params: subsidyAppParam },
  'POST /api/subsidies/applications/:id/scores': { allowed: { in: ['expert'] }, params: subsidyAppParam, body: () => ({ score: 80, comment: '矩阵评分' }) },
  // The first reviewer approves; the next ones get 409 (allowed).
  'POST /api/subsidies/applications/:id/approve': { allowed: REVIEW, params: subsidyAppParam, body: () => ({ amount: '100', comment: '矩阵：按预算核减' }) },
  'POST /api/subsidies/applications/:id/disbursements': {
    allowed: REVIEW,
    params: subsidyAppParam,
    body: () => ({ idempotencyKey: `matrix-${randomUUID()}`, amount: '1', paidOn: '2026-11-01', reference: '矩阵拨付' }),
  },
  'POST /api/subsidies/applications/:id/reject': { allowed: REVIEW, params: subsidyAppParam, body: () => ({ reason: '矩阵' }) },
  // Only the applicant investors (not among the actors) may withdraw: everyone else is denied.
  'POST /api/subsidies/applications/:id/withdraw': { allowed: { in: [], out: [] }, params: subsidyAppParam, body: () => ({ reason: '矩阵撤回' }) },
  'GET /api/public-log': { allowed: { in: 'everyone' } },
  'GET /api/public-log/verify': { allowed: { in: 'everyone' } },
  // ---- auctions ----
  'GET /api/auctions/sessions': { allowed: { in: 'everyone' } },
  'GET /api/auctions/sessions/:id': { allowed: { in: 'everyone' }, params: async () => ({ id: auctionIds.session }) },
  'POST /api/auctions/sessions': { allowed: { in: ['operator'] }, body: () => ({ title: '矩阵专场', kind: 'region', regionCode: '420500' }) },
  // The operator's lot is created; nobody else passes the gate.
  'POST /api/auctions/sessions/:id/lots': {
    allowed: { in: ['operator'] },
    params: async () => ({ id: auctionIds.session }),
    body: () => ({ achievementId: auctionIds.freeAchievement, startPrice: '100000', increment: '1000', deposit: '10000', startsAt: new Date(Date.now() + 3_600_000).toISOString(), freeMinutes: 60, delayMinutes: 5 }),
  },
  'GET /api/auctions/lots/:id': { allowed: { in: 'everyone' }, params: auctionParam('live') },
  'GET /api/auctions/lots/:id/ledger': { allowed: { in: 'everyone' }, params: auctionParam('sold') },
  'GET /api/auctions/lots/:id/verify': { allowed: { in: 'everyone' }, params: auctionParam('sold') },
  // A closed lot: the stream sends its snapshot and ends.
  'GET /api/auctions/lots/:id/events': { allowed: { in: 'everyone' }, params: auctionParam('sold') },
  // Members of verified organizations (a second registration of one organization gets 409, allowed).
  'POST /api/auctions/lots/:id/register': { allowed: { in: AUCTION_MEMBERS }, params: auctionParam('live') },
  // Only the confirmed bidder bids (201, or 400 below the price); others are refused (403).
  'POST /api/auctions/lots/:id/bids': { allowed: { in: ['enterprise_admin'] }, params: auctionParam('live'), body: () => ({ amount: '100000', idempotencyKey: `matrix-${randomUUID()}` }) },
  'GET /api/auctions/lots/:id/bidders': { allowed: { in: ['operator'] }, params: auctionParam('live') },
  'POST /api/auctions/lots/:id/pause': { allowed: { in: ['operator'] }, params: auctionParam('pause'), body: () => ({ reason: '矩阵暂停' }) },
  'POST /api/auctions/lots/:id/resume': { allowed: { in: ['operator'] }, params: auctionParam('pause') },
  // The buyer (the enterprise), the owner and the operator.
  'GET /api/auctions/lots/:id/confirmation.pdf': { allowed: { in: ['operator', 'enterprise_admin'] }, params: auctionParam('sold') },
  'GET /api/auctions/mine': { allowed: { in: AUCTION_MEMBERS } },
  'GET /api/auctions/deposits': { allowed: { in: ['operator'] } },
  'POST /api/auctions/bidders/:id/confirm-deposit': { allowed: { in: ['operator'] }, params: async () => ({ id: auctionIds.pendingBidder }), body: () => ({ paymentReference: 'MATRIX-1' }) },
  'POST /api/auctions/bidders/:id/refund': { allowed: { in: ['operator'] }, params: async () => ({ id: auctionIds.releasedBidder }), body: () => ({ refundReference: 'MATRIX-R1' }) },
  // Last: the default suspends the enterprise from further registrations.
  'POST /api/auctions/lots/:id/default': { allowed: { in: ['operator'] }, params: auctionParam('sold'), body: () => ({ reason: '矩阵违约' }) },
  // ---- saved searches ----
  'GET /api/saved-searches': { allowed: { in: 'signed_in' } },
  'POST /api/saved-searches': { allowed: { in: 'signed_in' }, body: savedSearchBody },
  'PATCH /api/saved-searches/:id': { allowed: { in: 'signed_in', out: [] }, params: savedSearchParam, body: () => ({ alert: 'on' }) },
  'DELETE /api/saved-searches/:id': { allowed: { in: 'signed_in', out: [] }, params: savedSearchParam },
};

function expected(allowed: Allowed, actor: ActorKey): 'allow' | 'deny' | 'unauthenticated' {
  if (allowed === 'everyone') return 'allow';
  if (actor === 'anonymous') return 'unauthenticated';
  if (allowed === 'signed_in') return 'allow';
  return allowed.includes(actor) ? 'allow' : 'deny';
}

function outcome(status: number): 'allow' | 'deny' | 'unauthenticated' {
  if (status === 401) return 'unauthenticated';
  if (status === 403 || status === 404) return 'deny';
  return 'allow';
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, login] of Object.entries(ACTORS)) sessions.set(key as ActorKey, await signIn(t, login));
  ids.orgIn = await orgId('江城理工大学'); // 420111, Wuhan; univ_admin's own organization
  ids.orgOut = await orgId('宜昌三峡新能源电池有限公司'); // 420506, Yichang
  ids.pendingIn = await orgId('武汉微纳传感技术有限公司'); // 420111, pending
  ids.pendingOut = await orgId('宜昌绿电储能科技有限公司'); // 420506, pending
  ids.userIn = await userId('univ.member@kehui.example.cn');
  ids.userOut = await userId('gov.yichang@kehui.example.cn');

  // Achievements of a 武汉 and a 宜昌 university.
  const signup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'university' }, admin: { mobile: `138${unique()}` } }),
  });
  const yichang = sessionFrom(signup);
  await call(t, 'POST', `/api/organizations/${signup.json<{ organization: { id: string } }>().organization.id}/verify`, { as: sessions.get('operator') ?? null });
  const univ = sessions.get('univ_admin') ?? null;
  const operator = sessions.get('operator') ?? null;
  const enterprise = sessions.get('enterprise_admin') ?? null;
  async function confirmed(as: Session | null, overrides: Record<string, unknown> = {}) {
    const a = await call(t, 'POST', '/api/achievements', { as, body: buildAchievementInput(overrides) });
    const id = a.json<{ id: string }>().id;
    const s = await call(t, 'POST', `/api/achievements/${id}/submit`, { as });
    if (s.statusCode !== 200) throw new Error(`submit failed: ${s.body}`);
    return id;
  }
  async function ndaWithRequest(as: Session | null) {
    const id = await confirmed(as, { disclosureTier: 'nda' });
    await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator });
    const r = await call(t, 'POST', `/api/achievements/${id}/access-requests`, { as: enterprise, body: { message: '矩阵', ndaAccepted: true } });
    return { id, requestId: r.json<{ id: string }>().id };
  }
  ids.achIn = await confirmed(univ);
  ids.achOut = await confirmed(yichang);
  ids.attachmentIn = await attach(univ, ids.achIn);
  ids.attachmentOut = await attach(yichang, ids.achOut);
  // Import jobs of each university (an invalid row, so each has an error report).
  async function job(as: Session | null) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/collection/achievement/imports?mode=valid_only&asDraft=true&fileName=m.json',
      headers: { 'content-type': 'application/json', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
      payload: JSON.stringify([{ 成果名称: '缺少字段的成果' }]),
    });
    if (res.statusCode !== 202) throw new Error(`import failed: ${res.body}`);
    const id = res.json<{ job: { id: string } }>().job.id;
    for (let i = 0; i < 100; i++) {
      const j = await call(t, 'GET', `/api/collection/imports/${id}`, { as });
      if (['succeeded', 'failed'].includes(j.json<{ status: string }>().status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return id;
  }
  ids.jobIn = await job(univ);
  ids.jobOut = await job(yichang);
  const ndaIn = await ndaWithRequest(univ);
  const ndaOut = await ndaWithRequest(yichang);
  ids.ndaIn = ndaIn.id;
  ids.requestIn = ndaIn.requestId;
  ids.ndaOut = ndaOut.id;
  ids.requestOut = ndaOut.requestId;

  // ---- campaigns ----
  async function campaignWithEvent(regionCode: string) {
    const c = await call(t, 'POST', '/api/campaigns', { as: operator, body: buildCampaignInput({ regionCodes: [regionCode] }) });
    if (c.statusCode !== 201) throw new Error(`campaign failed: ${c.body}`);
    const id = c.json<{ id: string }>().id;
    const e = await call(t, 'POST', `/api/campaigns/${id}/events`, { as: operator, body: buildEventInput({ regionCode }) });
    if (e.statusCode !== 201) throw new Error(`campaign event failed: ${e.body}`);
    return { id, eventId: e.json<{ id: string }>().id };
  }
  const campaignIn = await campaignWithEvent('420100');
  const campaignOut = await campaignWithEvent('420500');
  Object.assign(campaignIds, { in: campaignIn.id, eventIn: campaignIn.eventId, out: campaignOut.id, eventOut: campaignOut.eventId });

  // ---- demands ----
  const ySignup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'enterprise' }, admin: { mobile: `134${unique()}` } }),
  });
  demandSessions.yichang = sessionFrom(ySignup);
  await call(t, 'POST', `/api/organizations/${ySignup.json<{ organization: { id: string } }>().organization.id}/verify`, { as: operator });
  demandIds.enterprise = await orgId('武汉光谷星辰激光科技有限公司');
  demandIds.service = await orgId('湖北知行技术转移服务有限公司');
  const brokerSession = sessions.get('broker') ?? null;
  async function demandIn(as: Session | null, stage: 'submitted' | 'published' | 'claimed') {
    const c = await call(t, 'POST', '/api/demands', { as, body: buildDemandInput() });
    if (c.statusCode !== 201) throw new Error(`demand failed: ${c.body}`);
    const id = c.json<{ id: string }>().id;
    const steps: [Session | null, string][] = [[as, 'submit']];
    if (stage !== 'submitted') steps.push([operator, 'publish']);
    if (stage === 'claimed') steps.push([brokerSession, 'claim']);
    for (const [who, step] of steps) {
      const r = await call(t, 'POST', `/api/demands/${id}/${step}`, { as: who });
      if (r.statusCode !== 200) throw new Error(`demand ${step} failed: ${r.body}`);
    }
    return id;
  }
  async function demandProposal(id: string) {
    const r = await call(t, 'POST', `/api/demands/${id}/proposals`, { as: brokerSession, body: { partnerOrganizationId: ids.orgIn, summary: '矩阵方案' } });
    if (r.statusCode !== 201) throw new Error(`proposal failed: ${r.body}`);
    const list = r.json<{ proposals: { id: string }[] }>().proposals;
    return list[list.length - 1]?.id ?? '';
  }
  async function demandGrant(as: Session | null, id: string) {
    const r = await call(t, 'POST', `/api/demands/${id}/grants`, { as, body: { organizationId: demandIds.service } });
    if (r.statusCode !== 201) throw new Error(`grant failed: ${r.body}`);
    return r.json<{ grants: { id: string }[] }>().grants[0]?.id ?? '';
  }
  for (const [target, as] of [['In', enterprise], ['Out', demandSessions.yichang]] as const) {
    demandIds[`sub${target}`] = await demandIn(as, 'submitted');
    demandIds[`pub${target}`] = await demandIn(as, 'published');
    demandIds[`wrk${target}`] = await demandIn(as, 'claimed');
    demandIds[`att${target}`] = await attachDemand(as, demandIds[`sub${target}`]);
    demandIds[`grant${target}`] = await demandGrant(as, demandIds[`wrk${target}`]);
    demandIds[`accept${target}`] = await demandProposal(demandIds[`wrk${target}`]);
    demandIds[`decline${target}`] = await demandProposal(demandIds[`wrk${target}`]);
  }

  // ---- listings ----
  listingIds.enterprise = await orgId('武汉光谷星辰激光科技有限公司');
  async function publishedAch(as: Session | null) {
    const id = await confirmed(as);
    const p = await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator });
    if (p.statusCode !== 200) throw new Error(`publish failed: ${p.body}`);
    return id;
  }
  async function listing(as: Session | null, stage: 'pending' | 'publicity' | 'open') {
    const c = await call(t, 'POST', '/api/listings', {
      as,
      body: { achievementId: await publishedAch(as), mode: 'transfer', price: '500000', period: { kind: 'working_days', workingDays: 20 }, terms: '矩阵测试挂牌条件' },
    });
    if (c.statusCode !== 201) throw new Error(`listing failed: ${c.body}`);
    const id = c.json<{ id: string }>().id;
    if (stage === 'pending') return id;
    const a = await call(t, 'POST', `/api/listings/${id}/approve`, { as: operator, body: {} });
    if (a.statusCode !== 200) throw new Error(`listing approve failed: ${a.body}`);
    if (stage === 'open') {
      const end = a.json<{ publicityEnd: string }>().publicityEnd;
      await sweepListings({ db: t.database.db }, new Date(Date.parse(`${end}T16:00:00Z`)));
    }
    return id;
  }
  for (const [target, as] of [['In', univ], ['Out', yichang]] as const) {
    listingIds[`pend${target}`] = await listing(as, 'pending');
    listingIds[`pub${target}`] = await listing(as, 'publicity');
    // The pending objection keeps this one in publicity when the sweep opens the next one.
    const o = await call(t, 'POST', `/api/listings/${listingIds[`pub${target}`]}/objections`, { as: enterprise, body: { reason: '矩阵测试异议' } });
    if (o.statusCode !== 201) throw new Error(`objection failed: ${o.body}`);
    listingIds[`obj${target}`] = o.json<{ objections: { id: string }[] }>().objections[0]?.id ?? '';
    listingIds[`open${target}`] = await listing(as, 'open');
  }
  listingIds.freeAchievement = await publishedAch(univ);

  // ---- auctions ----
  {
    const s = await call(t, 'POST', '/api/auctions/sessions', { as: operator, body: { title: '矩阵拍卖专场', kind: 'industry', industry: 'C' } });
    if (s.statusCode !== 201) throw new Error(`auction session failed: ${s.body}`);
    auctionIds.session = s.json<{ id: string }>().id;
    const broker = sessions.get('broker') ?? null;
    const lotOf = async (o: Record<string, unknown> = {}) => {
      const r = await call(t, 'POST', `/api/auctions/sessions/${auctionIds.session}/lots`, {
        as: operator,
        body: { achievementId: await publishedAch(yichang), startPrice: '100000', increment: '1000', deposit: '10000', startsAt: new Date(Date.now() - 1000).toISOString(), freeMinutes: 60, delayMinutes: 5, ...o },
      });
      if (r.statusCode !== 201) throw new Error(`auction lot failed: ${r.body}`);
      return r.json<{ id: string }>().id;
    };
    const register = async (lotId: string, as: Session | null) => {
      const r = await call(t, 'POST', `/api/auctions/lots/${lotId}/register`, { as });
      if (r.statusCode !== 201) throw new Error(`auction register failed: ${r.body}`);
      return r.json<{ myBidder: { id: string } }>().myBidder.id;
    };
    const confirm = async (bidderId: string) => {
      const r = await call(t, 'POST', `/api/auctions/bidders/${bidderId}/confirm-deposit`, { as: operator, body: { paymentReference: 'MATRIX' } });
      if (r.statusCode !== 200) throw new Error(`auction deposit failed: ${r.body}`);
    };
    auctionIds.live = await lotOf();
    auctionIds.pause = await lotOf();
    auctionIds.sold = await lotOf();
    await confirm(await register(auctionIds.live, enterprise));
    auctionIds.pendingBidder = await register(auctionIds.live, broker);
    await confirm(await register(auctionIds.sold, enterprise));
    auctionIds.releasedBidder = await register(auctionIds.sold, broker);
    const b = await call(t, 'POST', `/api/auctions/lots/${auctionIds.sold}/bids`, { as: enterprise, body: { amount: '100000', idempotencyKey: 'matrix-sold-1' } });
    if (b.statusCode !== 201) throw new Error(`auction bid failed: ${b.body}`);
    const rt = createAuctions({ database: t.database, pdfFont: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' });
    await closeDueLot(rt, auctionIds.sold, Date.now() + 7 * 86_400_000);
    auctionIds.freeAchievement = await publishedAch(yichang);
  }

  // ---- contracts ----
  contractIds.univ = ids.orgIn;
  contractIds.enterprise = listingIds.enterprise;
  const yichangUnivId = signup.json<{ organization: { id: string } }>().organization.id;
  async function contractPdf(as: Session | null) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contracts/uploads?kind=contract&fileName=c.pdf',
      headers: { 'content-type': 'application/pdf', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
      payload: Buffer.from(`%PDF-1.4\n${randomUUID()}\n%%EOF\n`),
    });
    if (res.statusCode !== 201) throw new Error(`contract upload failed: ${res.body}`);
    return res.json<{ sha256: string }>().sha256;
  }
  contractIds.pdfIn = await contractPdf(univ);
  contractIds.pdfOut = await contractPdf(yichang);
  async function contract(target: 'in' | 'out', stage: 'submitted' | 'accepted' | 'registered') {
    const as = target === 'in' ? univ : yichang;
    const parties =
      target === 'in'
        ? [{ role: 'seller', organizationId: ids.orgIn, legalNature: 'university' }, { role: 'buyer', organizationId: listingIds.enterprise, legalNature: 'enterprise_private' }]
        : [{ role: 'seller', organizationId: yichangUnivId, legalNature: 'university' }, { role: 'buyer', name: '宜昌矩阵测试企业', creditCode: '91420500MA4K000001', regionCode: '420502', legalNature: 'enterprise_private' }];
    const c = await call(t, 'POST', '/api/contracts', {
      as,
      body: { contractType: 'development_commissioned', title: '矩阵技术开发合同', signedOn: '2026-01-10', contractValue: '100000', parties, signedPdf: { sha256: target === 'in' ? contractIds.pdfIn : contractIds.pdfOut, fileName: 'c.pdf' } },
    });
    if (c.statusCode !== 201) throw new Error(`contract failed: ${c.body}`);
    const id = c.json<{ id: string }>().id;
    if (stage === 'submitted') return id;
    const a = await call(t, 'POST', `/api/contracts/${id}/accept`, { as: operator });
    if (a.statusCode !== 200) throw new Error(`contract accept failed: ${a.body}`);
    if (stage === 'registered') {
      const r = await call(t, 'POST', `/api/contracts/${id}/register`, { as: operator, body: { transactionAmount: '90000' } });
      if (r.statusCode !== 200) throw new Error(`contract register failed: ${r.body}`);
    }
    return id;
  }
  for (const target of ['in', 'out'] as const) {
    const k = target === 'in' ? 'In' : 'Out';
    contractIds[`sub${k}`] = await contract(target, 'submitted');
    contractIds[`ref${k}`] = await contract(target, 'submitted');
    contractIds[`wd${k}`] = await contract(target, 'submitted');
    contractIds[`acc${k}`] = await contract(target, 'accepted');
    contractIds[`reg${k}`] = await contract(target, 'registered');
  }
  const registered = await call(t, 'GET', `/api/contracts/${contractIds.regIn}`, { as: operator });
  contractIds.numberIn = registered.json<{ registrationNumber: string }>().registrationNumber;
  const [codeRow] = await t.database.db.select({ code: contracts.verifyCode }).from(contracts).where(eq(contracts.id, contractIds.regIn));
  contractIds.codeIn = codeRow?.code ?? '';
  // A deal of 江城理工大学 taken by 武汉光谷星辰激光科技, for the prefill.
  const dealListing = await listing(univ, 'open');
  const delisted = await call(t, 'POST', `/api/listings/${dealListing}/delist`, { as: enterprise, body: {} });
  if (delisted.statusCode !== 200) throw new Error(`delist failed: ${delisted.body}`);
  contractIds.deal = delisted.json<{ deal: { id: string } }>().deal.id;

  // ---- subsidies ----
  async function subsidyProgramme(code: string, regionCode: string, activate = true) {
    const c = await call(t, 'POST', '/api/subsidies/programmes', {
      as: operator,
      body: { code, kind: 'guidance_injection', name: `矩阵引导基金 ${code}`, params: { rateBp: 3000 }, regionCode, effectiveFrom: '2026-01-01', budget: '10,000,000' },
    });
    if (c.statusCode !== 201) throw new Error(`subsidy programme failed: ${c.body}`);
    const id = c.json<{ id: string }>().id;
    if (activate && (await call(t, 'POST', `/api/subsidies/programmes/${id}/activate`, { as: operator })).statusCode !== 200) throw new Error('subsidy activate failed');
    return id;
  }
  subsidyIds.in = await subsidyProgramme('matrix-wuhan', '420100');
  subsidyIds.out = await subsidyProgramme('matrix-yichang', '420500');
  subsidyIds.draft = await subsidyProgramme('matrix-draft', '420000', false);
  subsidyIds.versioned = await subsidyProgramme('matrix-versioned', '420000');
  for (const [target, regionCode, code] of [['In', '420102', 'matrix-wuhan'], ['Out', '420502', 'matrix-yichang']] as const) {
    const s = await call(t, 'POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { type: 'investor', regionCode }, admin: { mobile: `133${unique()}` } }) });
    await call(t, 'POST', `/api/organizations/${s.json<{ organization: { id: string } }>().organization.id}/verify`, { as: operator });
    const r = await call(t, 'POST', '/api/subsidies/applications', {
      as: sessionFrom(s),
      body: { programmeCode: code, inputs: { investeeName: '矩阵被投企业', investment: '10000', investedOn: '2026-05-01' } },
    });
    if (r.statusCode !== 201) throw new Error(`subsidy application failed: ${r.body}`);
    subsidyIds[`app${target}`] = r.json<{ id: string }>().id;
  }

  // ---- saved searches ----
  for (const [actor, session] of sessions) {
    const r = await call(t, 'POST', '/api/saved-searches', { as: session, body: savedSearchBody() });
    if (r.statusCode !== 201) throw new Error(`saved search failed: ${r.body}`);
    savedSearchIds.own.set(actor, r.json<{ id: string }>().id);
  }
  const outsider = sessionFrom(
    await call(t, 'POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { mobile: `137${unique()}` } }) }),
  );
  const outsiderSearch = await call(t, 'POST', '/api/saved-searches', { as: outsider, body: savedSearchBody() });
  if (outsiderSearch.statusCode !== 201) throw new Error(`saved search failed: ${outsiderSearch.body}`);
  savedSearchIds.out = outsiderSearch.json<{ id: string }>().id;
}, 120_000);

// ---- harvest and webhooks ---- rows made directly: a peer, a run, harvested records, clusters.
const harvestIds = { webhook: '', peer: '', run: '', record: '', cluster: '', mergeOther: '', lastMembers: [] as string[] };
/** A fresh cluster of two harvested records (split and merge change clusters, so each call gets its own). */
async function harvestCluster() {
  const db = t.database.db;
  const rows = await db
    .insert(harvestedRecords)
    .values([1, 2].map((n) => ({ peerId: harvestIds.peer, sourceIdentifier: `oai:matrix:${++serial}-${n}`, sourceDatestamp: '2026-01-01', metadataFormat: 'oai_dc', raw: '<record/>', contentHash: 'x', title: '矩阵成果' })))
    .returning({ id: harvestedRecords.id });
  const [cluster] = await db.insert(harvestClusters).values({ method: 'title' }).returning();
  if (!cluster) throw new Error('cluster insert failed');
  await db.insert(harvestClusterMembers).values(rows.map((r) => ({ clusterId: cluster.id, memberType: 'harvested', memberId: r.id, method: 'title' })));
  harvestIds.lastMembers = rows.map((r) => r.id);
  return cluster;
}
beforeAll(async () => {
  const operator = sessions.get('operator') ?? null;
  const sub = await call(t, 'POST', '/api/exchange/webhooks', { as: operator, body: { name: '矩阵推送', url: 'https://partner.example/hook', partnerOrganizationId: ids.orgIn } });
  if (sub.statusCode !== 201) throw new Error(`webhook failed: ${sub.body}`);
  harvestIds.webhook = sub.json<{ id: string }>().id;
  const db = t.database.db;
  const [peer] = await db.insert(harvestPeers).values({ name: '矩阵对接平台', baseUrl: 'http://127.0.0.1:9/oai', protocol: 'oai-pmh' }).returning();
  if (!peer) throw new Error('peer insert failed');
  harvestIds.peer = peer.id;
  const [run] = await db.insert(harvestRuns).values({ peerId: peer.id, mode: 'full', status: 'failed', errorCode: 'network' }).returning();
  harvestIds.run = run?.id ?? '';
  const cluster = await harvestCluster();
  harvestIds.cluster = cluster.id;
  harvestIds.record = harvestIds.lastMembers[0] ?? '';
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization matrix', () => {
  it('has an expectation for every /api route the app registers', () => {
    const registered = t.app.kehuiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const missing = registered.filter((r) => !(r in CASES));
    const stale = Object.keys(CASES).filter((k) => !registered.includes(k));
    expect(missing, 'routes without an authorization expectation').toEqual([]);
    expect(stale, 'expectations for routes that no longer exist').toEqual([]);
  });

  it('allows and denies every endpoint × role × region exactly as declared', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const actors: ActorKey[] = ['anonymous', ...(Object.keys(ACTORS) as ActorKey[])];
    for (const [key, c] of Object.entries(CASES)) {
      const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const targets: Target[] = c.params ? ['in', 'out'] : ['in'];
      for (const target of targets) {
        const allowed = target === 'out' ? (c.allowed.out ?? c.allowed.in) : c.allowed.in;
        for (const actor of actors) {
          const params = c.params ? await c.params(actor, target) : {};
          const path = url.replace(/:(\w+)/g, (_, p: string) => params[p] ?? 'missing');
          let as: Session | null = actor === 'anonymous' ? null : (sessions.get(actor) ?? null);
          if (c.freshSession && actor !== 'anonymous') as = await signIn(t, ACTORS[actor]);
          const res = await call(t, method, path + (c.query ?? ''), { as, ...(c.body ? { body: c.body(actor, target) } : {}) });
          let want = expected(allowed, actor);
          // On a public route a record hidden from an anonymous caller is a 404, not a 401.
          const isPublic = t.app.kehuiRoutes.find((r) => `${r.method} ${r.url}` === key)?.access === 'public';
          if (want === 'unauthenticated' && isPublic) want = 'deny';
          const got = outcome(res.statusCode);
          checked++;
          if (want !== got) mismatches.push(`${key} [${target}] as ${actor}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (res.statusCode >= 500) mismatches.push(`${key} [${target}] as ${actor}: server error ${res.statusCode}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 300_000);
});
