/**
 * Use cases of the subsidies module (补助与奖励): programme versions (policy as data), the
 * simulator, applications computed from linked records, review with expert scores, approval that
 * reserves budget, and idempotent disbursement. Every change writes its audit entry (and its
 * notification) in the same transaction; a refused request writes nothing.
 */
import { type Actor, hasRole, mustActor, type RequestContext } from '../../platform/auth.js';
import { type Db, isUniqueViolation } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { fenToYuanString } from '../../platform/money.js';
import { recordAudit } from '../audit/index.js';
import { type ContractFacts, contractFacts } from '../contracts/index.js';
import { type NewNotification, notifyOrganization, notifyRegionGovAdmins } from '../notifications/index.js';
import { regionName } from '../regions/index.js';
import { APPLICATION_STATUSES, PROGRAMME_STATUSES, REVIEWABLE_STATUSES, SUBSIDY_KINDS, type SubsidyKind, subsidyLabelOf } from './subsidy-codes.js';
import {
  type ApplicantView,
  addDays,
  BASE_LABELS,
  baseOf,
  checkApplicantRegion,
  checkInvestment,
  checkIntermediaryDeal,
  checkRdContract,
  checkSalesPostSubsidy,
  type ContractView,
  compute,
  type DealView,
  describeRule,
  type InvestmentInputs,
  parseParams,
  type Reason,
  type RuleResult,
  type SalesInputs,
  shanghaiDay,
  yuan,
} from './subsidy-rules.js';
import * as q from './subsidies.queries.js';
import type { ApplicationWithProgramme, ProgrammeRow } from './subsidies.queries.js';
import { applicationActions, applicationScopeOf, canSeeDrafts, canSimulateContract, isApplicantMember, isReviewable, isReviewer } from './subsidies.policy.js';
import type { ApplicationDetail, ApplicationInputs, ApplicationListQuery, ApplicationSummary, CreateApplication, CreateProgramme, NewVersion, Simulate } from './subsidies.schemas.js';
import { organizationNames } from '../accounts/index.js';

export interface SubsidiesDeps {
  db: Db;
}

/** The one message for an exhausted budget (approval refused, nothing written). */
export const BUDGET_EXHAUSTED = '该项目预算已用完';

const conflict = (detail: string) => new AppError('invalid_state', detail);
const appLink = (id: string) => `/workspace/subsidies/applications/${id}`;
const kindLabel = (k: string) => subsidyLabelOf(SUBSIDY_KINDS, k);
const statusLabel = (s: string) => subsidyLabelOf(APPLICATION_STATUSES, s);
const programmeStatusLabel = (s: string) => subsidyLabelOf(PROGRAMME_STATUSES, s);
const isMember = (a: Actor) => hasRole(a, 'org_admin') || hasRole(a, 'org_member');
const linkedOf = (kind: string) => SUBSIDY_KINDS.find((k) => k.value === kind)?.linked ?? 'investment';

// ---------- programmes ----------

function programmeOf(r: ProgrammeRow, actor: Actor | null) {
  const params = (r.params ?? {}) as Record<string, unknown>;
  const parsed = parseParams(r.kind as SubsidyKind, params);
  const actions: string[] = [];
  if (hasRole(actor, 'operator')) {
    if (r.status === 'draft') actions.push('activate');
    if (r.status === 'active') actions.push('newVersion');
  }
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    kind: r.kind,
    kindLabel: kindLabel(r.kind),
    params,
    rule: parsed.ok ? describeRule(r.kind as SubsidyKind, parsed.params) : '规则参数有误，请运营方修正',
    regionCode: r.regionCode,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    status: r.status,
    statusLabel: programmeStatusLabel(r.status),
    description: r.description,
    budgetFen: r.budgetFen,
    committedFen: r.committedFen,
    disbursedFen: r.disbursedFen,
    remainingFen: r.budgetFen - r.committedFen,
    allowedActions: actions,
  };
}

/** 补助项目: the active programme versions with their rules in words and remaining budget (public). */
export async function listActiveProgrammes(deps: SubsidiesDeps, actor: Actor | null) {
  return { items: (await q.listProgrammes(deps.db, ['active'])).map((r) => programmeOf(r, actor)) };
}

/** Every version in every status (operator and gov_admins). */
export async function listAllProgrammes(deps: SubsidiesDeps, actor: Actor) {
  return { items: (await q.listProgrammes(deps.db, null)).map((r) => programmeOf(r, actor)) };
}

/** One version with the version history of its code; drafts only for the operator and gov_admins. */
export async function getProgramme(deps: SubsidiesDeps, actor: Actor | null, id: string) {
  const row = await q.selectProgramme(deps.db, id);
  if (!row || (row.status === 'draft' && !canSeeDrafts(actor))) throw notFound('补助项目');
  const versions = (await q.selectVersions(deps.db, row.code)).filter((v) => v.status !== 'draft' || canSeeDrafts(actor));
  return {
    ...programmeOf(row, actor),
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, statusLabel: programmeStatusLabel(v.status), effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo })),
  };
}

function checkProgrammeFields(kind: SubsidyKind, input: NewVersion): { errors: FieldError[]; params: Record<string, unknown> } {
  const errors: FieldError[] = [];
  const parsed = parseParams(kind, input.params);
  if (!parsed.ok) errors.push(...parsed.errors);
  if (input.budget <= 0) errors.push({ path: 'budget', message: '预算须大于 0' });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) errors.push({ path: 'effectiveTo', message: '截止日期不能早于生效日期' });
  if (!regionName(input.regionCode)) errors.push({ path: 'regionCode', message: '行政区划代码不存在' });
  return { errors, params: parsed.ok ? { ...parsed.params } : {} };
}

