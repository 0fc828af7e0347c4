import type { Actor, RequestContext } from '../../platform/auth.js';
import { hasRole } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { fenToYuanString } from '../../platform/money.js';
import { recordAudit } from '../audit/index.js';
import type { ColumnSpec, RecordKind } from '../collection/index.js';
import {
  ACHIEVEMENT_TYPES,
  ATTRIBUTES,
  COOPERATION_MODES,
  DISCLOSURE_TIERS,
  INDUSTRIES,
  IP_ITEM_TYPES,
  IP_STATUSES,
  KEY_FIELDS,
  PRICING_MODES,
  STAGES,
  TEAM_ROLES,
} from './achievement-codes.js';
import { type AchievementData, applyPatch, canonicalizeIpItems, checkSubmittable, emptyData, PatchError } from './achievement-rules.js';
import { canCreate } from './achievements.policy.js';
import * as q from './achievements.queries.js';
import { AchievementFieldsSchema } from './achievements.schemas.js';
import { normalizeTitle } from './title-similarity.js';

/**
 * The achievement record kind for bulk collection (采集汇交): template columns, row validation
 * (the same rules as the form's submit), and batch writes for the uploader's organization.
 * The export uses the same columns, so an exported file can be edited and imported again.
 */
export const ACHIEVEMENT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'title', header: '成果名称', kind: 'text', required: true, maxLength: 200, example: '高功率光纤激光器关键技术' },
  { key: 'type', header: '成果类型', kind: 'enum', required: true, options: ACHIEVEMENT_TYPES },
  { key: 'attribute', header: '成果属性', kind: 'enum', required: true, options: ATTRIBUTES },
  { key: 'keyField', header: '重点领域', kind: 'enum', required: true, options: KEY_FIELDS },
  { key: 'industry', header: '所属行业', kind: 'enum', required: true, options: INDUSTRIES, help: '国民经济行业分类（GB/T 4754-2017）门类' },
  { key: 'keywords', header: '关键词', kind: 'list', required: true, maxLength: 30, help: '1–10 个，用、或；分隔', example: '光纤激光器、激光切割' },
  { key: 'abstract', header: '成果简介', kind: 'longtext', required: true, maxLength: 2000, help: '不超过 2000 字' },
  { key: 'innovationPoints', header: '创新点', kind: 'longtext', maxLength: 2000 },
  { key: 'indicators', header: '技术经济指标', kind: 'longtext', maxLength: 2000 },
  { key: 'applicationScenarios', header: '应用场景', kind: 'longtext', maxLength: 2000 },
  { key: 'trl', header: '技术就绪度', kind: 'integer', required: true, help: '1–9 级（GB/T 22900）' },
  { key: 'stage', header: '成熟阶段', kind: 'enum', required: true, options: STAGES },
  { key: 'ipType', header: '知识产权类型', kind: 'enum', options: IP_ITEM_TYPES, help: '适用于本行所有知识产权编号' },
  { key: 'ipNumbers', header: '知识产权编号', kind: 'list', maxLength: 50, help: '专利申请号含校验位，如 201710601862.3；多个用、分隔', example: '201710601862.3' },
  { key: 'ipStatus', header: '知识产权状态', kind: 'enum', options: IP_STATUSES },
  { key: 'owners', header: '权属单位及比例', kind: 'list', maxLength: 120, help: '格式：单位名称:比例，比例合计 100；留空则本单位 100%', example: '江城理工大学:70、合作企业:30' },
  { key: 'team', header: '团队成员', kind: 'list', maxLength: 80, help: '格式：姓名:角色(负责人/核心成员/成员):贡献比例', example: '李明:负责人:60、王芳:核心成员:40' },
  { key: 'contactName', header: '联系人', kind: 'text', required: true, maxLength: 50 },
  { key: 'contactPhone', header: '联系电话', kind: 'text', required: true, maxLength: 20 },
  { key: 'contactEmail', header: '联系邮箱', kind: 'text', maxLength: 254 },
  { key: 'cooperationModes', header: '合作方式', kind: 'multi_enum', required: true, options: COOPERATION_MODES },
  { key: 'pricingMode', header: '价格方式', kind: 'enum', required: true, options: PRICING_MODES },
  { key: 'price', header: '价格（元）', kind: 'money', help: '标价或底价方式必填，最多两位小数，可写“万”' },
  { key: 'fundingProgramme', header: '资助计划', kind: 'text', maxLength: 100 },
  { key: 'fundingProjectNumber', header: '项目编号', kind: 'text', maxLength: 50 },
  { key: 'isFiscallyFunded', header: '财政资金资助', kind: 'boolean', help: '是/否' },
  { key: 'isDualUse', header: '军民两用', kind: 'boolean', help: '是/否' },
  { key: 'disclosureTier', header: '公开方式', kind: 'enum', options: DISCLOSURE_TIERS, help: '留空为公开' },
];

const ROLE_BY_LABEL = new Map<string, string>(TEAM_ROLES.map((r) => [r.label, r.value]));

function parseShare(raw: string): number | null {
  const v = Number(raw.replace(/[%％\s]/g, ''));
  return Number.isFinite(v) ? v : null;
}

