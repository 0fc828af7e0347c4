import { and, asc, eq } from 'drizzle-orm';
import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { organizations, systemActorByEmail } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import type { ListingMode } from './listing-codes.js';
import { approveListing, createListing, delistListing, type ListingsDeps, sweepListings } from './listings.service.js';

const DAY = 86400_000;

interface DemoListingSpec {
  mode: ListingMode;
  price: string;
  workingDays: number;
  terms: string;
  /** Days before now it was submitted and (when set) approved. */
  submittedDaysAgo: number;
  approvedDaysAgo?: number;
  /** Delisted by the demo enterprise this many days before now. */
  delistedDaysAgo?: number;
}

/**
 * Demo listings of 江城理工大学's published achievements, written through the module's own use cases
 * at past times: one delisted by 武汉光谷星辰激光科技 (its deal's notice has ended, so it awaits a
 * contract), two open, one in publicity and one waiting for review. Every step is audited and the
 * public log carries the notices, exactly as if people had done it on those days.
 */
export async function seedListingsDemo(db: Db, now = new Date()): Promise<number> {
  const owner = await systemActorByEmail(db, 'univ.admin@kehui.example.cn');
  const reviewer = await systemActorByEmail(db, 'gov.wuhan@kehui.example.cn');
  const buyer = await systemActorByEmail(db, 'enterprise.admin@kehui.example.cn');
  if (!owner?.organizationId || !reviewer || !buyer) return 0;
  const specs: DemoListingSpec[] = [
    {
      mode: 'licence_exclusive',
      price: '1,800,000',
      workingDays: 40,
      terms: '独占许可，许可期限五年，许可地域为湖北省；许可方提供首批样机调试与技术培训。',
      submittedDaysAgo: 48,
      approvedDaysAgo: 47,
      delistedDaysAgo: 12,
    },
    { mode: 'transfer', price: '2,600,000', workingDays: 60, terms: '专利权转让，受让方承担后续维持费用；转让方配合完成中试验证。', submittedDaysAgo: 30, approvedDaysAgo: 29 },
    { mode: 'licence_non_exclusive', price: '450,000', workingDays: 60, terms: '普通许可，按年续约；许可方提供工艺包与现场指导 10 人日。', submittedDaysAgo: 21, approvedDaysAgo: 20 },
    { mode: 'equity', price: '3,000,000', workingDays: 30, terms: '以专利作价入股新设公司，占股不超过 30%，团队核心成员随技术入职。', submittedDaysAgo: 2, approvedDaysAgo: 1 },
    { mode: 'joint_development', price: '800,000', workingDays: 30, terms: '双方联合开发下一代样机，知识产权按约定共有。', submittedDaysAgo: 1 },
  ];
  const published = await db
    .select({ id: achievements.id })
    .from(achievements)
    .where(and(eq(achievements.status, 'published'), eq(achievements.ownerOrganizationId, owner.organizationId)))
    .orderBy(asc(achievements.publishedAt))
    .limit(specs.length);
  if (published.length < specs.length) return 0;
  const [buyerOrg] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, buyer.organizationId ?? ''));
  if (!buyerOrg) return 0;

  const deps: ListingsDeps = { db };
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-data', ip: null });
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  // The steps in time order, so each sweep sees the world as it was that day.
  const steps: { at: Date; run: () => Promise<unknown> }[] = [];
  const ids: string[] = [];
  specs.forEach((spec, i) => {
    const achievementId = (published[i] as { id: string }).id;
    steps.push({
      at: at(spec.submittedDaysAgo),
      run: async () => {
        const created = await createListing(
          deps,
          ctx(owner),
          { achievementId, mode: spec.mode, price: spec.price, period: { kind: 'working_days', workingDays: spec.workingDays }, terms: spec.terms },
          at(spec.submittedDaysAgo),
        );
        ids[i] = created.id;
      },
    });
    if (spec.approvedDaysAgo !== undefined) {
      const approvedAt = at(spec.approvedDaysAgo);
      steps.push({ at: approvedAt, run: () => approveListing(deps, ctx(reviewer), ids[i] as string, { comment: '材料齐全，同意挂牌' }, approvedAt) });
    }
    if (spec.delistedDaysAgo !== undefined) {
      const delistedAt = at(spec.delistedDaysAgo);
      steps.push({
        at: delistedAt,
        run: async () => {
          await sweepListings(deps, delistedAt);
          await delistListing(deps, ctx(buyer), ids[i] as string, {}, delistedAt);
        },
      });
    }
  });
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
  await sweepListings(deps, now);
  return ids.length;
}
