import type { Db } from '../../platform/db.js';
import { type AchievementData, applyPatch, canonicalizeIpItems, emptyData } from './achievement-rules.js';
import { generateAchievement } from './achievement-generator.js';
import * as q from './achievements.queries.js';
import { normalizeTitle } from './title-similarity.js';

interface OwnerOrg {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  status: string;
}

const DAY = 86400_000;

/**
 * Demo achievements of the demo universities and institutes: mostly published (a few of them
 * 科惠精品 and one stale), some waiting for review, some drafts. Generated from our own vocabulary.
 */
export async function seedAchievementsDemo(db: Db, orgs: OwnerOrg[], count = 60): Promise<number> {
  const owners = orgs.filter((o) => (o.type === 'university' || o.type === 'institute') && o.status === 'verified');
  if (!owners.length) return 0;
  const now = Date.now();
  let made = 0;
  for (let i = 0; i < count; i++) {
    const owner = owners[i % owners.length] as OwnerOrg;
    const g = generateAchievement(1000 + i, owner.name);
    const data: AchievementData = applyPatch(emptyData(g.title), g);
    data.ipItems = canonicalizeIpItems(data.ipItems);
    data.owners = [{ organizationId: owner.id, name: owner.name, share: 100 }];
    const normalizedTitle = normalizeTitle(data.title);
    if (await q.findByOwnerTitle(db, owner.id, normalizedTitle)) continue;
    const status = i % 12 === 10 ? 'confirmed' : i % 12 === 11 ? 'draft' : 'published';
    const publishedAt = new Date(now - (i * 3 + 1) * DAY);
    // One record left unconfirmed for more than a year, to show the stale flag.
    const lastConfirmedAt = i === 5 ? new Date(now - 400 * DAY) : publishedAt;
    const row = await q.insertAchievement(db, {
      ...data,
      normalizedTitle,
      ownerOrganizationId: owner.id,
      regionCode: owner.regionCode,
      status,
      version: status === 'published' ? 1 : 0,
      submittedAt: status === 'draft' ? null : new Date(publishedAt.getTime() - DAY),
      confirmedAt: status === 'draft' ? null : new Date(publishedAt.getTime() - DAY),
      publishedAt: status === 'published' ? publishedAt : null,
      lastConfirmedAt: status === 'published' ? lastConfirmedAt : null,
      selectionYear: status === 'published' && i % 7 === 0 ? (i % 14 === 0 ? 2026 : 2025) : null,
      source: 'demo',
    });
    if (status === 'published') await q.insertVersion(db, row.id, 1, data as unknown as Record<string, unknown>, null);
    made++;
  }
  return made;
}
