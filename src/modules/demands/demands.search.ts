import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { organizationNames } from '../accounts/index.js';
import { COOPERATION_MODES, DEMAND_TYPES, INDUSTRIES, KEY_FIELDS, keyFieldSearchText, labelOf } from './demand-codes.js';
import * as q from './demands.queries.js';
import type { DemandRow } from './demands.queries.js';
import type { DemandSummary } from './demands.schemas.js';
import { summariesOf, summaryOf } from './demands.service.js';

/**
 * What the search module indexes of a demand: public statuses only (published … contracted), public
 * fields only (title, keywords, public summary, the enterprise's name; never the description,
 * indicators, conditions or contact), plus facet values.
 */
export interface DemandIndexDoc {
  id: string;
  type: 'demand';
  title: string;
  keywords: string[];
  abstract: string;
  body: string;
  facets: Record<string, string | string[] | number | boolean | null>;
  sortKeys: { date: number; price: number | null };
  /** The public list item, so search answers without a database round trip. */
  payload: DemandSummary;
}

const PUBLIC_VIEWER = { actor: null, orgType: null };

export function demandIndexDoc(r: DemandRow, enterpriseName: string, claimantName: string | null): DemandIndexDoc {
  const names = new Map([[r.enterpriseOrganizationId, enterpriseName], ...(r.claimantOrganizationId && claimantName ? [[r.claimantOrganizationId, claimantName] as [string, string]] : [])]);
  return {
    id: r.id,
    type: 'demand',
    title: r.title,
    keywords: r.keywords,
    abstract: r.publicSummary,
    body: [enterpriseName, keyFieldSearchText(r.keyField)].filter(Boolean).join('\n'),
    facets: {
      keyField: r.keyField,
      industry: r.industry,
      regionCode: r.regionCode,
      city: `${r.regionCode.slice(0, 4)}00`,
      demandType: r.demandType,
      cooperationModes: r.cooperationModes,
    },
    sortKeys: { date: (r.publishedAt ?? r.updatedAt).getTime(), price: r.budgetMaxFen ?? r.budgetMinFen },
    payload: summaryOf(r, PUBLIC_VIEWER, names),
  };
}

async function docsOf(db: Db, rows: DemandRow[]) {
  const names = await organizationNames(db, [...new Set(rows.flatMap((r) => [r.enterpriseOrganizationId, ...(r.claimantOrganizationId ? [r.claimantOrganizationId] : [])]))]);
  return rows.map((r) => demandIndexDoc(r, names.get(r.enterpriseOrganizationId) ?? '', r.claimantOrganizationId ? (names.get(r.claimantOrganizationId) ?? null) : null));
}

/** All public demands, in id order, in batches (for a full rebuild). */
export async function* allDemandDocs(db: Db, batch = 2000): AsyncGenerator<DemandIndexDoc[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await q.selectDemandsAfter(db, after, batch);
    if (!rows.length) return;
    const visible = rows.filter((r) => q.PUBLIC_STATUSES.includes(r.status));
    if (visible.length) yield await docsOf(db, visible);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < batch) return;
  }
}

/** The current documents of some ids; ids not returned are no longer searchable (closed, withdrawn). */
export async function demandDocsByIds(db: Db, ids: string[]): Promise<DemandIndexDoc[]> {
  return docsOf(db, await q.selectPublicByIds(db, ids));
}

/** Search hits as board items, in the order given; demands that left the board meanwhile are skipped. */
export async function demandHits(db: Db, actor: Actor | null, ids: string[]) {
  const rows = await q.selectPublicByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is DemandRow => r !== undefined);
  return summariesOf(db, ordered, { actor, orgType: null });
}

const FACET_LISTS: Record<string, readonly { value: string; label: string }[]> = {
  keyField: KEY_FIELDS,
  industry: INDUSTRIES,
  demandType: DEMAND_TYPES,
  cooperationModes: COOPERATION_MODES,
};

/** Chinese labels of demand facet values, for the search page. */
export function demandFacetLabel(key: string, value: string): string | undefined {
  const list = FACET_LISTS[key];
  return list ? labelOf(list, value) : undefined;
}