/** The operator creates a programme: version 1, a draft until activated. */
export async function createProgramme(deps: SubsidiesDeps, ctx: RequestContext, input: CreateProgramme) {
  const actor = mustActor(ctx);
  const { errors, params } = checkProgrammeFields(input.kind, input);
  if (errors.length) throw validationFailed(errors);
  try {
    return await deps.db.transaction(async (tx) => {
      if ((await q.selectVersions(tx, input.code)).length) throw new AppError('duplicate', `项目编码「${input.code}」已存在`, { errors: [{ path: 'code', message: '项目编码已存在' }] });
      const row = await q.insertProgramme(tx, {
        code: input.code,
        version: 1,
        name: input.name,
        kind: input.kind,
        params,
        regionCode: input.regionCode,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        budgetFen: input.budget,
        description: input.description ?? '',
        createdBy: actor.userId,
      });
      await recordAudit(tx, ctx, { action: 'subsidy_programme.created', entityType: 'subsidy_programme', entityId: row.id, regionCode: row.regionCode, after: { code: row.code, version: 1, kind: row.kind, params, budgetFen: row.budgetFen } });
      return getProgramme({ db: tx }, actor, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('duplicate', `项目编码「${input.code}」已存在`, { errors: [{ path: 'code', message: '项目编码已存在' }] });
    throw err;
  }
}

/** draft → active: applications may be made from now on. */
export async function activateProgramme(deps: SubsidiesDeps, ctx: RequestContext, id: string) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await q.selectProgramme(tx, id, true);
    if (!row) throw notFound('补助项目');
    if (row.status !== 'draft') throw conflict(`补助项目当前状态为「${programmeStatusLabel(row.status)}」，不能启用`);
    const after = await q.updateProgrammeIf(tx, id, 'draft', { status: 'active' });
    if (!after) throw conflict('补助项目已被处理');
    await recordAudit(tx, ctx, { action: 'subsidy_programme.activated', entityType: 'subsidy_programme', entityId: id, regionCode: row.regionCode, before: { status: 'draft' }, after: { status: 'active' } });
    return getProgramme({ db: tx }, actor, id);
  });
}

/**
 * Edits an active programme by creating version n+1 (active at once). The old version becomes
 * superseded with effectiveTo = the day before the new effectiveFrom, so every application keeps
 * the rules of the version in force on its basis date.
 */
