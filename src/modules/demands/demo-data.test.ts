import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { campaignVisits } from '../campaigns/index.js';
import { RESPONSE_MS, WORKED_DEMAND_STATUSES } from './demand-codes.js';
import { shanghaiDay } from './demand-rules.js';
import { demandClaims, demandContactGrants, demandEvents, demandMessages, demandProposals, demands } from './demands.tables.js';

/**
 * The demo demands as `seedDemo` writes them into a fresh database (after the accounts,
 * achievements and campaigns demo): every row consistent with the life-cycle rules of README.md.
 */
let t: TestApp;
const now = new Date();

type Demand = typeof demands.$inferSelect;
type Claim = typeof demandClaims.$inferSelect;
let rows: Demand[];
let claims: Claim[];

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
  rows = await t.database.db.select().from(demands);
  claims = await t.database.db.select().from(demandClaims);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const byStatus = (status: string) => rows.filter((d) => d.status === status);
const isOverdue = (d: Demand) => ['published', 'claimed'].includes(d.status) && d.firstFollowUpAt === null && d.responseDueAt !== null && d.responseDueAt < now;

describe('seedDemandsDemo', () => {
  it('writes about 30 demands over every status', () => {
    const counts = Object.fromEntries(['draft', 'submitted', 'returned', 'published', 'claimed', 'docking', 'matched', 'contracted', 'closed'].map((s) => [s, byStatus(s).length]));
    expect(counts).toEqual({ draft: 2, submitted: 3, returned: 1, published: 8, claimed: 3, docking: 6, matched: 3, contracted: 1, closed: 3 });
    expect(new Set(byStatus('closed').map((d) => d.closeReason))).toEqual(new Set(['solved', 'withdrawn', 'expired']));
    expect(new Set(rows.map((d) => d.source))).toEqual(new Set(['enterprise', 'campaign', 'broker', 'import']));
  });

  it('gives every worked demand exactly one active claim, held by its claimant, and none to the others', async () => {
    const [zhixing] = await t.database.db.select().from(organizations).where(eq(organizations.name, '湖北知行技术转移服务有限公司'));
    const [broker] = await t.database.db.select().from(users).where(eq(users.email, 'broker@kehui.example.cn'));
    for (const d of rows) {
      const active = claims.filter((c) => c.demandId === d.id && c.status === 'active');
      if ((WORKED_DEMAND_STATUSES as readonly string[]).includes(d.status)) {
        expect(active, d.title).toHaveLength(1);
        expect(active[0]).toMatchObject({ organizationId: d.claimantOrganizationId, userId: d.claimantUserId });
        expect(d.claimedAt).not.toBeNull();
      } else {
        expect(active, d.title).toHaveLength(0);
      }
      if (['draft', 'submitted', 'returned', 'published'].includes(d.status)) expect(d.claimantOrganizationId, d.title).toBeNull();
    }
    const worked = rows.filter((d) => (WORKED_DEMAND_STATUSES as readonly string[]).includes(d.status));
    expect(worked.every((d) => d.claimantOrganizationId === zhixing?.id && d.claimantUserId === broker?.id)).toBe(true);
    // A dispatch refused by 宜昌科技成果转化服务中心, back to the pool, then claimed by 知行.
    const refused = claims.filter((c) => c.status === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.refuseReason).toBeTruthy();
    expect(refused[0]?.endedAt).not.toBeNull();
    expect(claims.some((c) => c.mode === 'dispatch' && c.dispatchedBy !== null)).toBe(true);
  });

  it('keeps the 48-hour clocks: due 48 h after publication and after each claim; the first follow-up moves claimed → docking', () => {
    for (const d of rows) {
      if (d.publishedAt) {
        expect(d.responseDueAt?.getTime(), d.title).toBe(d.publishedAt.getTime() + RESPONSE_MS);
        expect(d.submittedAt && d.submittedAt <= d.publishedAt).toBe(true);
      } else {
        expect(d.responseDueAt, d.title).toBeNull();
      }
      if (['docking', 'matched', 'contracted'].includes(d.status)) {
        expect(d.firstFollowUpAt, d.title).not.toBeNull();
        expect(d.dockingAt, d.title).not.toBeNull();
      }
      if (d.status === 'claimed') expect(d.firstFollowUpAt, d.title).toBeNull();
    }
    for (const c of claims) expect(c.dueAt.getTime()).toBe(c.createdAt.getTime() + RESPONSE_MS);
    // Overdue ones exist: in the pool and claimed without a follow-up; others still running.
    const overdue = rows.filter(isOverdue);
    expect(overdue.filter((d) => d.status === 'published').length).toBeGreaterThanOrEqual(3);
    expect(overdue.filter((d) => d.status === 'claimed').length).toBeGreaterThanOrEqual(1);
    expect(byStatus('published').some((d) => !isOverdue(d))).toBe(true);
    // A late first response (after the claim's due time) for the response-rate view.
    expect(claims.some((c) => c.firstFollowUpAt !== null && c.firstFollowUpAt > c.dueAt)).toBe(true);
  });

  it('stores budgets in fen and deadlines the sweep will not expire', () => {
    const today = shanghaiDay(now);
    for (const d of rows) {
      if (d.budgetMode === 'negotiable') expect([d.budgetMinFen, d.budgetMaxFen]).toEqual([null, null]);
      else {
        expect(Number.isSafeInteger(d.budgetMinFen) && Number.isSafeInteger(d.budgetMaxFen)).toBe(true);
        expect(d.budgetMinFen ?? 0).toBeLessThanOrEqual(d.budgetMaxFen ?? 0);
      }
      if (d.status !== 'closed') expect(d.deadline && d.deadline >= today, d.title).toBe(true);
    }
  });

  it('records each demand’s timeline up to its current status', async () => {
    const events = await t.database.db.select().from(demandEvents).where(inArray(demandEvents.demandId, rows.map((d) => d.id)));
    for (const d of rows) {
      const mine = events.filter((e) => e.demandId === d.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(mine[0]?.action, d.title).toBe('created');
      const lastTransition = mine.filter((e) => e.toStatus !== null).at(-1);
      expect(lastTransition?.toStatus, d.title).toBe(d.status);
      expect(mine.every((e) => e.at <= d.updatedAt && e.at >= d.createdAt)).toBe(true);
    }
  });

  it('shows the interactions: messages, a contact grant, a declined proposal with coded reasons, matches with published achievements', async () => {
    const db = t.database.db;
    const messages = await db.select().from(demandMessages);
    expect(messages.some((m) => m.side === 'enterprise' && m.answeredAt !== null)).toBe(true);
    expect(messages.some((m) => m.side === 'enterprise' && m.answeredAt === null && m.dueAt !== null)).toBe(true);
    const grants = await db.select().from(demandContactGrants);
    expect(grants.filter((g) => g.revokedAt === null).length).toBeGreaterThanOrEqual(1);
    const proposals = await db.select().from(demandProposals);
    const declined = proposals.find((p) => p.status === 'declined');
    expect(declined).toMatchObject({ decidedBySide: 'enterprise', reasons: ['indicators', 'price'] });
    expect(proposals.some((p) => p.status === 'accepted')).toBe(true);
    expect(proposals.some((p) => p.status === 'proposed')).toBe(true);

    const matchedIds = rows.flatMap((d) => d.matchedAchievementIds);
    expect(matchedIds.length).toBeGreaterThanOrEqual(3);
    const found = await db.select({ id: achievements.id, status: achievements.status }).from(achievements).where(inArray(achievements.id, matchedIds));
    expect(found.every((a) => a.status === 'published')).toBe(true);
    expect(byStatus('contracted')[0]?.contractRef).toBeTruthy();
  });

  it('links the demands collected on campaign visits to the visit of their enterprise', async () => {
    const linked = rows.filter((d) => d.campaignVisitId !== null);
    expect(linked.length).toBeGreaterThanOrEqual(2);
    const visits = await t.database.db.select().from(campaignVisits).where(inArray(campaignVisits.id, linked.map((d) => d.campaignVisitId ?? '')));
    for (const d of linked) {
      const v = visits.find((x) => x.id === d.campaignVisitId);
      expect(v).toMatchObject({ campaignId: d.campaignId, enterpriseOrganizationId: d.enterpriseOrganizationId });
      expect(d.source).toBe('campaign');
    }
  });
});
