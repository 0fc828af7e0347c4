import { describe, expect, it } from 'vitest';
import { type AchievementSource, achievementEntry, cityCodeOf, type DemandSource, demandEntry, isDeletedDemand } from './public-record.js';

const at = new Date('2026-03-01T02:03:04.567Z');
const achievement: AchievementSource = {
  id: '3f2a4b6c-1d2e-4f30-8a9b-0c1d2e3f4a5b',
  title: '高功率光纤激光器',
  type: 'patent',
  attribute: 'original',
  keyField: 'intelligent_equipment',
  industry: 'C',
  keywords: ['激光'],
  abstract: '简介',
  innovationPoints: '创新点',
  indicators: '指标',
  applicationScenarios: '场景',
  trl: 7,
  stage: 'pilot',
  ipItems: [{ type: 'invention_patent', number: '201710601862.3', status: 'granted' }],
  owners: [{ organizationId: 'org-1', name: '江城理工大学', share: 100 }],
  team: [{ name: '李明', role: 'lead', contribution: 100 }],
  cooperationModes: ['transfer'],
  pricingMode: 'asking',
  priceFen: 120_000_050,
  fundingProgramme: null,
  fundingProjectNumber: null,
  isFiscallyFunded: false,
  isDualUse: false,
  disclosureTier: 'public',
  selectionYear: null,
  status: 'published',
  regionCode: '420111',
  ownerOrganizationId: 'org-1',
  publishedAt: at,
  archivedAt: null,
  updatedAt: at,
  version: 1,
};
const names = new Map([
  ['org-1', '江城理工大学'],
  ['org-2', '武汉光谷星辰激光科技有限公司'],
  ['org-3', '湖北知行技术转移服务有限公司'],
]);

const demand: DemandSource = {
  id: '4a3b2c1d-1d2e-4f30-8a9b-0c1d2e3f4a5b',
  title: '铜铝焊接',
  publicSummary: '公开摘要',
  keyField: null,
  industry: 'C',
  keywords: [],
  demandType: 'development',
  cooperationModes: [],
  budgetMode: 'range',
  budgetMinFen: 100,
  budgetMaxFen: 200,
  budgetFirm: true,
  deadline: '2026-06-30',
  regionCode: '429004',
  enterpriseOrganizationId: 'org-2',
  claimantOrganizationId: 'org-3',
  status: 'claimed',
  closeReason: null,
  publishedAt: at,
  closedAt: null,
  updatedAt: at,
};

describe('the public projection of an achievement', () => {
  it('carries the gated parts only for the public disclosure tier, and never the contact', () => {
    const open = achievementEntry(achievement, names);
    expect(open?.record).toMatchObject({ recordType: 'achievement', ownerName: '江城理工大学', details: { innovationPoints: '创新点' } });
    for (const tier of ['registered', 'nda']) {
      const gated = achievementEntry({ ...achievement, disclosureTier: tier }, names);
      expect(gated?.record).toMatchObject({ disclosureTier: tier, details: null });
      expect(JSON.stringify(gated?.record)).not.toMatch(/创新点|指标|场景|李明|201710601862/);
      expect(gated?.contentHash).not.toBe(open?.contentHash);
    }
    expect(JSON.stringify(open)).not.toMatch(/contact/i);
  });

  it('is in the repository once published; archived it is deleted, dated by the archive', () => {
    expect(achievementEntry({ ...achievement, status: 'confirmed', publishedAt: null }, names)).toBeNull();
    const archivedAt = new Date('2026-04-01T00:00:00Z');
    const archived = achievementEntry({ ...achievement, status: 'archived', archivedAt }, names);
    expect(archived).toMatchObject({ isDeleted: true, changedAt: archivedAt, cityCode: '420100' });
  });

  it('hashes only what is shared: a stale reminder or a contact change leaves it unchanged', () => {
    const a = achievementEntry(achievement, names);
    const b = achievementEntry({ ...achievement, updatedAt: new Date() }, names);
    expect(b?.contentHash).toBe(a?.contentHash);
    expect(achievementEntry({ ...achievement, version: 2 }, names)?.contentHash).not.toBe(a?.contentHash);
  });
});

describe('the public projection of a demand', () => {
  it('is the board summary with the enterprise and the claimant named', () => {
    const e = demandEntry(demand, names);
    expect(e?.record).toMatchObject({ enterpriseName: '武汉光谷星辰激光科技有限公司', claimantName: '湖北知行技术转移服务有限公司', budgetMinFen: 100 });
    expect(Object.keys(e?.record ?? {})).not.toEqual(expect.arrayContaining(['description']));
    expect(e?.cityCode).toBe('429000');
  });

  it('is deleted when withdrawn or expired, kept when solved', () => {
    expect(isDeletedDemand({ status: 'closed', closeReason: 'withdrawn' })).toBe(true);
    expect(isDeletedDemand({ status: 'closed', closeReason: 'expired' })).toBe(true);
    expect(isDeletedDemand({ status: 'closed', closeReason: 'solved' })).toBe(false);
    expect(isDeletedDemand({ status: 'docking', closeReason: null })).toBe(false);
    expect(demandEntry({ ...demand, status: 'submitted', publishedAt: null }, names)).toBeNull();
  });
});

describe('cityCodeOf', () => {
  it('gives the city of a county, the city itself, or the province for a municipality', () => {
    expect(cityCodeOf('420111')).toBe('420100');
    expect(cityCodeOf('420100')).toBe('420100');
    expect(cityCodeOf('429004')).toBe('429000');
    expect(cityCodeOf('420000')).toBe('420000');
  });
});
