/**
 * Harvested achievements in the site search (docs/adr/0006-harvested-records-search-source.md): a second search source of type
 * `achievement`, whose documents are built from harvested records, so they are found and matched
 * beside local records. Their list item carries `source` (the peer's name) and links to the
 * harvested record's page instead of a local achievement.
 */
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import * as q from './harvest.queries.js';

export interface HarvestedIndexDoc {
  id: string;
  type: 'achievement';
  title: string;
  keywords: string[];
  abstract: string;
  body: string;
  facets: Record<string, string | string[] | number | boolean | null>;
  sortKeys: { date: number; price: number | null };
  payload: HarvestedListItem;
}

/** A harvested record as a search list item: the achievement list item's fields, plus its source. */
export interface HarvestedListItem {
  id: string;
  title: string;
  type: null;
  typeLabel: null;
  keyField: string | null;
  keyFieldLabel: string | null;
  industry: null;
  industryLabel: null;
  keywords: string[];
  abstract: string;
  trl: null;
  stage: null;
  stageLabel: null;
  cooperationModes: string[];
  pricingMode: string;
  price: null;
  priceFen: null;
  regionCode: string;
  regionName: null;
  ownerOrganizationId: string;
  ownerName: string;
  isFiscallyFunded: boolean;
  fundingProgramme: null;
  isDualUse: boolean;
  disclosureTier: string;
  selectionYear: null;
  status: 'published';
  statusLabel: string;
  isStale: boolean;
  publishedAt: string | null;
  lastConfirmedAt: null;
  updatedAt: string;
  waitingSince: null;
  hasPendingRevision: boolean;
  allowedActions: string[];
  /** 来源: where the record was harvested from. */
  source: { kind: 'harvested'; peerId: string; peerName: string; sourceIdentifier: string; link: string };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function harvestedItemOf(r: q.HarvestedRow, peerName: string): HarvestedListItem {
  const regionCode = str(r.fields.regionCode) ?? '';
  return {
    id: r.id,
    title: r.title,
    type: null,
    typeLabel: null,
    keyField: str(r.fields.keyField),
    keyFieldLabel: str(r.fields.keyFieldLabel),
    industry: null,
    industryLabel: null,
    keywords: r.keywords,
    abstract: r.abstract.slice(0, 500),
    trl: null,
    stage: null,
    stageLabel: null,
    cooperationModes: [],
    pricingMode: 'negotiable',
    price: null,
    priceFen: null,
    regionCode,
    regionName: null,
    ownerOrganizationId: r.peerId,
    ownerName: r.creators[0] ?? peerName,
    isFiscallyFunded: false,
    fundingProgramme: null,
    isDualUse: false,
    disclosureTier: 'public',
    selectionYear: null,
    status: 'published',
    statusLabel: `来源：${peerName}`,
    isStale: false,
    publishedAt: (r.datestampAt ?? r.firstHarvestedAt).toISOString(),
    lastConfirmedAt: null,
    updatedAt: r.lastHarvestedAt.toISOString(),
    waitingSince: null,
    hasPendingRevision: false,
    allowedActions: [],
    source: { kind: 'harvested', peerId: r.peerId, peerName, sourceIdentifier: r.sourceIdentifier, link: `/harvested/${r.id}` },
  };
}

async function docsOf(db: Db, rows: q.HarvestedRow[]): Promise<HarvestedIndexDoc[]> {
  const peers = new Map((await q.selectPeersByIds(db, [...new Set(rows.map((r) => r.peerId))])).map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const peerName = peers.get(r.peerId) ?? '';
    return {
      id: r.id,
      type: 'achievement',
      title: r.title,
      keywords: r.keywords,
      abstract: r.abstract,
      body: [...r.creators, peerName].join('\n'),
      facets: { keyField: str(r.fields.keyField), regionCode: str(r.fields.regionCode), harvested: true, source: r.peerId },
      sortKeys: { date: (r.datestampAt ?? r.firstHarvestedAt).getTime(), price: null },
      payload: harvestedItemOf(r, peerName),
    };
  });
}

/** Every searchable harvested achievement, in id order, in batches (search rebuild). */
export async function* allHarvestedDocs(db: Db, batch = 2000): AsyncGenerator<HarvestedIndexDoc[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await q.selectHarvestedAfter(db, after, batch);
    if (!rows.length) return;
    const searchable = rows.filter(q.isSearchableHarvested);
    if (searchable.length) yield await docsOf(db, searchable);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < batch) return;
  }
}

/** Current documents of some harvested records; a deleted one is not returned (removed from search). */
export async function harvestedDocsByIds(db: Db, ids: string[]): Promise<HarvestedIndexDoc[]> {
  return docsOf(db, await q.selectSearchableByIds(db, ids));
}

/** Search hits as list items (public records: the same for every caller). */
export async function harvestedHits(db: Db, _actor: Actor | null, ids: string[]): Promise<HarvestedListItem[]> {
  const docs = await harvestedDocsByIds(db, ids);
  const byId = new Map(docs.map((d) => [d.id, d.payload]));
  return ids.map((id) => byId.get(id)).filter((x): x is HarvestedListItem => x !== undefined);
}

/**
 * What matching can score of harvested achievements: the key field and region when the source
 * gave them (Kehui peers do); no price, maturity or owner record, which score as unknown.
 */
export async function harvestedMatchFeatures(db: Db, ids: string[]): Promise<{ id: string; keyField: string | null; regionCode: string }[]> {
  const rows = await q.selectSearchableByIds(db, ids);
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return rows.map((r) => ({ id: r.id, keyField: str(r.fields.keyField), regionCode: str(r.fields.regionCode) ?? '' }));
}
