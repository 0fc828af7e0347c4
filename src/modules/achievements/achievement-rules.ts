import type { FieldError } from '../../platform/errors.js';
import { fenToYuanString, parseYuanToFen } from '../../platform/money.js';
import type { AchievementFields, AchievementPatch } from './achievements.schemas.js';
import type { IpItem, OwnerShare, TeamMember } from './achievements.tables.js';
import { checkMaturity } from './maturity-rules.js';
import { checkPatentNumber } from './patent-number.js';
import { checkOwnerShares, checkTeamContributions } from './shares.js';

/**
 * The editable content of a record as stored (money in fen). Drafts, pending revisions and version
 * snapshots all hold this shape.
 */
export interface AchievementData {
  title: string;
  type: string | null;
  attribute: string | null;
  keyField: string | null;
  industry: string | null;
  keywords: string[];
  abstract: string;
  innovationPoints: string;
  indicators: string;
  applicationScenarios: string;
  trl: number | null;
  stage: string | null;
  ipItems: IpItem[];
  owners: OwnerShare[];
  team: TeamMember[];
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  cooperationModes: string[];
  pricingMode: string;
  priceFen: number | null;
  fundingProgramme: string | null;
  fundingProjectNumber: string | null;
  isFiscallyFunded: boolean;
  isDualUse: boolean;
  disclosureTier: string;
}

export const DATA_KEYS: (keyof AchievementData)[] = [
  'title', 'type', 'attribute', 'keyField', 'industry', 'keywords', 'abstract', 'innovationPoints', 'indicators',
  'applicationScenarios', 'trl', 'stage', 'ipItems', 'owners', 'team', 'contactName', 'contactPhone', 'contactEmail',
  'cooperationModes', 'pricingMode', 'priceFen', 'fundingProgramme', 'fundingProjectNumber', 'isFiscallyFunded',
  'isDualUse', 'disclosureTier',
];

/** Chinese labels of the fields, for per-field return reasons and diffs. */
export const FIELD_LABELS: Record<keyof AchievementData | 'price', string> = {
  title: '成果名称', type: '成果类型', attribute: '成果属性', keyField: '重点领域', industry: '所属行业', keywords: '关键词',
  abstract: '成果简介', innovationPoints: '创新点', indicators: '技术经济指标', applicationScenarios: '应用场景',
  trl: '技术就绪度', stage: '成熟阶段', ipItems: '知识产权', owners: '权属单位', team: '团队成员', contactName: '联系人',
  contactPhone: '联系电话', contactEmail: '联系邮箱', cooperationModes: '合作方式', pricingMode: '价格方式',
  priceFen: '价格', price: '价格', fundingProgramme: '资助计划', fundingProjectNumber: '项目编号',
  isFiscallyFunded: '财政资金资助', isDualUse: '军民两用', disclosureTier: '公开方式',
};

export function emptyData(title: string): AchievementData {
  return {
    title, type: null, attribute: null, keyField: null, industry: null, keywords: [], abstract: '', innovationPoints: '',
    indicators: '', applicationScenarios: '', trl: null, stage: null, ipItems: [], owners: [], team: [], contactName: '',
    contactPhone: '', contactEmail: null, cooperationModes: [], pricingMode: 'negotiable', priceFen: null,
    fundingProgramme: null, fundingProjectNumber: null, isFiscallyFunded: false, isDualUse: false, disclosureTier: 'public',
  };
}

/** Applies a patch from the API to stored data; money strings become fen or a field error. */
export function applyPatch(base: AchievementData, patch: AchievementPatch): AchievementData {
  const { price, ...rest } = patch;
  const next: AchievementData = { ...base, ...(rest as Partial<AchievementData>) };
  next.keywords = dedupe(next.keywords);
  if (price !== undefined) {
    if (price === null || price === '') next.priceFen = null;
    else {
      const r = parseYuanToFen(price);
      if (!r.ok) throw new PatchError([{ path: 'price', message: r.message }]);
      next.priceFen = r.fen;
    }
  }
  if (next.pricingMode === 'negotiable') next.priceFen = null;
  return next;
}

