import { type Actor, govRegions, hasRole, type RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { fenToYuanString } from '../../platform/money.js';
import { checkCreditCode, normalizeCreditCode } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { ColumnSpec, RecordKind } from '../collection/index.js';
import { isWithinRegion, regionName } from '../regions/index.js';
import { BUDGET_MODES, COOPERATION_MODES, DEMAND_TYPES, INDUSTRIES, KEY_FIELDS, RESPONSE_MS } from './demand-codes.js';
import { applyDemandPatch, checkSubmittable, emptyDemandData, normalizeDemandTitle } from './demand-rules.js';
import * as q from './demands.queries.js';
import type { ImportEnterprise } from './demands.queries.js';
import { DemandFieldsSchema } from './demands.schemas.js';

/**
 * The demand record kind for bulk collection (采集汇交 of 技术需求): template columns, row
 * validation (`toInput`, pure), the enterprise each row belongs to (`checkBatch`, which needs the
 * database), and batch writes.
 *
 * Whose demands: an enterprise member uploads its own enterprise's demands (the credit-code column
 * may stay empty); the operator, a gov_admin (enterprises of its region only) or a broker uploads
 * for enterprises named by their 统一社会信用代码, which must be a verified enterprise on the platform.
 */

export const CREDIT_CODE_HEADER = '企业统一社会信用代码';

export const DEMAND_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'creditCode',
    header: CREDIT_CODE_HEADER,
    kind: 'text',
    maxLength: 30,
    help: '需求所属企业（须为平台上已认证的企业）。平台运营方、科技管理部门、技术经纪人代企业导入时必填；企业用户导入本企业需求时可留空',
    example: '914201110049M30204',
  },
  { key: 'title', header: '需求名称', kind: 'text', required: true, maxLength: 200, example: '高反材料激光焊接飞溅抑制技术' },
  { key: 'demandType', header: '需求类型', kind: 'enum', required: true, options: DEMAND_TYPES },
  { key: 'keyField', header: '重点领域', kind: 'enum', required: true, options: KEY_FIELDS },
  { key: 'industry', header: '所属行业', kind: 'enum', options: INDUSTRIES, help: '国民经济行业分类（GB/T 4754-2017）门类' },
  { key: 'keywords', header: '关键词', kind: 'list', maxLength: 30, help: '最多 10 个，用、或；分隔', example: '激光焊接、铜合金' },
  { key: 'publicSummary', header: '公开摘要', kind: 'longtext', maxLength: 500, help: '公开展示的简要说明，不含商业秘密' },
  { key: 'description', header: '需求描述', kind: 'longtext', required: true, maxLength: 4000, help: '要解决的技术问题、应用场景，仅认领方可见' },
  { key: 'indicators', header: '技术指标', kind: 'longtext', maxLength: 2000, help: '量化的目标指标' },
  { key: 'existingConditions', header: '现有条件', kind: 'longtext', maxLength: 2000, help: '已有的设备、团队、前期工作' },
  { key: 'cooperationModes', header: '合作方式', kind: 'multi_enum', options: COOPERATION_MODES },
  { key: 'budgetMode', header: '预算方式', kind: 'enum', options: BUDGET_MODES, help: '留空时：填写了预算金额为预算区间，否则为面议' },
  { key: 'budgetMin', header: '预算下限（元）', kind: 'money', help: '最多两位小数，可写“万”，如 50万' },
  { key: 'budgetMax', header: '预算上限（元）', kind: 'money', help: '不低于预算下限' },
  { key: 'budgetFirm', header: '预算已确定', kind: 'boolean', help: '是：确定的预算；否或留空：参考预算' },
  { key: 'deadline', header: '截止日期', kind: 'date', help: '不早于今天（北京时间）' },
  { key: 'contactName', header: '联系人', kind: 'text', maxLength: 50, help: '留空则使用企业登记的联系人' },
  { key: 'contactPhone', header: '联系电话', kind: 'text', maxLength: 20, help: '留空则使用企业登记的联系电话' },
  { key: 'contactEmail', header: '联系邮箱', kind: 'text', maxLength: 254 },
];

/** A validated row: the demand's fields, and the enterprise's credit code when the row names one. */
export interface DemandImportInput {
  creditCode: string | null;
  title: string;
  demandType: string;
  keyField: string;
  industry: string | null;
  keywords: string[];
  publicSummary: string;
  description: string;
  indicators: string;
  existingConditions: string;
  cooperationModes: string[];
  budgetMode: 'range' | 'negotiable';
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  budgetFirm: boolean;
  deadline: string | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
}

