import type { Db } from '../../platform/db.js';
import { regionName, regionPath } from '../regions/index.js';
import * as q from './accounts.queries.js';
import type { OrganizationRow } from './accounts.queries.js';
import { ORGANIZATION_TYPE_LABELS, type OrganizationType } from './accounts.schemas.js';

function publicOrganization(o: OrganizationRow) {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    typeLabel: ORGANIZATION_TYPE_LABELS[o.type as OrganizationType] ?? o.type,
    regionCode: o.regionCode,
    regionName: regionName(o.regionCode),
  };
}

/** Verified organizations as search documents: name, type and region only (never contacts). */
export function organizationIndexDoc(o: OrganizationRow) {
  const typeLabel = ORGANIZATION_TYPE_LABELS[o.type as OrganizationType] ?? o.type;
  return {
    payload: publicOrganization(o),
    id: o.id,
    type: 'organization' as const,
    title: o.name,
    keywords: [typeLabel],
    abstract: regionPath(o.regionCode).map((r) => r.name).join(' '),
    body: '',
    facets: { organizationType: o.type, regionCode: o.regionCode, city: `${o.regionCode.slice(0, 4)}00` },
    sortKeys: { date: (o.decidedAt ?? o.createdAt).getTime(), price: null },
  };
}

export async function* allOrganizationDocs(db: Db, batch = 2000) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await q.selectOrganizationsAfter(db, after, batch);
    if (!rows.length) return;
    const verified = rows.filter((o) => o.status === 'verified');
    if (verified.length) yield verified.map(organizationIndexDoc);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < batch) return;
  }
}

export async function organizationDocsByIds(db: Db, ids: string[]) {
  return (await q.selectVerifiedOrganizationsByIds(db, ids)).map(organizationIndexDoc);
}

/** Public list items of organizations found by search. */
export async function organizationHits(db: Db, _actor: unknown, ids: string[]) {
  const rows = await q.selectVerifiedOrganizationsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((o): o is OrganizationRow => o !== undefined)
    .map(publicOrganization);
}

export function organizationFacetLabel(key: string, value: string): string | undefined {
  return key === 'organizationType' ? ORGANIZATION_TYPE_LABELS[value as OrganizationType] : undefined;
}