type Cells = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Row → stored data, with every error keyed by column key. */
export function achievementFromCells(cells: Cells): { ok: true; value: AchievementData } | { ok: false; errors: { key: string; message: string }[] } {
  const errors: { key: string; message: string }[] = [];
  const owners = list(cells.owners).map((item) => {
    const [name = '', share = ''] = item.split(/[:：]/);
    const v = parseShare(share);
    if (!name.trim() || v === null) errors.push({ key: 'owners', message: `「${item}」格式应为 单位名称:比例` });
    return { name: name.trim(), share: v ?? 0 };
  });
  const team = list(cells.team).map((item) => {
    const [name = '', roleLabel = '', share = ''] = item.split(/[:：]/);
    const role = ROLE_BY_LABEL.get(roleLabel.trim());
    const v = parseShare(share);
    if (!name.trim() || !role || v === null) errors.push({ key: 'team', message: `「${item}」格式应为 姓名:角色:贡献比例，角色为负责人、核心成员或成员` });
    return { name: name.trim(), role: role ?? 'member', contribution: v ?? 0 };
  });
  const ipNumbers = list(cells.ipNumbers);
  if (ipNumbers.length && !cells.ipType) errors.push({ key: 'ipType', message: '填写了知识产权编号时须选择知识产权类型' });
  const patch = {
    title: str(cells.title) ?? '',
    type: cells.type ?? null,
    attribute: cells.attribute ?? null,
    keyField: cells.keyField ?? null,
    industry: cells.industry ?? null,
    keywords: list(cells.keywords),
    abstract: str(cells.abstract) ?? '',
    innovationPoints: str(cells.innovationPoints) ?? '',
    indicators: str(cells.indicators) ?? '',
    applicationScenarios: str(cells.applicationScenarios) ?? '',
    trl: typeof cells.trl === 'number' ? cells.trl : null,
    stage: cells.stage ?? null,
    ipItems: ipNumbers.map((number) => ({ type: cells.ipType ?? 'other', number, status: cells.ipStatus ?? 'pending' })),
    owners,
    team,
    contactName: str(cells.contactName) ?? '',
    contactPhone: str(cells.contactPhone) ?? '',
    contactEmail: str(cells.contactEmail) ?? null,
    cooperationModes: list(cells.cooperationModes),
    pricingMode: cells.pricingMode ?? 'negotiable',
    price: typeof cells.price === 'number' ? fenToYuanString(cells.price) : null,
    fundingProgramme: str(cells.fundingProgramme) ?? null,
    fundingProjectNumber: str(cells.fundingProjectNumber) ?? null,
    isFiscallyFunded: cells.isFiscallyFunded === true,
    isDualUse: cells.isDualUse === true,
    disclosureTier: cells.disclosureTier ?? 'public',
  };
  const parsed = AchievementFieldsSchema.safeParse(patch);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? 'title');
      errors.push({ key: head === 'ipItems' ? 'ipNumbers' : head, message: issue.message });
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  let data: AchievementData;
  try {
    data = applyPatch(emptyData(parsed.data.title), parsed.data);
  } catch (err) {
    if (err instanceof PatchError) return { ok: false, errors: err.errors.map((e) => ({ key: e.path, message: e.message })) };
    throw err;
  }
  // Owners left empty mean "our organization, 100%": filled in at import, when the uploader is known.
  const checks = checkSubmittable(data.owners.length ? data : { ...data, owners: [{ name: '本单位', share: 100 }] });
  for (const e of checks) {
    const head = e.path.split('.')[0] ?? e.path;
    errors.push({ key: head === 'ipItems' ? 'ipNumbers' : head === 'priceFen' ? 'price' : head, message: e.message });
  }
  if (errors.length) return { ok: false, errors };
  data.ipItems = canonicalizeIpItems(data.ipItems);
  return { ok: true, value: data };
}

/** What an import writes: drafts, or records submitted the way the form would submit them. */
function importedStatus(actor: Actor, asDraft: boolean): 'draft' | 'submitted' | 'confirmed' {
  if (asDraft) return 'draft';
  return hasRole(actor, 'org_admin') ? 'confirmed' : 'submitted';
}

export function achievementRecordKind(organizationName: (db: Db, id: string) => Promise<string>): RecordKind<AchievementData> {
  return {
    name: 'achievement',
    label: '科技成果',
    columns: ACHIEVEMENT_COLUMNS,
    maxRows: 100_000,
    toInput: achievementFromCells,
    async importBatch(db: Db, ctx: RequestContext, inputs: AchievementData[], options: { asDraft: boolean }) {
      const actor = ctx.actor;
      if (!actor || !canCreate(actor) || !actor.organizationId || !actor.organizationRegionCode) {
        throw new Error('只有已认证机构的成员可以批量导入成果');
      }
      const orgId = actor.organizationId;
      const regionCode = actor.organizationRegionCode;
      const orgName = await organizationName(db, orgId);
      const status = importedStatus(actor, options.asDraft);
      const now = new Date();
      const values = inputs.map((d) => ({
        ...d,
        owners: d.owners.length ? d.owners : [{ organizationId: orgId, name: orgName, share: 100 }],
        normalizedTitle: normalizeTitle(d.title),
        ownerOrganizationId: orgId,
        regionCode,
        createdBy: actor.userId,
        status,
        source: 'import',
        submittedAt: status === 'draft' ? null : now,
        confirmedAt: status === 'confirmed' ? now : null,
      }));
      const created = await q.insertAchievementsSkippingDuplicates(db, values);
      const seen = new Set<string>();
      const outcomes = values.map((v): 'created' | 'duplicate' => {
        if (seen.has(v.normalizedTitle) || !created.has(v.normalizedTitle)) return 'duplicate';
        seen.add(v.normalizedTitle);
        return 'created';
      });
      const n = outcomes.filter((o) => o === 'created').length;
      if (n) {
        await recordAudit(db, ctx, {
          action: 'achievement.imported',
          entityType: 'achievement_batch',
          regionCode,
          after: { created: n, duplicates: outcomes.length - n, status },
        });
      }
      return outcomes;
    },
  };
}