type Cells = Record<string, unknown>;
type KeyedError = { key: string; message: string };
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const fen = (v: unknown) => (typeof v === 'number' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

// The API contract's field rules; the region is the enterprise's, set at import.
const ImportFieldsSchema = DemandFieldsSchema.omit({ regionCode: true });

/**
 * Row → input, with every error keyed by column key: the API contract's field rules, then the same
 * content rules as the form (`applyDemandPatch`) and as submitting (`checkSubmittable`: budget
 * minimum not above the maximum, deadline not before today in Asia/Shanghai, …). Pure but for
 * `now`: a row whose deadline is today when validated and yesterday when written — a job running
 * across midnight — is skipped by the import pass.
 */
export function demandFromCells(cells: Cells, now: Date): { ok: true; value: DemandImportInput } | { ok: false; errors: KeyedError[] } {
  const errors: KeyedError[] = [];

  let creditCode: string | null = null;
  const rawCode = str(cells.creditCode);
  if (rawCode) {
    creditCode = normalizeCreditCode(rawCode).replace(/\s+/g, '');
    const check = checkCreditCode(creditCode);
    if (!check.ok) errors.push({ key: 'creditCode', message: check.message });
  }

  // Budget: 面议 (no amounts), or a range; left empty, the amounts decide. The form drops amounts
  // of a negotiable budget; in a file they are more likely a wrong choice, so they are refused.
  const min = fen(cells.budgetMin);
  const max = fen(cells.budgetMax);
  const hasAmount = min !== null || max !== null;
  const budgetMode = cells.budgetMode === 'negotiable' || cells.budgetMode === 'range' ? cells.budgetMode : hasAmount ? 'range' : 'negotiable';
  if (budgetMode === 'negotiable' && hasAmount) {
    errors.push({ key: min !== null ? 'budgetMin' : 'budgetMax', message: '预算方式为“面议”时不填写预算金额' });
  }

  const patch = {
    title: str(cells.title) ?? '',
    publicSummary: str(cells.publicSummary) ?? '',
    description: str(cells.description) ?? '',
    indicators: str(cells.indicators) ?? '',
    existingConditions: str(cells.existingConditions) ?? '',
    keyField: cells.keyField ?? null,
    industry: cells.industry ?? null,
    keywords: list(cells.keywords),
    demandType: cells.demandType ?? null,
    cooperationModes: list(cells.cooperationModes),
    budgetMode,
    // Money cells arrive in fen; the contract takes exact yuan strings.
    budgetMin: min === null ? null : fenToYuanString(min),
    budgetMax: max === null ? null : fenToYuanString(max),
    budgetFirm: cells.budgetFirm === true,
    deadline: str(cells.deadline) ?? null,
    contactName: str(cells.contactName) ?? '',
    contactPhone: str(cells.contactPhone) ?? '',
    contactEmail: str(cells.contactEmail) ?? null,
  };
  const parsed = ImportFieldsSchema.safeParse(patch);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ key: String(issue.path[0] ?? 'title'), message: issue.message });
  }
  if (errors.length || !parsed.success) return { ok: false, errors };

  const applied = applyDemandPatch(emptyDemandData(parsed.data.title, ''), parsed.data, now);
  if (!applied.ok) return { ok: false, errors: applied.errors.map((e) => ({ key: e.path, message: e.message })) };
  const d = applied.data;
  const incomplete = checkSubmittable(d, now);
  if (incomplete.length) return { ok: false, errors: incomplete.map((e) => ({ key: e.path, message: e.message })) };
  return {
    ok: true,
    value: {
      creditCode,
      title: d.title,
      demandType: d.demandType ?? '',
      keyField: d.keyField ?? '',
      industry: d.industry,
      keywords: d.keywords,
      publicSummary: d.publicSummary,
      description: d.description,
      indicators: d.indicators,
      existingConditions: d.existingConditions,
      cooperationModes: d.cooperationModes,
      budgetMode,
      budgetMinFen: d.budgetMinFen,
      budgetMaxFen: d.budgetMaxFen,
      budgetFirm: d.budgetFirm,
      deadline: d.deadline,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      contactEmail: d.contactEmail,
    },
  };
}

// ---------- who uploads for whom ----------