export async function createVersion(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: NewVersion) {
  const actor = mustActor(ctx);
  const current0 = await q.selectProgramme(deps.db, id);
  if (!current0) throw notFound('补助项目');
  const kind = current0.kind as SubsidyKind;
  const { errors, params } = checkProgrammeFields(kind, input);
  if (input.effectiveFrom <= current0.effectiveFrom) errors.push({ path: 'effectiveFrom', message: `新版本的生效日期须晚于当前版本的生效日期（${current0.effectiveFrom}）` });
  if (errors.length) throw validationFailed(errors);
  return deps.db.transaction(async (tx) => {
    const versions = await q.selectVersions(tx, current0.code, true);
    const current = versions.find((v) => v.id === id);
    if (current?.status !== 'active') throw conflict('只能基于当前生效的版本创建新版本');
    const next = (versions[0]?.version ?? current.version) + 1;
    const prevEnd = addDays(input.effectiveFrom, -1);
    const old = await q.updateProgrammeIf(tx, id, 'active', { status: 'superseded', effectiveTo: current.effectiveTo && current.effectiveTo < prevEnd ? current.effectiveTo : prevEnd });
    if (!old) throw conflict('补助项目已被处理');
    const row = await q.insertProgramme(tx, {
      code: current.code,
      version: next,
      name: input.name,
      kind,
      params,
      regionCode: input.regionCode,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      budgetFen: input.budget,
      status: 'active',
      description: input.description ?? '',
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, { action: 'subsidy_programme.superseded', entityType: 'subsidy_programme', entityId: old.id, regionCode: old.regionCode, before: { status: 'active', effectiveTo: current.effectiveTo }, after: { status: 'superseded', effectiveTo: old.effectiveTo, by: row.id } });
    await recordAudit(tx, ctx, { action: 'subsidy_programme.version_created', entityType: 'subsidy_programme', entityId: row.id, regionCode: row.regionCode, before: { version: current.version, params: current.params, budgetFen: current.budgetFen }, after: { version: next, params, budgetFen: row.budgetFen, effectiveFrom: row.effectiveFrom } });
    return getProgramme({ db: tx }, actor, row.id);
  });
}

// ---------- assessment: facts → eligibility → amount ----------

function contractViewOf(f: ContractFacts): ContractView {
  return {
    status: f.status,
    contractType: f.contractType,
    registeredOn: f.registeredAt ? shanghaiDay(f.registeredAt) : null,
    parties: f.parties,
    paidFen: f.paidFen,
    achievementId: f.achievementId,
    dealId: f.dealId,
  };
}

/** Raw inputs in fen (what the applicant typed, after the schema). */
interface RawInputs extends SalesInputs, InvestmentInputs {
  investedOn?: string | undefined;
}

function rawInputsOf(i: ApplicationInputs | undefined): RawInputs {
  return {
    newProductSalesFen: i?.newProductSales,
    periodFrom: i?.periodFrom,
    periodTo: i?.periodTo,
    investeeName: i?.investeeName,
    investmentFen: i?.investment,
    investedOn: i?.investedOn,
    paidInCapitalFen: i?.paidInCapital,
    isInIncubator: i?.isInIncubator,
  };
}

interface Linked {
  contractId: string | null;
  dealId: string | null;
  contract: ContractView | null;
  contractFacts: ContractFacts | null;
  deal: (DealView & { achievementId: string }) | null;
  reasons: Reason[];
}

/** Loads the records an application links to (contract via contracts' `contractFacts`, deal from listings). */
async function loadLinked(db: Db, kind: SubsidyKind, link: { contractId?: string | null | undefined; dealId?: string | null | undefined }): Promise<Linked> {
  const out: Linked = { contractId: null, dealId: null, contract: null, contractFacts: null, deal: null, reasons: [] };
  const linked = linkedOf(kind);
  if (linked === 'investment') return out;
  if (linked === 'deal') {
    if (!link.dealId) {
      out.reasons.push({ path: 'dealId', message: '请选择成交项目' });
      return out;
    }
    const deal = await q.selectDeal(db, link.dealId);
    if (!deal) throw fieldError('dealId', '成交不存在');
    out.deal = deal;
    out.dealId = deal.id;
    if (link.contractId && deal.contractId && link.contractId !== deal.contractId) out.reasons.push({ path: 'contractId', message: '该合同不属于所选成交' });
    const contractId = deal.contractId ?? link.contractId ?? null;
    if (contractId) {
      const f = await contractFacts(db, contractId);
      if (!f) throw fieldError('contractId', '技术合同不存在');
      if (f.dealId !== deal.id && deal.contractId !== f.id) out.reasons.push({ path: 'contractId', message: '该合同不属于所选成交' });
      out.contractFacts = f;
      out.contract = contractViewOf(f);
      out.contractId = f.id;
    }
    return out;
  }
  if (!link.contractId) {
    out.reasons.push({ path: 'contractId', message: '请选择已登记的技术合同' });
    return out;
  }
  const f = await contractFacts(db, link.contractId);
  if (!f) throw fieldError('contractId', '技术合同不存在');
  out.contractFacts = f;
  out.contract = contractViewOf(f);
  out.contractId = f.id;
  return out;
}

/** The day that picks the programme version: the contract's registration day, or the investment day. */
function basisDateOf(kind: SubsidyKind, linked: Linked, raw: RawInputs, today: string): string {
  if (linkedOf(kind) === 'investment') return raw.investedOn ?? today;
  return linked.contract?.registeredOn ?? today;
}

interface Assessment {
  programme: ProgrammeRow;
  kind: SubsidyKind;
  reasons: Reason[];
  result: RuleResult;
  baseFen: number;
  achievementId: string | null;
  linked: Linked;
  /** Stored with the application: what the amount was computed from. */
  stored: Record<string, unknown>;
}

/** Eligibility and amount of one programme version for an applicant (null = the simulator's hypothetical right party). */
async function assessVersion(db: Db, programme: ProgrammeRow, applicant: ApplicantView | null, linked: Linked, raw: RawInputs, basisDate: string, excludeId: string | null): Promise<Assessment> {
  const kind = programme.kind as SubsidyKind;
  const parsed = parseParams(kind, programme.params);
  if (!parsed.ok) throw new AppError('internal', `补助项目「${programme.name}」的规则参数有误`);
  const params = parsed.params;
  const reasons: Reason[] = [...linked.reasons, ...checkApplicantRegion(applicant, programme.regionCode, regionName(programme.regionCode) ?? programme.regionCode)];
  const c = linked.contract;
  switch (kind) {
    case 'rd_university_reward':
    case 'rd_enterprise_subsidy':
      if (linked.contractId) reasons.push(...checkRdContract(kind, c, applicant, programme.regionCode));
      break;
    case 'intermediary_conversion':
      if (linked.deal) reasons.push(...checkIntermediaryDeal(linked.deal, c, applicant));
      break;
    case 'sales_post_subsidy':
      if (linked.contractId) reasons.push(...checkSalesPostSubsidy(c, applicant, programme.regionCode, raw, params.windowMonths ?? 24));
      break;
    default:
      reasons.push(...checkInvestment(kind, applicant, raw));
  }
  const achievementId = c?.achievementId ?? linked.deal?.achievementId ?? null;
  if (kind === 'sales_post_subsidy' && linked.contractId && !achievementId) reasons.push({ path: 'contractId', message: '该合同未关联科技成果，无法按成果核定封顶金额' });
  if (programme.effectiveFrom > basisDate || (programme.effectiveTo && programme.effectiveTo < basisDate)) {
    reasons.push({ path: 'programmeCode', message: `「${programme.name}」第 ${programme.version} 版的有效期不含 ${basisDate}` });
  }
  let already = 0;
  if (applicant && kind === 'rd_enterprise_subsidy' && linked.contractId) {
    already = await q.sumApprovedInGroup(db, programme.code, { applicantOrganizationId: applicant.organizationId, contractId: linked.contractId }, excludeId);
  }
  if (kind === 'sales_post_subsidy' && achievementId && applicant) already = await q.sumApprovedInGroup(db, programme.code, { achievementId }, excludeId);
  const baseFen = baseOf(kind, { contract: c, deal: linked.deal, sales: raw, investment: raw });
  const result = compute(kind, params, { baseFen }, { alreadyApprovedFen: already });
  const stored: Record<string, unknown> = {
    basisDate,
    baseLabel: BASE_LABELS[kind],
    baseFen,
    params,
    alreadyApprovedFen: already,
    ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
    ...(linked.contractFacts
      ? { contract: { title: linked.contractFacts.title, contractType: linked.contractFacts.contractType, registrationNumber: linked.contractFacts.registrationNumber, registeredOn: c?.registeredOn ?? null, paidFen: linked.contractFacts.paidFen } }
      : {}),
    ...(linked.deal ? { deal: { priceFen: linked.deal.priceFen } } : {}),
  };
  return { programme, kind, reasons, result, baseFen, achievementId, linked, stored };
}

async function applicantOf(db: Db, organizationId: string): Promise<ApplicantView & { name: string; status: string }> {
  const org = await q.selectOrganizationFacts(db, organizationId);
  if (!org) throw notFound('申请单位');
  return { organizationId: org.id, type: org.type, regionCode: org.regionCode, name: org.name, status: org.status };
}

/** Picks the version in force on the basis date and assesses it. */
async function assessApplication(db: Db, applicant: ApplicantView, input: CreateApplication, now: Date): Promise<Assessment> {
  const versions = (await q.selectVersions(db, input.programmeCode)).filter((v) => v.status !== 'draft');
  const first = versions[0];
  if (!first) throw fieldError('programmeCode', '补助项目不存在或尚未启用');
  const kind = first.kind as SubsidyKind;
  const linked = await loadLinked(db, kind, input);
  const raw = rawInputsOf(input.inputs);
  const basisDate = basisDateOf(kind, linked, raw, shanghaiDay(now));
  const version = await q.selectVersionOn(db, input.programmeCode, basisDate);
  if (!version) {
    const what = linkedOf(kind) === 'investment' ? '投资日期' : '合同登记日期';
    const a = await assessVersion(db, versions.find((v) => v.status === 'active') ?? first, applicant, linked, raw, basisDate, null);
    return { ...a, reasons: [...a.reasons.filter((r) => r.path !== 'programmeCode' || !r.message.includes('有效期')), { path: 'programmeCode', message: `${what}（${basisDate}）不在「${first.name}」任何版本的有效期内` }] };
  }
  return assessVersion(db, version, applicant, linked, raw, basisDate, null);
}

function computationOf(a: Assessment) {
  return {
    programme: { id: a.programme.id, code: a.programme.code, version: a.programme.version, name: a.programme.name, kind: a.kind, kindLabel: kindLabel(a.kind) },
    eligible: a.reasons.length === 0 && a.result.amountFen > 0,
    reasons: a.reasons,
    amountFen: a.result.amountFen,
    amount: fenToYuanString(a.result.amountFen),
    formula: a.result.formula,
    capped: a.result.capped,
    remainingCapFen: a.result.remainingCap,
  };
}

// ---------- simulator ----------

/**
 * 补助测算 (public): what each active programme (or the one named) would give for a hypothetical
 * registered contract and/or investment, assuming the right party applies.
 */
export async function simulate(deps: SubsidiesDeps, input: Simulate, now = new Date()) {
  const today = shanghaiDay(now);
  let programmes = await q.listProgrammes(deps.db, ['active']);
  if (input.programmeCode) {
    programmes = programmes.filter((p) => p.code === input.programmeCode);
    if (!programmes.length) throw fieldError('programmeCode', '补助项目不存在或未生效');
  }
  const c = input.contract;
  const contract: ContractView | null = c
    ? {
        status: 'registered',
        contractType: c.contractType,
        registeredOn: c.registeredOn ?? today,
        parties: [
          { role: 'seller', organizationId: null, ...c.seller },
          { role: 'buyer', organizationId: null, ...c.buyer },
        ],
        paidFen: c.paid,
        achievementId: 'simulated',
        dealId: null,
      }
    : null;
  const raw = rawInputsOf(input.inputs);
  const results = [];
  for (const p of programmes) {
    const kind = p.kind as SubsidyKind;
    const linkedType = linkedOf(kind);
    const linked: Linked = { contractId: null, dealId: null, contract: null, contractFacts: null, deal: null, reasons: [] };
    if (linkedType !== 'investment') {
      if (!contract) linked.reasons.push({ path: 'contract', message: '请填写合同信息' });
      linked.contract = contract;
      linked.contractId = contract ? 'simulated' : null;
      if (linkedType === 'deal' && c) {
        linked.deal = { id: 'simulated', intermediaryOrganizationId: c.hasIntermediary ? 'simulated' : null, buyerOrganizationId: 'simulated', priceFen: c.dealPrice ?? c.paid, contractId: 'simulated', achievementId: 'simulated' };
      }
    }
    const basisDate = linkedType === 'investment' ? (raw.investedOn ?? today) : (contract?.registeredOn ?? today);
    // The simulator shows the active version's rules even for a date outside them (the reason says so).
    const a = await assessVersion(deps.db, p, null, linked, raw, basisDate, null);
    results.push(computationOf(a));
  }
  return { results };
}

/** What the caller's organization (or, for the operator and gov_admins, the right party) would get for a registered contract. */
export async function simulateContract(deps: SubsidiesDeps, actor: Actor, contractId: string, now = new Date()) {
  const f = await contractFacts(deps.db, contractId);
  if (!f || !canSimulateContract(actor, f)) throw notFound('技术合同');
  const party = actor.organizationId && isMember(actor) && f.parties.some((p) => p.organizationId === actor.organizationId) ? await applicantOf(deps.db, actor.organizationId) : null;
  const programmes = (await q.listProgrammes(deps.db, ['active'])).filter((p) => linkedOf(p.kind) === 'contract');
  const view = contractViewOf(f);
  const basisDate = view.registeredOn ?? shanghaiDay(now);
  const results = [];
  for (const p of programmes) {
    const version = (await q.selectVersionOn(deps.db, p.code, basisDate)) ?? p;
    const linked: Linked = { contractId: f.id, dealId: null, contract: view, contractFacts: f, deal: null, reasons: [] };
    const a = await assessVersion(deps.db, version, party, linked, {}, basisDate, null);
    // Sales figures come with the application; without them the other reasons still tell.
    results.push(computationOf({ ...a, reasons: a.reasons.filter((r) => !r.path.startsWith('inputs.')) }));
  }
  return { results };
}

// ---------- applications: presenters ----------

function summaryOf({ app, programme }: ApplicationWithProgramme, names: Map<string, string>): ApplicationSummary {
  return {
    id: app.id,
    programme: { id: programme.id, code: programme.code, version: programme.version, name: programme.name, kind: programme.kind, kindLabel: kindLabel(programme.kind), regionCode: programme.regionCode },
    applicant: { id: app.applicantOrganizationId, name: names.get(app.applicantOrganizationId) ?? '' },
    regionCode: app.regionCode,
    contractId: app.contractId,
    dealId: app.dealId,
    achievementId: app.achievementId,
    status: app.status,
    statusLabel: statusLabel(app.status),
    computedFen: app.computedFen,
    approvedFen: app.approvedFen,
    disbursedFen: app.disbursedFen,
    formula: app.formula,
    createdAt: app.createdAt.toISOString(),
    reviewedAt: app.reviewedAt?.toISOString() ?? null,
  };
}

const policyRecord = ({ app, programme }: ApplicationWithProgramme) => ({
  applicantOrganizationId: app.applicantOrganizationId,
  regionCode: app.regionCode,
  programmeRegionCode: programme.regionCode,
  status: app.status,
});

async function detailOf(db: Db, row: ApplicationWithProgramme, actor: Actor | null): Promise<ApplicationDetail> {
  // One after another: `db` may be a transaction (one connection).
  const names = await organizationNames(db, [row.app.applicantOrganizationId]);
  const scores = await q.selectScores(db, row.app.id);
  const disbursements = await q.selectDisbursements(db, row.app.id);
  const { app } = row;
  const timeline: { at: Date; text: string }[] = [{ at: app.createdAt, text: `提交申请，测算补助 ${yuan(app.computedFen)}` }];
  for (const s of scores) timeline.push({ at: s.createdAt, text: `专家${s.expert}评分 ${s.score} 分` });
  if (app.reviewedAt && app.status !== 'rejected') timeline.push({ at: app.reviewedAt, text: `审核通过，批准 ${yuan(app.approvedFen ?? 0)}` });
  if (app.reviewedAt && app.status === 'rejected') timeline.push({ at: app.reviewedAt, text: `审核未通过：${app.reviewComment ?? ''}` });
  if (app.status === 'withdrawn') timeline.push({ at: app.updatedAt, text: '申请单位撤回申请' });
  for (const d of disbursements) timeline.push({ at: d.createdAt, text: `拨付 ${yuan(d.amountFen)}（${d.paidOn}，凭证 ${d.reference}）` });
  if (app.status === 'disbursed') timeline.push({ at: app.updatedAt, text: '已全额拨付' });
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    ...summaryOf(row, names),
    inputs: (app.inputs ?? {}) as Record<string, unknown>,
    reviewComment: app.reviewComment,
    scores: scores.map((s) => ({ expert: s.expert, score: s.score, comment: s.comment, createdAt: s.createdAt.toISOString() })),
    // Integer tenths: no float arithmetic on the stored scores beyond one division for display.
    averageScore: scores.length ? Math.round((scores.reduce((n, s) => n + s.score, 0) * 10) / scores.length) / 10 : null,
    disbursements: disbursements.map((d) => ({ id: d.id, idempotencyKey: d.idempotencyKey, amountFen: d.amountFen, paidOn: d.paidOn, reference: d.reference, createdAt: d.createdAt.toISOString() })),
    timeline: timeline.map((t) => ({ at: t.at.toISOString(), text: t.text })),
    allowedActions: applicationActions(actor, policyRecord(row)),
  };
}

