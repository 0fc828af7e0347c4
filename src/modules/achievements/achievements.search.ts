import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { organizationNames } from '../accounts/index.js';
import { ACHIEVEMENT_TYPES, COOPERATION_MODES, INDUSTRIES, KEY_FIELDS, keyFieldSearchText, labelOf, STAGES } from './achievement-codes.js';
import * as q from './achievements.queries.js';
import type { AchievementRow } from './achievements.queries.js';
import type { AchievementSummary } from './achievements.schemas.js';
import { summariesOf, summaryOf } from './achievements.service.js';

/**
 * What the search module indexes of an achievement: published records only, public fields only
 * (the gated parts of registered/NDA records are never searchable), plus facet values.
 */
export interface AchievementIndexDoc {
  id: string;
  type: 'achievement';
  title: string;
  keywords: string[];
  abstract: string;
  body: string;
  facets: Record<string, string | string[] | number | boolean | null>;
  sortKeys: { date: number; price: number | null };
  /** The public list item, so search answers without a database round trip. */
  payload: AchievementSummary;
}

/** Price bands (价格区间) used as a facet. */
export function priceBand(r: Pick<AchievementRow, 'pricingMode' | 'priceFen'>): string {
  if (r.pricingMode === 'negotiable' || r.priceFen === null) return '面议';
  const wan = r.priceFen / 1_000_000;
  if (wan < 10) return '10万以下';
  if (wan < 50) return '10–50万';
  if (wan < 100) return '50–100万';
  if (wan < 500) return '100–500万';
  return '500万以上';
}

export function indexDocOf(r: AchievementRow, ownerName: string): AchievementIndexDoc {
  const isPublic = r.disclosureTier === 'public';
  return {
    id: r.id,
    type: 'achievement',
    title: r.title,
    keywords: r.keywords,
    abstract: r.abstract,
    // The key field's name too (北斗卫星导航系统): a search for the field finds its records, below those naming it.
    body: [ownerName, keyFieldSearchText(r.keyField), isPublic ? r.applicationScenarios : '', isPublic ? r.innovationPoints : ''].filter(Boolean).join('\n'),
    facets: {
      keyField: r.keyField,
      industry: r.industry,
      regionCode: r.regionCode,
      city: `${r.regionCode.slice(0, 4)}00`,
      trl: r.trl,
      stage: r.stage,
      achievementType: r.type,
      cooperationModes: r.cooperationModes,
      priceBand: priceBand(r),
      fiscal: r.isFiscallyFunded,
      selected: r.selectionYear !== null,
      dualUse: r.isDualUse,
      ownerOrganizationId: r.ownerOrganizationId,
    },
    sortKeys: { date: (r.publishedAt ?? r.updatedAt).getTime(), price: r.priceFen },
    payload: summaryOf(r, null, ownerName),
  };
}

async function docsOf(db: Db, rows: AchievementRow[]) {
  const names = await organizationNames(db, rows.map((r) => r.ownerOrganizationId));
  return rows.map((r) => indexDocOf(r, names.get(r.ownerOrganizationId) ?? ''));
}

/** All published records, in id order, in batches (for a full rebuild). */
export async function* allAchievementDocs(db: Db, batch = 2000): AsyncGenerator<AchievementIndexDoc[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await q.selectAchievementsAfter(db, after, batch);
    if (!rows.length) return;
    const published = rows.filter((r) => r.status === 'published');
    if (published.length) yield await docsOf(db, published);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < batch) return;
  }
}

/** The current documents of some ids; ids not returned are no longer searchable (remove them). */
export async function achievementDocsByIds(db: Db, ids: string[]): Promise<AchievementIndexDoc[]> {
  return docsOf(db, await q.selectPublishedByIds(db, ids));
}

/** Search hits as list items, in the order given; records that vanished meanwhile are skipped. */
export async function achievementHits(db: Db, actor: Actor | null, ids: string[]) {
  const rows = await q.selectPublishedByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is AchievementRow => r !== undefined);
  return summariesOf(db, ordered, actor);
}

const FACET_LISTS: Record<string, readonly { value: string; label: string }[]> = {
  keyField: KEY_FIELDS,
  industry: INDUSTRIES,
  stage: STAGES,
  achievementType: ACHIEVEMENT_TYPES,
  cooperationModes: COOPERATION_MODES,
};

/** Chinese labels of achievement facet values, for the search page. */
export function achievementFacetLabel(key: string, value: string): string | undefined {
  const list = FACET_LISTS[key];
  return list ? labelOf(list, value) : undefined;
}