/**
 * The uploader's standing: an enterprise member imports for its own enterprise; the operator, a
 * gov_admin (within its regions; null = anywhere) or a broker for enterprises the rows name.
 * `reviewer`: the uploader would be the one to publish the demands (operator, gov_admin of the
 * region), so a non-draft import skips the review it would do itself.
 */
type Uploader =
  | { mode: 'own'; enterprise: ImportEnterprise; reviewer: false }
  | { mode: 'behalf'; regions: string[] | null; reviewer: boolean };

const REFUSAL = '只有企业成员（导入本企业需求）、技术经纪人、科技管理部门或平台运营方（代企业导入）可以批量导入技术需求';

async function uploaderOf(db: Db, actor: Actor): Promise<Uploader | { refusal: string }> {
  if (hasRole(actor, 'operator')) return { mode: 'behalf', regions: null, reviewer: true };
  const regions = govRegions(actor);
  if (regions.length) return { mode: 'behalf', regions, reviewer: true };
  if (!actor.organizationId) return { refusal: '批量导入需要您属于一个机构' };
  if (actor.organizationStatus !== 'verified') return { refusal: '机构通过认证后才能批量导入' };
  if (hasRole(actor, 'broker')) return { mode: 'behalf', regions: null, reviewer: false };
  if (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member')) {
    const own = await q.findImportEnterpriseById(db, actor.organizationId);
    if (own && own.type === 'enterprise') return { mode: 'own', enterprise: own, reviewer: false };
  }
  return { refusal: REFUSAL };
}

/** Why this enterprise cannot receive the uploader's rows, or null. */
function enterpriseProblem(uploader: Uploader, code: string | null, found: ImportEnterprise | undefined): string | null {
  if (uploader.mode === 'own') {
    return code === null || code === uploader.enterprise.creditCode ? null : `只能导入本企业（${uploader.enterprise.name}）的需求：该代码不是本企业的统一社会信用代码，可留空`;
  }
  if (code === null) return '代企业导入时必填：请填写需求所属企业的统一社会信用代码';
  if (!found) return '平台上没有该统一社会信用代码的机构，请先请企业注册并通过认证';
  if (found.type !== 'enterprise') return `该代码对应的机构「${found.name}」不是企业`;
  if (found.status !== 'verified') return `企业「${found.name}」尚未通过平台认证`;
  const { regions } = uploader;
  if (regions && !regions.some((r) => isWithinRegion(found.regionCode, r))) {
    const names = regions.map((r) => regionName(r) ?? r).join('、');
    return `企业「${found.name}」不在您管辖的区域（${names}）内，不能代其导入需求`;
  }
  return null;
}

async function enterprisesFor(db: Db, inputs: DemandImportInput[]): Promise<Map<string, ImportEnterprise>> {
  const codes = [...new Set(inputs.map((i) => i.creditCode).filter((c): c is string => c !== null))];
  const rows = await q.findImportEnterprisesByCreditCodes(db, codes);
  return new Map(rows.map((r) => [r.creditCode, r]));
}

function importedStatus(uploader: Uploader, asDraft: boolean): 'draft' | 'submitted' | 'published' {
  if (asDraft) return 'draft';
  return uploader.reviewer ? 'published' : 'submitted';
}