async function load(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ApplicationWithProgramme> {
  const row = await q.selectApplication(db, id, applicationScopeOf(actor), forUpdate);
  if (!row) throw notFound('补助申请');
  return row;
}

async function pageOf(db: Db, r: { items: ApplicationWithProgramme[]; total: number }, page: number, pageSize: number) {
  const names = await organizationNames(db, r.items.map((i) => i.app.applicantOrganizationId));
  return { items: r.items.map((i) => summaryOf(i, names)), total: r.total, page, pageSize };
}

async function audit(tx: Db, ctx: RequestContext, app: { id: string; regionCode: string }, action: string, before?: unknown, after?: unknown) {
  await recordAudit(tx, ctx, { action, entityType: 'subsidy_application', entityId: app.id, regionCode: app.regionCode, before, after });
}

// ---------- applications: reading ----------

/** 我的申请: the caller's organization's applications. */
export async function listMine(deps: SubsidiesDeps, actor: Actor, query: ApplicationListQuery) {
  if (!actor.organizationId) throw forbidden('请先加入机构');
  const { page, pageSize, status, programmeCode } = query;
  const r = await q.listApplications(deps.db, applicationScopeOf(actor), { statuses: status ? [status] : undefined, programmeCode, applicantOrganizationId: actor.organizationId }, page, pageSize);
  return pageOf(deps.db, r, page, pageSize);
}

/**
 * Review queue, oldest first: for the operator and gov_admins the applications of programmes in
 * their regions (pending review, and approved ones awaiting disbursement); for experts those under review.
 */
export async function reviewQueue(deps: SubsidiesDeps, actor: Actor, query: ApplicationListQuery) {
  const { page, pageSize, status, programmeCode } = query;
  const scope = applicationScopeOf(actor);
  const isDecider = hasRole(actor, 'operator') || hasRole(actor, 'gov_admin');
  const statuses = status ? [status] : isDecider ? [...REVIEWABLE_STATUSES, 'approved'] : REVIEWABLE_STATUSES;
  const programmeRegionScopes = scope.all || !isDecider ? undefined : scope.regionScopes;
  // Experts see applications under review only (their scope says so too).
  const visible = isDecider ? statuses : statuses.filter((s) => (REVIEWABLE_STATUSES as string[]).includes(s));
  const r = await q.listApplications(deps.db, scope, { statuses: visible, programmeCode, programmeRegionScopes }, page, pageSize, true);
  return pageOf(deps.db, r, page, pageSize);
}

export async function getApplication(deps: SubsidiesDeps, actor: Actor, id: string) {
  return detailOf(deps.db, await load(deps.db, actor, id), actor);
}

// ---------- applications: changes ----------

function requireApplicant(actor: Actor) {
  if (!actor.organizationId || !isMember(actor)) throw forbidden('只有机构成员可以申请补助');
  return actor.organizationId;
}

/** Computes an application without saving it (the apply form shows amount and formula first). */
export async function previewApplication(deps: SubsidiesDeps, ctx: RequestContext, input: CreateApplication, now = new Date()) {
  const actor = mustActor(ctx);
  const applicant = await applicantOf(deps.db, requireApplicant(actor));
  return computationOf(await assessApplication(deps.db, applicant, input, now));
}

/**
 * 申请: a member of the applicant organization applies under a programme code with the linked
 * contract / deal and the inputs; the engine binds the version in force on the basis date,
 * checks eligibility (every reason, with its field) and stores the amount and formula.
 */
export async function createApplication(deps: SubsidiesDeps, ctx: RequestContext, input: CreateApplication, now = new Date()) {
  const actor = mustActor(ctx);
  const applicant = await applicantOf(deps.db, requireApplicant(actor));
  if (applicant.status !== 'verified') throw forbidden('只有已认证机构可以申请补助');
  const duplicate = () => new AppError('duplicate', '本单位已就该合同（成交）申请过本项目补助，不能重复申请');
  try {
    return await deps.db.transaction(async (tx) => {
      const a = await assessApplication(tx, applicant, input, now);
      if (a.reasons.length) throw validationFailed(a.reasons);
      if (a.result.amountFen <= 0) throw conflict(`测算补助金额为 ¥0.00，不能申请：${a.result.formula}`);
      const link = { contractId: a.linked.contractId, dealId: a.linked.dealId };
      if (link.contractId || link.dealId) {
        const live = await q.selectLiveApplications(tx, a.programme.code, applicant.organizationId, link.dealId ? { dealId: link.dealId } : { contractId: link.contractId });
        if (a.kind !== 'sales_post_subsidy' && live.length) throw duplicate();
        // Sales post-subsidy: one application per sales period; periods never overlap.
        const from = a.stored.periodFrom as string;
        const to = a.stored.periodTo as string;
        const overlap = live.find(({ app }) => {
          const i = app.inputs as { periodFrom?: string; periodTo?: string };
          return i.periodFrom && i.periodTo && i.periodFrom <= to && from <= i.periodTo;
        });
        if (a.kind === 'sales_post_subsidy' && overlap) throw fieldError('inputs.periodFrom', '销售期间与本单位已申请的期间重叠');
      }
      const app = await q.insertApplication(tx, {
        programmeId: a.programme.id,
        applicantOrganizationId: applicant.organizationId,
        regionCode: applicant.regionCode,
        contractId: link.contractId,
        dealId: link.dealId,
        achievementId: a.achievementId,
        inputs: a.stored,
        computedFen: a.result.amountFen,
        formula: a.result.formula,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await audit(tx, ctx, app, 'subsidy_application.created', undefined, { programmeId: a.programme.id, version: a.programme.version, computedFen: app.computedFen, formula: app.formula, inputs: a.stored });
      await notifyRegionGovAdmins(tx, a.programme.regionCode, {
        kind: 'subsidy_submitted',
        title: `${applicant.name}申请「${a.programme.name}」，测算 ${yuan(app.computedFen)}`,
        link: appLink(app.id),
        entityType: 'subsidy_application',
        entityId: app.id,
      });
      return detailOf(tx, { app, programme: a.programme }, actor);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/** An expert scores an application under review (0–100; a second score by the same expert replaces the first). */
export async function scoreApplication(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: { score: number; comment?: string | undefined }) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!hasRole(actor, 'expert')) throw forbidden('只有评审专家可以评分');
    if (!isReviewable(row.app)) throw conflict(`申请当前状态为「${statusLabel(row.app.status)}」，不能评分`);
    await q.upsertScore(tx, { applicationId: id, expertUserId: actor.userId, score: input.score, comment: input.comment ?? '' });
    const app = (await q.updateApplicationIf(tx, id, ['submitted'], { status: 'under_review' })) ?? row.app;
    await audit(tx, ctx, app, 'subsidy_application.scored', { status: row.app.status }, { status: app.status, score: input.score, comment: input.comment ?? '' });
    return detailOf(tx, { app, programme: row.programme }, actor);
  });
}

/**
 * 批准: the operator or a gov_admin whose region contains the programme's approves an amount ≤ the
 * amount recomputed now (a reason is required when lower). Inside one transaction: the versions
 * of the code are locked (approvals within a code are serialized), caps across applications are
 * checked against approved amounts, and the budget is reserved by a conditional update — 0 rows
 * is 409 「该项目预算已用完」 and nothing is written.
 */
export async function approveApplication(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: { amount: number; comment?: string | undefined }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isReviewer(actor, policyRecord(row))) throw forbidden('只有平台运营方或项目所在地区的科技管理部门可以审核补助申请');
    if (!isReviewable(row.app)) throw conflict(`申请当前状态为「${statusLabel(row.app.status)}」，不能审核`);
    await q.selectVersions(tx, row.programme.code, true);
    const programme = (await q.selectProgramme(tx, row.programme.id)) ?? row.programme;
    const applicant = await applicantOf(tx, row.app.applicantOrganizationId);
    const kind = programme.kind as SubsidyKind;
    const stored = (row.app.inputs ?? {}) as Record<string, unknown>;
    const raw: RawInputs = {
      newProductSalesFen: stored.newProductSalesFen as number | undefined,
      periodFrom: stored.periodFrom as string | undefined,
      periodTo: stored.periodTo as string | undefined,
      investeeName: stored.investeeName as string | undefined,
      investmentFen: stored.investmentFen as number | undefined,
      investedOn: stored.investedOn as string | undefined,
      paidInCapitalFen: stored.paidInCapitalFen as number | undefined,
      isInIncubator: stored.isInIncubator as boolean | undefined,
    };
    const linked = await loadLinked(tx, kind, { contractId: row.app.contractId, dealId: row.app.dealId });
    // The version stays the one bound at submission; its basis date is the one stored then.
    const a = await assessVersion(tx, programme, applicant, linked, raw, String(stored.basisDate ?? programme.effectiveFrom), row.app.id);
    if (a.reasons.length) throw conflict(`申请已不符合条件：${a.reasons.map((r) => r.message).join('；')}`);
    const computed = a.result.amountFen;
    if (input.amount <= 0) throw fieldError('amount', '批准金额须大于 0；不予补助请选择“不通过”');
    if (input.amount > computed) throw fieldError('amount', `批准金额不能超过测算金额 ${yuan(computed)}（${a.result.formula}）`);
    if (input.amount < computed && !input.comment) throw fieldError('comment', `批准金额低于测算金额 ${yuan(computed)} 时须说明理由`);
    const reserved = await q.reserveBudget(tx, programme.id, input.amount);
    if (!reserved) throw conflict(`${BUDGET_EXHAUSTED}（剩余 ${yuan(Math.max(0, programme.budgetFen - programme.committedFen))}，本次批准 ${yuan(input.amount)}）`);
    const app = await q.updateApplicationIf(tx, id, REVIEWABLE_STATUSES, {
      status: 'approved',
      approvedFen: input.amount,
      computedFen: computed,
      formula: a.result.formula,
      inputs: a.stored,
      reviewComment: input.comment ?? null,
      reviewedBy: actor.userId,
      reviewedAt: now,
    });
    if (!app) throw conflict('申请已被处理');
    await audit(tx, ctx, app, 'subsidy_application.approved', { status: row.app.status, computedFen: row.app.computedFen }, { status: 'approved', approvedFen: input.amount, computedFen: computed, formula: a.result.formula, comment: input.comment ?? null });
    await recordAudit(tx, ctx, {
      action: 'subsidy_programme.budget_committed',
      entityType: 'subsidy_programme',
      entityId: programme.id,
      regionCode: programme.regionCode,
      before: { committedFen: programme.committedFen },
      after: { committedFen: reserved.committedFen, applicationId: app.id },
    });
    await notifyOrganization(tx, app.applicantOrganizationId, {
      kind: 'subsidy_approved',
      title: `「${programme.name}」补助申请已批准 ${yuan(input.amount)}`,
      body: input.comment ? `审核意见：${input.comment}` : a.result.formula,
      link: appLink(app.id),
      entityType: 'subsidy_application',
      entityId: app.id,
    });
    return detailOf(tx, { app, programme: reserved }, actor);
  });
}