export class PatchError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('；'));
  }
}

function dedupe(list: string[]): string[] {
  return [...new Set(list.map((k) => k.trim()).filter(Boolean))];
}

/**
 * What must hold before a record leaves the draft state (submit, import as submitted). Returns
 * every problem with the path of its field, so the form can mark them all at once.
 */
export function checkSubmittable(d: AchievementData): FieldError[] {
  const errors: FieldError[] = [];
  const need = (path: keyof AchievementData, ok: boolean, message: string) => {
    if (!ok) errors.push({ path, message });
  };
  need('type', Boolean(d.type), '请选择成果类型');
  need('attribute', Boolean(d.attribute), '请选择成果属性');
  need('keyField', Boolean(d.keyField), '请选择重点领域');
  need('industry', Boolean(d.industry), '请选择所属行业');
  need('keywords', d.keywords.length >= 1 && d.keywords.length <= 10, '请填写 1–10 个关键词');
  need('abstract', d.abstract.trim().length >= 20, '成果简介至少 20 个字');
  need('trl', d.trl !== null, '请选择技术就绪度');
  need('stage', Boolean(d.stage), '请选择成熟阶段');
  need('cooperationModes', d.cooperationModes.length > 0, '请至少选择一种合作方式');
  need('contactName', Boolean(d.contactName.trim()), '请填写联系人');
  need('contactPhone', Boolean(d.contactPhone.trim()), '请填写联系电话');
  if (d.pricingMode !== 'negotiable') need('priceFen', d.priceFen !== null && d.priceFen > 0, '标价或底价方式须填写大于 0 的价格');
  if (d.isFiscallyFunded) {
    need('fundingProgramme', Boolean(d.fundingProgramme?.trim()), '财政资金资助的成果须填写资助计划');
    need('fundingProjectNumber', Boolean(d.fundingProjectNumber?.trim()), '财政资金资助的成果须填写项目编号');
  }
  if (d.trl !== null && d.stage) {
    const m = checkMaturity(d.trl, d.stage as Parameters<typeof checkMaturity>[1]);
    if (m) errors.push({ path: 'stage', message: m });
  }
  if (d.owners.length) {
    const m = checkOwnerShares(d.owners.map((o) => o.share));
    if (m) errors.push({ path: 'owners', message: m });
  } else errors.push({ path: 'owners', message: '请填写权属单位及比例' });
  if (d.team.length) {
    const m = checkTeamContributions(d.team.map((t) => t.contribution));
    if (m) errors.push({ path: 'team', message: m });
  }
  d.ipItems.forEach((item, i) => {
    if (['invention_patent', 'utility_model', 'design_patent'].includes(item.type)) {
      const r = checkPatentNumber(item.number);
      if (!r.ok) errors.push({ path: `ipItems.${i}.number`, message: r.message });
    }
  });
  if (d.type === 'patent' && !d.ipItems.some((i) => ['invention_patent', 'utility_model', 'design_patent'].includes(i.type))) {
    errors.push({ path: 'ipItems', message: '专利类成果须至少填写一项专利' });
  }
  return errors;
}

/** Normalizes patent numbers in place once they are known valid (store one canonical form). */
export function canonicalizeIpItems(items: IpItem[]): IpItem[] {
  return items.map((item) => {
    const r = checkPatentNumber(item.number);
    return r.ok ? { ...item, number: r.normalized } : item;
  });
}

export function dataOf(row: AchievementData): AchievementData {
  const out = {} as Record<string, unknown>;
  for (const k of DATA_KEYS) out[k] = row[k];
  return out as unknown as AchievementData;
}

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** Field-by-field differences between two states, for the version history. */
export function diffData(before: Partial<AchievementData>, after: Partial<AchievementData>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of DATA_KEYS) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({
        field: k === 'priceFen' ? 'price' : k,
        label: FIELD_LABELS[k],
        before: k === 'priceFen' && typeof a === 'number' ? fenToYuanString(a) : a,
        after: k === 'priceFen' && typeof b === 'number' ? fenToYuanString(b) : b,
      });
    }
  }
  return out;
}

export type { AchievementFields };