/** The demand record kind. `now` is injectable for tests of the deadline rule. */
export function demandRecordKind(options: { now?: () => Date } = {}): RecordKind<DemandImportInput> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'demand',
    label: '技术需求',
    columns: DEMAND_COLUMNS,
    maxRows: 100_000,
    toInput: (cells) => demandFromCells(cells, now()),

    async importRefusal(db: Db, actor: Actor) {
      const uploader = await uploaderOf(db, actor);
      return 'refusal' in uploader ? uploader.refusal : null;
    },

    async checkBatch(db: Db, ctx: RequestContext, inputs: DemandImportInput[]) {
      const uploader = ctx.actor ? await uploaderOf(db, ctx.actor) : { refusal: REFUSAL };
      if ('refusal' in uploader) return inputs.map(() => [{ key: 'creditCode', message: uploader.refusal }]);
      const found = await enterprisesFor(db, inputs);
      return inputs.map((input) => {
        const problem = enterpriseProblem(uploader, input.creditCode, input.creditCode === null ? undefined : found.get(input.creditCode));
        return problem ? [{ key: 'creditCode', message: problem }] : [];
      });
    },

    async importBatch(db: Db, ctx: RequestContext, inputs: DemandImportInput[], opts: { asDraft: boolean; jobId: string }) {
      const actor = ctx.actor;
      const uploader = actor ? await uploaderOf(db, actor) : { refusal: REFUSAL };
      if (!actor || 'refusal' in uploader) throw new AppError('forbidden', 'refusal' in uploader ? uploader.refusal : REFUSAL);
      const found = await enterprisesFor(db, inputs);
      const status = importedStatus(uploader, opts.asDraft);
      const at = new Date();

      const keys: string[] = [];
      const values: q.DemandInsert[] = [];
      const seen = new Set<string>();
      for (const input of inputs) {
        const enterprise = uploader.mode === 'own' ? uploader.enterprise : input.creditCode === null ? undefined : found.get(input.creditCode);
        // Checked in the validation pass; only a change in between (an enterprise's verification
        // withdrawn, a role taken away) gets here.
        const problem = enterpriseProblem(uploader, input.creditCode, enterprise);
        if (problem || !enterprise) throw new AppError('invalid_state', `${input.title}：${problem ?? '企业信息已变化'}，请重新上传`);
        const normalizedTitle = normalizeDemandTitle(input.title);
        const key = `${enterprise.id}|${normalizedTitle}`;
        keys.push(key);
        if (seen.has(key)) continue; // the same demand twice in one batch: the second is a duplicate
        seen.add(key);
        const { creditCode: _code, ...fields } = input;
        values.push({
          ...fields,
          enterpriseOrganizationId: enterprise.id,
          regionCode: enterprise.regionCode,
          normalizedTitle,
          contactName: fields.contactName || enterprise.contactName,
          contactPhone: fields.contactPhone || enterprise.contactPhone,
          contactEmail: fields.contactEmail ?? (fields.contactName ? null : enterprise.contactEmail),
          createdBy: actor.userId,
          source: 'import',
          sourceRef: opts.jobId,
          status,
          submittedAt: status === 'draft' ? null : at,
          publishedAt: status === 'published' ? at : null,
          // The 48-hour promise starts at publication (README, "The 48-hour clock").
          responseDueAt: status === 'published' ? new Date(at.getTime() + RESPONSE_MS) : null,
          createdAt: at,
          updatedAt: at,
        });
      }

      const created = await q.insertImportedDemands(db, values);
      const createdKeys = new Set(created.map((c) => `${c.enterpriseOrganizationId}|${c.normalizedTitle}`));
      const counted = new Set<string>();
      const outcomes = keys.map((key): 'created' | 'duplicate' => {
        if (counted.has(key) || !createdKeys.has(key)) return 'duplicate';
        counted.add(key);
        return 'created';
      });

      // The timeline of each new demand walks the life cycle it skipped through.
      const note = `批量导入（导入任务 ${opts.jobId}）`;
      const events: q.ImportEventInsert[] = [];
      for (const c of created) {
        const base = { demandId: c.id, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, at };
        events.push({ ...base, action: 'created', fromStatus: null, toStatus: 'draft', note });
        if (status !== 'draft') events.push({ ...base, action: 'submitted', fromStatus: 'draft', toStatus: 'submitted', note: null });
        if (status === 'published') events.push({ ...base, action: 'published', fromStatus: 'submitted', toStatus: 'published', note: '导入人为审核方，导入即发布' });
      }
      await q.insertImportEvents(db, events);

      // One audit entry per region and batch (a gov_admin sees its region's imports); published
      // demands also get their own entry, so followers of the audit log (search) pick them up.
      const byRegion = new Map<string, typeof created>();
      for (const c of created) byRegion.set(c.regionCode, [...(byRegion.get(c.regionCode) ?? []), c]);
      for (const [regionCode, rows] of byRegion) {
        await recordAudit(db, ctx, {
          action: 'demand.imported',
          entityType: 'demand_batch',
          entityId: opts.jobId,
          regionCode,
          after: { jobId: opts.jobId, status, created: rows.length, demandIds: rows.map((r) => r.id) },
        });
      }
      if (status === 'published') {
        for (const c of created) {
          await recordAudit(db, ctx, {
            action: 'demand.published',
            entityType: 'demand',
            entityId: c.id,
            regionCode: c.regionCode,
            after: { status, source: 'import', jobId: opts.jobId },
          });
        }
      }
      return outcomes;
    },
  };
}