export async function rejectApplication(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: { reason: string }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isReviewer(actor, policyRecord(row))) throw forbidden('只有平台运营方或项目所在地区的科技管理部门可以审核补助申请');
    if (!isReviewable(row.app)) throw conflict(`申请当前状态为「${statusLabel(row.app.status)}」，不能审核`);
    const app = await q.updateApplicationIf(tx, id, REVIEWABLE_STATUSES, { status: 'rejected', reviewComment: input.reason, reviewedBy: actor.userId, reviewedAt: now });
    if (!app) throw conflict('申请已被处理');
    await audit(tx, ctx, app, 'subsidy_application.rejected', { status: row.app.status }, { status: 'rejected', reason: input.reason });
    await notifyOrganization(tx, app.applicantOrganizationId, {
      kind: 'subsidy_rejected',
      title: `「${row.programme.name}」补助申请未获批准`,
      body: input.reason,
      link: appLink(app.id),
      entityType: 'subsidy_application',
      entityId: app.id,
    });
    return detailOf(tx, { app, programme: row.programme }, actor);
  });
}

export async function withdrawApplication(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: { reason: string }) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isApplicantMember(actor, row.app)) throw forbidden('只有申请单位可以撤回申请');
    if (!isReviewable(row.app)) throw conflict(`申请当前状态为「${statusLabel(row.app.status)}」，不能撤回`);
    const app = await q.updateApplicationIf(tx, id, REVIEWABLE_STATUSES, { status: 'withdrawn', reviewComment: input.reason });
    if (!app) throw conflict('申请已被处理');
    await audit(tx, ctx, app, 'subsidy_application.withdrawn', { status: row.app.status }, { status: 'withdrawn', reason: input.reason });
    return detailOf(tx, { app, programme: row.programme }, actor);
  });
}

// ---------- disbursement ----------

const disbursementOf = (d: q.DisbursementRow) => ({ id: d.id, idempotencyKey: d.idempotencyKey, amountFen: d.amountFen, paidOn: d.paidOn, reference: d.reference, createdAt: d.createdAt.toISOString() });

/**
 * 拨付: the operator or the programme region's gov_admin records a payment. Idempotent on the
 * payment order's key: the same key returns the existing entry (nothing paid twice, also for
 * concurrent requests: the application row is locked, the key is unique). The sum never passes
 * the approved amount (conditional update); the full amount moves the application to `disbursed`.
 */
export async function disburse(deps: SubsidiesDeps, ctx: RequestContext, id: string, input: { idempotencyKey: string; amount: number; paidOn: string; reference: string }) {
  const actor = mustActor(ctx);
  if (input.amount <= 0) throw fieldError('amount', '拨付金额须大于 0');
  const replay = async (db: Db, existing: q.DisbursementRow) => {
    const row = await load(db, actor, id);
    if (!isReviewer(actor, policyRecord(row))) throw forbidden('只有平台运营方或项目所在地区的科技管理部门可以登记拨付');
    if (existing.applicationId !== id) throw new AppError('duplicate', '该幂等键已用于另一项申请的拨付', { errors: [{ path: 'idempotencyKey', message: '该幂等键已被使用' }] });
    if (existing.amountFen !== input.amount || existing.paidOn !== input.paidOn) {
      throw new AppError('duplicate', `该幂等键已登记一笔 ${yuan(existing.amountFen)}（${existing.paidOn}）的拨付，未重复拨付`, { errors: [{ path: 'idempotencyKey', message: '该幂等键已被使用' }] });
    }
    return { disbursement: disbursementOf(existing), created: false, application: await detailOf(db, row, actor) };
  };
  const before = await q.selectDisbursementByKey(deps.db, input.idempotencyKey);
  if (before) return replay(deps.db, before);
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await load(tx, actor, id, true);
      if (!isReviewer(actor, policyRecord(row))) throw forbidden('只有平台运营方或项目所在地区的科技管理部门可以登记拨付');
      // A concurrent request with the same key may have committed while we waited for the lock.
      const again = await q.selectDisbursementByKey(tx, input.idempotencyKey);
      if (again) return replay(tx, again);
      if (row.app.status === 'disbursed') throw conflict('该申请已全额拨付');
      if (row.app.status !== 'approved') throw conflict(`申请当前状态为「${statusLabel(row.app.status)}」，只有已批准的申请可以拨付`);
      const app = await q.addApplicationDisbursed(tx, id, input.amount);
      if (!app) {
        const approved = row.app.approvedFen ?? 0;
        throw fieldError('amount', `拨付金额超过批准金额：已批准 ${yuan(approved)}，已拨付 ${yuan(row.app.disbursedFen)}，本次最多 ${yuan(approved - row.app.disbursedFen)}`);
      }
      const programme = await q.addProgrammeDisbursed(tx, row.programme.id, input.amount);
      if (!programme) throw conflict('项目拨付金额将超过已批准（承诺）的预算');
      const d = await q.insertDisbursement(tx, { applicationId: id, idempotencyKey: input.idempotencyKey, amountFen: input.amount, paidOn: input.paidOn, reference: input.reference, recordedBy: actor.userId });
      await audit(tx, ctx, app, 'subsidy_application.disbursed', { disbursedFen: row.app.disbursedFen, status: row.app.status }, { disbursedFen: app.disbursedFen, status: app.status, disbursementId: d.id, amountFen: d.amountFen, idempotencyKey: d.idempotencyKey });
      await recordAudit(tx, ctx, {
        action: 'subsidy_programme.disbursed',
        entityType: 'subsidy_programme',
        entityId: programme.id,
        regionCode: programme.regionCode,
        before: { disbursedFen: row.programme.disbursedFen },
        after: { disbursedFen: programme.disbursedFen, disbursementId: d.id },
      });
      const n: NewNotification = {
        kind: 'subsidy_disbursed',
        title: `「${programme.name}」补助已拨付 ${yuan(d.amountFen)}${app.status === 'disbursed' ? '（已全额拨付）' : ''}`,
        body: `拨付日期 ${d.paidOn}，凭证号 ${d.reference}。`,
        link: appLink(app.id),
        entityType: 'subsidy_application',
        entityId: app.id,
      };
      await notifyOrganization(tx, app.applicantOrganizationId, n);
      return { disbursement: disbursementOf(d), created: true, application: await detailOf(tx, { app, programme }, actor) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const existing = await q.selectDisbursementByKey(deps.db, input.idempotencyKey);
      if (existing) return replay(deps.db, existing);
    }
    throw err;
  }
}
