/**
 * Use cases of the contracts module (技术合同认定登记): a party submits a signed contract (PDF),
 * the registrar (operator, or the gov_admin of the seller's region) accepts it, and decides within
 * 30 days: registered with a 16-digit number and a certificate, or refused with reasons. Every
 * change writes its audit entry (and a registration its public-log entry) in the same transaction.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, mustActor, type RequestContext } from '../../platform/auth.js';
import { type Db, isUniqueViolation } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { FileStore } from '../../platform/file-store.js';
import { sniffMediaType } from '../../platform/file-types.js';
import { fenToYuanString, formatFen } from '../../platform/money.js';
import { KEY_FIELDS } from '../achievements/achievement-codes.js';
import { recordAudit } from '../audit/index.js';
import { markDemandContracted } from '../demands/index.js';
import { linkDealContract } from '../listings/index.js';
import { type NewNotification, notifyOrganization, notifyRegionGovAdmins } from '../notifications/index.js';
import { appendPublicLog } from '../public-log/index.js';
import { regionByCode, regionName } from '../regions/index.js';
import {
  CONTRACT_CATEGORIES,
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  categoryOf,
  contractLabelOf,
  decisionDueOn,
  formatRegistrationNumber,
  isOverdue,
  LEGAL_NATURES,
  PARTY_ROLES,
  roleNameOf,
} from './contract-codes.js';
import { renderCertificate } from './contract-certificate.js';
import {
  checkPaidTotal,
  checkScheduleTotal,
  checkTransactionAmount,
  isPdf,
  isRealDay,
  parsePositiveAmount,
  SIGNED_PDF_REQUIRED,
  shanghaiDay,
} from './contract-rules.js';
import * as q from './contracts.queries.js';
import type { ContractRow, PartyRow, PaymentRow } from './contracts.queries.js';
import {
  type ContractLike,
  canAccept,
  canDownloadCertificate,
  canRecordPayment,
  canRefuse,
  canRegister,
  canWithdraw,
  contractActions,
  contractScopeOf,
  isPartyMember,
  isRegistrar,
  isSubmitterMember,
  isVerifiedMember,
} from './contracts.policy.js';
import type { ContractDetail, ContractListQuery, ContractStatistics, ContractSummary, CreateContract, PublicFacts } from './contracts.schemas.js';

export interface ContractsDeps {
  db: Db;
  files: FileStore;
  /** Base of the verification link printed on certificates; the request's origin when unset. */
  publicUrl?: string | undefined;
  /** CJK font for the certificate (config KEHUI_PDF_FONT). */
  pdfFont: string;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const link = (id: string) => `/workspace/contracts/${id}`;
const conflict = (detail: string) => new AppError('invalid_state', detail);
const statusLabel = (s: string) => contractLabelOf(CONTRACT_STATUSES, s);
const typeLabel = (s: string) => contractLabelOf(CONTRACT_TYPES, s);
const ACTION_LABELS: Record<string, string> = {
  'contract.submitted': '提交登记申请',
  'contract.accepted': '受理',
  'contract.registered': '准予登记',
  'contract.refused': '不予登记',
  'contract.withdrawn': '撤回',
  'contract.payment_recorded': '登记付款',
};

interface Loaded {
  row: ContractRow;
  parties: PartyRow[];
  like: ContractLike;
}

function likeOf(row: ContractRow, parties: PartyRow[]): ContractLike {
  return {
    status: row.status,
    regionCode: row.regionCode,
    submittedByOrganizationId: row.submittedByOrganizationId,
    partyOrganizationIds: parties.flatMap((p) => (p.organizationId ? [p.organizationId] : [])),
  };
}

async function load(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<Loaded> {
  const row = await q.selectContract(db, id, contractScopeOf(actor), forUpdate);
  if (!row) throw notFound('技术合同');
  const parties = await q.selectParties(db, [row.id]);
  return { row, parties, like: likeOf(row, parties) };
}

async function audit(tx: Db, ctx: RequestContext, row: ContractRow, action: string, before?: unknown, after?: unknown) {
  await recordAudit(tx, ctx, { action, entityType: 'contract', entityId: row.id, regionCode: row.regionCode, before, after });
}

/** The submitter's organization hears of every decision on its contract. */
async function notifySubmitter(tx: Db, row: ContractRow, n: Omit<NewNotification, 'link' | 'entityType' | 'entityId'>) {
  await notifyOrganization(tx, row.submittedByOrganizationId, { ...n, link: link(row.id), entityType: 'contract', entityId: row.id });
}

// ---------- presenters ----------

function summaryOf(r: ContractRow, parties: PartyRow[], today: string): ContractSummary {
  const names = (role: string) => parties.filter((p) => p.contractId === r.id && p.role === role).map((p) => p.name);
  return {
    id: r.id,
    title: r.title,
    contractType: r.contractType,
    contractTypeLabel: typeLabel(r.contractType),
    status: r.status,
    statusLabel: statusLabel(r.status),
    regionCode: r.regionCode,
    regionName: regionName(r.regionCode),
    buyerNames: names('buyer'),
    sellerNames: names('seller'),
    contractValueFen: r.contractValueFen,
    contractValue: fenToYuanString(r.contractValueFen),
    transactionAmountFen: r.transactionAmountFen,
    registrationNumber: r.status === 'registered' ? r.registrationNumber : null,
    submittedAt: r.submittedAt.toISOString(),
    decisionDueOn: r.decisionDueOn,
    isOverdue: isOverdue(r.status, r.decisionDueOn, today),
  };
}

async function summariesOf(db: Db, rows: ContractRow[], today: string) {
  const parties = await q.selectParties(db, rows.map((r) => r.id));
  return rows.map((r) => summaryOf(r, parties, today));
}

function partyOf(type: string, p: PartyRow) {
  return {
    role: p.role,
    roleLabel: contractLabelOf(PARTY_ROLES, p.role),
    roleName: roleNameOf(type, p.role),
    organizationId: p.organizationId,
    name: p.name,
    creditCode: p.creditCode,
    regionCode: p.regionCode,
    regionName: regionName(p.regionCode),
    legalNature: p.legalNature,
    legalNatureLabel: contractLabelOf(LEGAL_NATURES, p.legalNature),
  };
}

function paymentOf(p: PaymentRow) {
  return {
    id: p.id,
    kind: p.kind,
    onDate: p.onDate,
    amountFen: p.amountFen,
    amount: fenToYuanString(p.amountFen),
    note: p.note,
    evidence: p.evidenceSha256 ? { sha256: p.evidenceSha256, fileName: p.evidenceName ?? '付款凭证' } : null,
    createdAt: p.createdAt.toISOString(),
  };
}

function noteOf(action: string, after: unknown): string | null {
  const a = (after ?? {}) as Record<string, unknown>;
  if (action === 'contract.registered') return `登记编号 ${String(a.registrationNumber ?? '')}，技术交易额 ¥${formatFen(Number(a.transactionAmountFen ?? 0))}`;
  if (action === 'contract.refused') return typeof a.reasons === 'string' ? a.reasons : null;
  if (action === 'contract.withdrawn') return typeof a.reason === 'string' ? a.reason : null;
  if (action === 'contract.accepted') return typeof a.decisionDueOn === 'string' ? `应于 ${a.decisionDueOn} 前作出登记决定` : null;
  if (action === 'contract.payment_recorded') return `${String(a.onDate ?? '')} 付款 ¥${formatFen(Number(a.amountFen ?? 0))}`;
  return null;
}

async function detailOf(db: Db, l: Loaded, actor: Actor | null, now = new Date()): Promise<ContractDetail> {
  const { row: r, parties } = l;
  // One after another: inside a transaction they share one connection.
  const payments = await q.selectPayments(db, r.id);
  const timeline = await q.selectTimeline(db, r.id);
  const orgs = await q.selectOrganizations(db, [r.submittedByOrganizationId]);
  const paid = payments.filter((p) => p.kind === 'paid');
  return {
    ...summaryOf(r, parties, shanghaiDay(now)),
    partiesContractNo: r.partiesContractNo,
    signedOn: r.signedOn,
    validFrom: r.validFrom,
    validTo: r.validTo,
    keyField: r.keyField,
    keyFieldLabel: r.keyField ? contractLabelOf(KEY_FIELDS, r.keyField) : null,
    industry: r.industry,
    summary: r.summary,
    submittedByOrganization: { id: r.submittedByOrganizationId, name: orgs.get(r.submittedByOrganizationId)?.name ?? '' },
    achievementId: r.achievementId,
    dealId: r.dealId,
    demandId: r.demandId,
    signedPdf: { sha256: r.signedPdfSha256, fileName: r.signedPdfName, sizeBytes: r.signedPdfBytes },
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    registeredOn: r.status === 'registered' && r.decidedAt ? shanghaiDay(r.decidedAt) : null,
    refusalReasons: r.refusalReasons,
    parties: parties.map((p) => partyOf(r.contractType, p)),
    schedule: payments.filter((p) => p.kind === 'scheduled').map(paymentOf),
    payments: paid.map(paymentOf),
    paidFen: paid.reduce((a, p) => a + p.amountFen, 0),
    timeline: timeline.map((e) => ({ action: e.action, label: ACTION_LABELS[e.action] ?? e.action, at: e.at.toISOString(), actorName: e.actorName, note: noteOf(e.action, e.after) })),
    allowedActions: contractActions(actor, l.like),
  };
}

/** The public facts of a registration: what the public log and the verification page show. */
function publicFactsOf(r: ContractRow, parties: PartyRow[]): PublicFacts {
  return {
    registrationNumber: r.registrationNumber ?? '',
    contractType: r.contractType,
    contractTypeLabel: typeLabel(r.contractType),
    title: r.title,
    parties: parties.map((p) => ({ roleName: roleNameOf(r.contractType, p.role), name: p.name })),
    transactionAmountFen: r.transactionAmountFen ?? 0,
    transactionAmount: fenToYuanString(r.transactionAmountFen ?? 0),
    registeredOn: r.decidedAt ? shanghaiDay(r.decidedAt) : '',
    regionCode: r.regionCode,
    regionName: regionName(r.regionCode),
  };
}

// ---------- files ----------

function cleanFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

async function storedBytes(files: FileStore, sha256: string): Promise<Buffer | null> {
  if (!files.has(sha256)) return null;
  return readAll(files.open(sha256));
}

/**
 * Step one of submitting (and of recording a payment): the file itself, stored by SHA-256. The
 * signed contract must be a real PDF (`%PDF-`), payment evidence a PDF or an image, both judged
 * by their bytes. Nothing is written to the database until the contract or payment refers to it.
 */
export async function uploadFile(deps: ContractsDeps, ctx: RequestContext, kind: 'contract' | 'evidence', fileName: string, bytes: Buffer) {
  const actor = mustActor(ctx);
  if (!isVerifiedMember(actor)) throw forbidden('只有已认证机构的成员可以上传合同文件');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', '文件不能超过 20 MB');
  let mediaType: string;
  if (kind === 'contract') {
    if (!isPdf(bytes)) throw fieldError('file', SIGNED_PDF_REQUIRED);
    mediaType = 'application/pdf';
  } else {
    const t = bytes.length ? sniffMediaType(bytes) : null;
    if (!t || !(t.mediaType === 'application/pdf' || t.mediaType.startsWith('image/'))) throw fieldError('file', '付款凭证只能是 PDF 或图片（PNG/JPEG/GIF/WebP），按文件内容判断');
    mediaType = t.mediaType;
  }
  const sha256 = await deps.files.put(bytes);
  return { sha256, fileName: cleanFileName(fileName, kind === 'contract' ? '技术合同.pdf' : '付款凭证'), sizeBytes: bytes.length, mediaType };
}

/** A file of the contract (the signed PDF or a payment's evidence), for parties and the registrar. */
export async function openFile(deps: ContractsDeps, actor: Actor | null, id: string, sha256: string) {
  const l = await load(deps.db, actor, id);
  const f = await q.isContractFile(deps.db, l.row, sha256);
  if (!f) throw notFound('文件');
  const bytes = await storedBytes(deps.files, sha256);
  if (!bytes) throw new AppError('not_found', '该文件不在本服务器的文件库中（演示数据只登记了文件摘要）');
  return { fileName: f.fileName, mediaType: sniffMediaType(bytes)?.mediaType ?? 'application/octet-stream', bytes };
}

// ---------- reading ----------

/** 我的合同: contracts the caller's organization is a party to, every status. */
export async function listMine(deps: ContractsDeps, actor: Actor, query: ContractListQuery, now = new Date()) {
  if (!actor.organizationId) throw forbidden('请先加入机构');
  const { page, pageSize, status, overdue, q: text } = query;
  const today = shanghaiDay(now);
  const { items, total } = await q.listContracts(deps.db, contractScopeOf(actor), { q: text, statuses: status ? [status] : undefined, overdue, partyOrganizationId: actor.organizationId }, today, page, pageSize);
  return { items: await summariesOf(deps.db, items, today), total, page, pageSize };
}

/**
 * 合同登记 (the registrar's queue): submitted and accepted contracts of the caller's regions
 * (the operator: all), overdue first, then by due day, oldest first.
 */
export async function registrarQueue(deps: ContractsDeps, actor: Actor, query: ContractListQuery, now = new Date()) {
  const { page, pageSize, status, overdue, q: text } = query;
  const scope = contractScopeOf(actor);
  const today = shanghaiDay(now);
  const { items, total } = await q.listContracts(
    deps.db,
    scope,
    { q: text, statuses: status ? [status] : ['submitted', 'accepted'], overdue, regionScopes: scope.all ? undefined : scope.regionScopes },
    today,
    page,
    pageSize,
    true,
  );
  return { items: await summariesOf(deps.db, items, today), total, page, pageSize };
}

export async function getContract(deps: ContractsDeps, actor: Actor | null, id: string, now = new Date()) {
  return detailOf(deps.db, await load(deps.db, actor, id), actor, now);
}

/**
 * What a contract for a deal starts from: the listing's title, the mode's contract type, the
 * price, the owner as seller, the buyer and the intermediary. Only the deal's parties may ask.
 */
export async function prefillFromDeal(deps: ContractsDeps, actor: Actor, dealId: string) {
  const deal = await q.selectDeal(deps.db, dealId);
  const partyIds = deal ? [deal.ownerOrganizationId, deal.buyerOrganizationId, ...(deal.intermediaryOrganizationId ? [deal.intermediaryOrganizationId] : [])] : [];
  if (!deal || !actor.organizationId || !partyIds.includes(actor.organizationId)) throw notFound('成交');
  const orgs = await q.selectOrganizations(deps.db, partyIds);
  const natureOf = (type: string | undefined) =>
    type === 'university' ? 'university' : type === 'institute' ? 'research_institute' : type === 'enterprise' ? 'enterprise_private' : 'other';
  const party = (role: string, id: string) => {
    const o = orgs.get(id);
    return { role, organizationId: id, name: o?.name ?? '', regionCode: o?.regionCode ?? '', legalNature: natureOf(o?.type) };
  };
  const contractType = deal.mode === 'transfer' ? 'transfer_patent' : deal.mode.startsWith('licence') ? 'license_patent' : deal.mode === 'joint_development' ? 'development_cooperative' : 'transfer_other';
  const existing = deal.contractId ? await q.selectContract(deps.db, deal.contractId, { all: true }) : undefined;
  return {
    dealId: deal.id,
    achievementId: deal.achievementId,
    title: `「${deal.title}」技术合同`,
    contractType,
    contractValue: fenToYuanString(deal.priceFen),
    parties: [party('seller', deal.ownerOrganizationId), party('buyer', deal.buyerOrganizationId), ...(deal.intermediaryOrganizationId ? [party('intermediary', deal.intermediaryOrganizationId)] : [])],
    existingContractId: existing && ['submitted', 'accepted', 'registered'].includes(existing.status) ? existing.id : null,
  };
}

// ---------- submission ----------

interface ValidParty {
  role: string;
  organizationId: string | null;
  name: string;
  creditCode: string | null;
  regionCode: string;
  legalNature: string;
  position: number;
}

/**
 * Checks the whole submission and lists every bad field (path and Chinese message) at once:
 * the signed PDF (oral contracts are not registered), amounts (> 0, exact to the fen), dates,
 * parties (a buyer and a seller; the submitting organization among them), schedule ≤ value, and
 * the optional links to a deal, achievement or demand. Nothing is written here.
 */
async function validateSubmission(deps: ContractsDeps, actor: Actor, input: CreateContract, now: Date) {
  const errors: FieldError[] = [];
  const today = shanghaiDay(now);
  // The signed contract: present in the file store and a real PDF.
  let pdf: { sha256: string; fileName: string; sizeBytes: number } | null = null;
  if (!input.signedPdf) errors.push({ path: 'signedPdf', message: SIGNED_PDF_REQUIRED });
  else {
    const bytes = await storedBytes(deps.files, input.signedPdf.sha256);
    if (!bytes || !isPdf(bytes)) errors.push({ path: 'signedPdf', message: SIGNED_PDF_REQUIRED });
    else pdf = { sha256: input.signedPdf.sha256, fileName: cleanFileName(input.signedPdf.fileName, '技术合同.pdf'), sizeBytes: bytes.length };
  }
  const value = parsePositiveAmount('contractValue', '合同金额', input.contractValue);
  if ('error' in value) errors.push(value.error);
  const scheduled: { onDate: string; fen: number; note: string }[] = [];
  (input.schedule ?? []).forEach((s, i) => {
    if (!isRealDay(s.onDate)) errors.push({ path: `schedule.${i}.onDate`, message: '付款日期不是有效日期' });
    const a = parsePositiveAmount(`schedule.${i}.amount`, `第 ${i + 1} 期付款金额`, s.amount);
    if ('error' in a) errors.push(a.error);
    else scheduled.push({ onDate: s.onDate, fen: a.fen, note: s.note ?? '' });
  });
  if (!('error' in value) && scheduled.length === (input.schedule ?? []).length) {
    const e = checkScheduleTotal(scheduled.map((s) => s.fen), value.fen);
    if (e) errors.push(e);
  }
  if (!isRealDay(input.signedOn)) errors.push({ path: 'signedOn', message: '签订日期不是有效日期' });
  else if (input.signedOn > today) errors.push({ path: 'signedOn', message: '签订日期不能晚于今天' });
  if (input.validFrom && !isRealDay(input.validFrom)) errors.push({ path: 'validFrom', message: '有效期起始日不是有效日期' });
  if (input.validTo && !isRealDay(input.validTo)) errors.push({ path: 'validTo', message: '有效期截止日不是有效日期' });
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) errors.push({ path: 'validTo', message: '有效期截止日不能早于起始日' });

  // Parties: a platform organization's name, credit code and region are taken from its record.
  const orgs = await q.selectOrganizations(deps.db, input.parties.flatMap((p) => (p.organizationId ? [p.organizationId] : [])));
  const parties: ValidParty[] = [];
  input.parties.forEach((p, i) => {
    const at = (f: string) => `parties.${i}.${f}`;
    if (p.organizationId) {
      const o = orgs.get(p.organizationId);
      if (!o) {
        errors.push({ path: at('organizationId'), message: '机构不存在' });
        return;
      }
      parties.push({ role: p.role, organizationId: o.id, name: o.name, creditCode: o.creditCode, regionCode: o.regionCode, legalNature: p.legalNature, position: i });
      return;
    }
    const name = p.name?.trim() ?? '';
    if (!name) errors.push({ path: at('name'), message: '请填写当事方名称' });
    const region = p.regionCode ?? '';
    if (!region) errors.push({ path: at('regionCode'), message: '请选择当事方所在地区' });
    else if (!regionByCode(region)) errors.push({ path: at('regionCode'), message: '地区代码不存在（GB/T 2260 六位代码）' });
    const credit = p.creditCode?.toUpperCase() || null;
    if (credit && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(credit)) errors.push({ path: at('creditCode'), message: '统一社会信用代码应为 18 位数字或大写字母' });
    if (p.legalNature !== 'individual' && !credit) {
      // Organizations outside the platform are identified by their credit code; people are not.
      errors.push({ path: at('creditCode'), message: '非个人当事方请填写统一社会信用代码' });
    }
    parties.push({ role: p.role, organizationId: null, name, creditCode: credit, regionCode: region, legalNature: p.legalNature, position: i });
  });
  if (!input.parties.some((p) => p.role === 'buyer') || !input.parties.some((p) => p.role === 'seller')) {
    errors.push({ path: 'parties', message: '当事方至少应包括买方和卖方各一方' });
  }
  const orgIds = parties.flatMap((p) => (p.organizationId ? [p.organizationId] : []));
  if (new Set(orgIds).size !== orgIds.length) errors.push({ path: 'parties', message: '同一机构不能重复列为当事方' });
  if (actor.organizationId && input.parties.length && !input.parties.some((p) => p.organizationId === actor.organizationId)) {
    errors.push({ path: 'parties', message: '提交单位必须是合同当事方之一（请在当事方中选择本单位）' });
  }

  // Links: the deal's parties must be the contract's, the achievement's owner and the demand's enterprise among them.
  const hasOrg = (id: string, role?: string) => parties.some((p) => p.organizationId === id && (!role || p.role === role));
  if (input.dealId) {
    const deal = await q.selectDeal(deps.db, input.dealId);
    if (!deal) errors.push({ path: 'dealId', message: '成交不存在' });
    else {
      const dealParties = [deal.ownerOrganizationId, deal.buyerOrganizationId, deal.intermediaryOrganizationId];
      if (!actor.organizationId || !dealParties.includes(actor.organizationId)) throw forbidden('只有成交的挂牌方、摘牌方或中介机构可以为该成交提交合同');
      if (!hasOrg(deal.ownerOrganizationId, 'seller') || !hasOrg(deal.buyerOrganizationId, 'buyer')) {
        errors.push({ path: 'parties', message: '关联成交时，挂牌单位应为卖方、摘牌企业应为买方' });
      }
    }
  }
  if (input.achievementId) {
    const a = await q.selectAchievement(deps.db, input.achievementId);
    if (!a) errors.push({ path: 'achievementId', message: '成果不存在' });
    else if (!hasOrg(a.ownerOrganizationId)) errors.push({ path: 'achievementId', message: '关联成果的所属单位应是合同当事方' });
  }
  if (input.demandId) {
    const d = await q.selectDemand(deps.db, input.demandId);
    if (!d) errors.push({ path: 'demandId', message: '需求不存在' });
    else if (!hasOrg(d.enterpriseOrganizationId)) errors.push({ path: 'demandId', message: '关联需求的发布企业应是合同当事方' });
  }
  if (errors.length || 'error' in value || !pdf) throw validationFailed(errors);
  // Registration region (登记地): the first seller's region.
  const seller = parties.find((p) => p.role === 'seller');
  return { pdf, valueFen: value.fen, scheduled, parties, regionCode: seller?.regionCode ?? '' };
}

export interface NewContract {
  values: Omit<q.ContractInsert, 'id' | 'status'>;
  parties: ValidParty[];
  scheduled: { onDate: string; fen: number; note: string }[];
}

/**
 * Writes a submitted contract (row, parties, schedule), its audit entry, the deal link and the
 * notification of the region's registrars, in the caller's transaction. Used by
 * {@link createContract} after validation and by the demo data.
 */
export async function insertSubmittedContract(tx: Db, ctx: RequestContext, c: NewContract, now: Date): Promise<ContractRow> {
  const row = await q.insertContract(tx, { ...c.values, status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now });
  await q.insertParties(tx, c.parties.map((p) => ({ ...p, contractId: row.id })));
  await q.insertPayments(tx, c.scheduled.map((s) => ({ contractId: row.id, kind: 'scheduled', onDate: s.onDate, amountFen: s.fen, note: s.note, recordedBy: ctx.actor?.userId ?? null })));
  await audit(tx, ctx, row, 'contract.submitted', undefined, {
    status: row.status,
    contractType: row.contractType,
    contractValueFen: row.contractValueFen,
    signedPdfSha256: row.signedPdfSha256,
    parties: c.parties.map((p) => ({ role: p.role, organizationId: p.organizationId, name: p.name })),
    scheduledFen: c.scheduled.map((s) => s.fen),
    dealId: row.dealId,
    achievementId: row.achievementId,
    demandId: row.demandId,
  });
  if (row.dealId) await linkDealContract(tx, ctx, row.dealId, row.id);
  await notifyRegionGovAdmins(tx, row.regionCode, {
    kind: 'contract_submitted',
    title: `技术合同「${row.title}」申请认定登记，请受理`,
    body: `合同金额 ¥${formatFen(row.contractValueFen)}`,
    link: link(row.id),
    entityType: 'contract',
    entityId: row.id,
  });
  return row;
}

/**
 * 申请登记: a member of a verified organization that is a party submits the signed contract.
 * Every bad field is reported at once; nothing is written for a refused submission.
 */
export async function createContract(deps: ContractsDeps, ctx: RequestContext, input: CreateContract, now = new Date()) {
  const actor = mustActor(ctx);
  if (!isVerifiedMember(actor) || !actor.organizationId) throw forbidden('只有已认证机构的成员可以申请技术合同登记');
  const v = await validateSubmission(deps, actor, input, now);
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await insertSubmittedContract(
        tx,
        ctx,
        {
          values: {
            contractType: input.contractType,
            title: input.title,
            partiesContractNo: input.partiesContractNo || null,
            signedOn: input.signedOn,
            validFrom: input.validFrom ?? null,
            validTo: input.validTo ?? null,
            keyField: input.keyField ?? null,
            industry: input.industry ?? null,
            summary: input.summary ?? '',
            regionCode: v.regionCode,
            submittedByOrganizationId: actor.organizationId ?? '',
            achievementId: input.achievementId ?? null,
            dealId: input.dealId ?? null,
            demandId: input.demandId ?? null,
            contractValueFen: v.valueFen,
            signedPdfSha256: v.pdf.sha256,
            signedPdfName: v.pdf.fileName,
            signedPdfBytes: v.pdf.sizeBytes,
            createdBy: actor.userId,
          },
          parties: v.parties,
          scheduled: v.scheduled,
        },
        now,
      );
      const parties = await q.selectParties(tx, [row.id]);
      return detailOf(tx, { row, parties, like: likeOf(row, parties) }, actor, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该成交已有在办或已登记的技术合同');
    throw err;
  }
}

// ---------- the registrar ----------

function decideGuard(actor: Actor, l: Loaded, allowed: boolean, what: string) {
  if (!isRegistrar(actor, l.row)) throw forbidden('只有平台运营方或登记地（卖方所在地区）的科技管理部门可以办理技术合同登记');
  if (!allowed) {
    if (l.row.status === 'registered' || l.row.status === 'refused') throw conflict(`该合同已作出登记决定（${statusLabel(l.row.status)}），不能重复${what}`);
    if (l.row.status === 'withdrawn') throw conflict(`该合同已撤回，不能${what}`);
    if (l.row.status === 'submitted') throw conflict(`该合同尚未受理，不能${what}`);
    throw conflict(`合同当前状态为「${statusLabel(l.row.status)}」，不能${what}`);
  }
}

/** 受理: submitted → accepted; the decision is due 30 calendar days after the (Shanghai) day of acceptance. */
export async function acceptContract(deps: Pick<ContractsDeps, 'db'>, ctx: RequestContext, id: string, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true);
    decideGuard(actor, l, canAccept(actor, l.like), '受理');
    const due = decisionDueOn(shanghaiDay(now));
    const after = await q.updateContractIf(tx, l.row.id, ['submitted'], { status: 'accepted', acceptedAt: now, acceptedBy: actor.userId, decisionDueOn: due });
    if (!after) throw conflict('该合同已被处理，请刷新');
    await audit(tx, ctx, after, 'contract.accepted', { status: 'submitted' }, { status: 'accepted', decisionDueOn: due });
    await notifySubmitter(tx, after, { kind: 'contract_accepted', title: `技术合同「${after.title}」已受理，将于 ${due} 前作出登记决定` });
    return detailOf(tx, { ...l, row: after, like: likeOf(after, l.parties) }, actor, now);
  });
}

/**
 * 准予登记: accepted → registered. The registrar enters the verified 技术交易额 (> 0, ≤ contract
 * value); the 16-digit number takes the next serial of the registration region and year. The
 * public log gets the public facts; a linked demand moves to contracted.
 */
export async function registerContract(deps: Pick<ContractsDeps, 'db'>, ctx: RequestContext, id: string, input: { transactionAmount: string; comment?: string | undefined }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true);
    decideGuard(actor, l, canRegister(actor, l.like), '登记');
    const amount = checkTransactionAmount(input.transactionAmount, l.row.contractValueFen);
    if ('error' in amount) throw validationFailed([amount.error]);
    const year = Number(shanghaiDay(now).slice(0, 4));
    const serial = await q.nextSerial(tx, l.row.regionCode, year);
    const registrationNumber = formatRegistrationNumber(l.row.regionCode, year, l.row.contractType, serial);
    const verifyCode = randomBytes(8).toString('hex').toUpperCase();
    const after = await q.updateContractIf(tx, l.row.id, ['accepted'], {
      status: 'registered',
      transactionAmountFen: amount.fen,
      registrationNumber,
      verifyCode,
      decidedAt: now,
      decidedBy: actor.userId,
    });
    if (!after) throw conflict('该合同已被处理，请刷新');
    await audit(tx, ctx, after, 'contract.registered', { status: 'accepted' }, { status: 'registered', registrationNumber, transactionAmountFen: amount.fen, comment: input.comment ?? null });
    const facts = publicFactsOf(after, l.parties);
    await appendPublicLog(tx, { type: 'contract_registered', entityType: 'contract', entityId: after.id, payload: { ...facts }, at: now });
    if (after.demandId) await markDemandContracted(tx, ctx, after.demandId, registrationNumber, now);
    await notifySubmitter(tx, after, { kind: 'contract_registered', title: `技术合同「${after.title}」准予登记，登记编号 ${registrationNumber}`, body: `认定技术交易额 ¥${formatFen(amount.fen)}` });
    return detailOf(tx, { ...l, row: after, like: likeOf(after, l.parties) }, actor, now);
  });
}

/** 不予登记 (with reasons), at acceptance or after review. A linked deal is free for another contract. */
export async function refuseContract(deps: Pick<ContractsDeps, 'db'>, ctx: RequestContext, id: string, input: { reasons: string }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true);
    decideGuard(actor, l, canRefuse(actor, l.like), '作出不予登记决定');
    const after = await q.updateContractIf(tx, l.row.id, ['submitted', 'accepted'], { status: 'refused', refusalReasons: input.reasons, decidedAt: now, decidedBy: actor.userId });
    if (!after) throw conflict('该合同已被处理，请刷新');
    await audit(tx, ctx, after, 'contract.refused', { status: l.row.status }, { status: 'refused', reasons: input.reasons });
    if (after.dealId) await linkDealContract(tx, ctx, after.dealId, null, after.id);
    await notifySubmitter(tx, after, { kind: 'contract_refused', title: `技术合同「${after.title}」未予登记`, body: input.reasons });
    return detailOf(tx, { ...l, row: after, like: likeOf(after, l.parties) }, actor, now);
  });
}

/** 撤回: the submitting organization withdraws before the decision. */
export async function withdrawContract(deps: Pick<ContractsDeps, 'db'>, ctx: RequestContext, id: string, input: { reason: string }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true);
    if (!isSubmitterMember(actor, l.row)) throw forbidden('只有提交单位可以撤回合同登记申请');
    if (!canWithdraw(actor, l.like)) throw conflict(`合同当前状态为「${statusLabel(l.row.status)}」，不能撤回`);
    const after = await q.updateContractIf(tx, l.row.id, ['submitted', 'accepted'], { status: 'withdrawn' });
    if (!after) throw conflict('该合同已被处理，请刷新');
    await audit(tx, ctx, after, 'contract.withdrawn', { status: l.row.status }, { status: 'withdrawn', reason: input.reason });
    if (after.dealId) await linkDealContract(tx, ctx, after.dealId, null, after.id);
    return detailOf(tx, { ...l, row: after, like: likeOf(after, l.parties) }, actor, now);
  });
}

// ---------- payments ----------

/** 付款登记: a party records a payment actually made (date, amount, optional evidence); paid total ≤ contract value. */
export async function recordPayment(
  deps: ContractsDeps,
  ctx: RequestContext,
  id: string,
  input: { onDate: string; amount: string; note?: string | undefined; evidence?: { sha256: string; fileName: string } | undefined },
  now = new Date(),
) {
  const actor = mustActor(ctx);
  const pre = await load(deps.db, actor, id);
  if (!isPartyMember(actor, pre.like)) throw forbidden('只有合同当事方可以登记付款');
  const errors: FieldError[] = [];
  if (!isRealDay(input.onDate)) errors.push({ path: 'onDate', message: '付款日期不是有效日期' });
  else if (input.onDate > shanghaiDay(now)) errors.push({ path: 'onDate', message: '付款日期不能晚于今天' });
  const amount = parsePositiveAmount('amount', '付款金额', input.amount);
  if ('error' in amount) errors.push(amount.error);
  let evidence: { sha256: string; fileName: string } | null = null;
  if (input.evidence) {
    const bytes = await storedBytes(deps.files, input.evidence.sha256);
    const t = bytes ? sniffMediaType(bytes) : null;
    if (!t || !(t.mediaType === 'application/pdf' || t.mediaType.startsWith('image/'))) errors.push({ path: 'evidence', message: '付款凭证只能是已上传的 PDF 或图片' });
    else evidence = { sha256: input.evidence.sha256, fileName: cleanFileName(input.evidence.fileName, '付款凭证') };
  }
  if (errors.length || 'error' in amount) throw validationFailed(errors);
  return deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true);
    if (!canRecordPayment(actor, l.like)) throw conflict(`合同当前状态为「${statusLabel(l.row.status)}」，不能登记付款`);
    // Summed under the contract's row lock, so two payments cannot together pass the value.
    const e = checkPaidTotal(await q.sumPaid(tx, l.row.id), amount.fen, l.row.contractValueFen);
    if (e) throw validationFailed([e]);
    const [p] = await q.insertPayments(tx, [
      { contractId: l.row.id, kind: 'paid', onDate: input.onDate, amountFen: amount.fen, note: input.note ?? '', evidenceSha256: evidence?.sha256 ?? null, evidenceName: evidence?.fileName ?? null, recordedBy: actor.userId, createdAt: now },
    ]);
    await q.touchContract(tx, l.row.id);
    await audit(tx, ctx, l.row, 'contract.payment_recorded', undefined, { paymentId: p?.id, onDate: input.onDate, amountFen: amount.fen, evidenceSha256: evidence?.sha256 ?? null });
    return detailOf(tx, l, actor, now);
  });
}

// ---------- certificate and verification ----------

/** The verification link printed on the certificate. */
export function verifyUrlOf(base: string, registrationNumber: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/verify/contracts/${registrationNumber}?code=${encodeURIComponent(code)}`;
}

/** 登记证明 (PDF): registered contracts only; the parties, the registrar of the region and the operator. */
export async function certificate(deps: ContractsDeps, actor: Actor | null, id: string, origin: string) {
  const l = await load(deps.db, actor, id);
  if (!canDownloadCertificate(actor, l.like)) {
    if (l.row.status !== 'registered') throw conflict('合同尚未登记，没有登记证明');
    throw forbidden('只有合同当事方、登记机构和平台运营方可以下载登记证明');
  }
  const r = l.row;
  const number = r.registrationNumber ?? '';
  const registrar = (r.decidedBy ? await q.selectUserOrganizationName(deps.db, r.decidedBy) : null) ?? '技术合同登记机构';
  const pdf = await renderCertificate(
    {
      registrationNumber: number,
      contractTypeLabel: typeLabel(r.contractType),
      title: r.title,
      parties: l.parties.map((p) => ({ roleName: roleNameOf(r.contractType, p.role), name: p.name, regionName: regionName(p.regionCode) })),
      contractValue: formatFen(r.contractValueFen),
      transactionAmount: formatFen(r.transactionAmountFen ?? 0),
      signedOn: r.signedOn,
      registeredOn: r.decidedAt ? shanghaiDay(r.decidedAt) : '',
      registrar,
      verifyUrl: verifyUrlOf(deps.publicUrl ?? origin, number, r.verifyCode ?? ''),
      verifyCode: r.verifyCode ?? '',
    },
    deps.pdfFont,
  );
  return { fileName: `技术合同登记证明-${number}.pdf`, fallbackName: `contract-certificate-${number}.pdf`, pdf };
}

/** Public verification: the public facts when the number and the certificate's code match; 404 otherwise. */
export async function verifyRegistration(deps: ContractsDeps, registrationNumber: string, code: string | undefined): Promise<PublicFacts> {
  const miss = new AppError('not_found', '未查到该登记信息：登记编号或校验码不正确');
  const r = await q.selectByRegistrationNumber(deps.db, registrationNumber);
  if (!r?.verifyCode || !code) throw miss;
  const a = Buffer.from(r.verifyCode);
  const b = Buffer.from(code.trim().toUpperCase());
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw miss;
  return publicFactsOf(r, await q.selectParties(deps.db, [r.id]));
}

// ---------- statistics ----------

const bucket = (key: string, label: string, n: number | string, amount: number | string | null) => {
  const fen = Number(amount ?? 0);
  return { key, label, count: Number(n), amountFen: fen, amount: fenToYuanString(fen) };
};

/** 登记统计 over registered contracts: the operator all, a gov_admin its regions (scoped in SQL). */
export async function statistics(deps: ContractsDeps, actor: Actor, year: number | undefined): Promise<ContractStatistics> {
  const s = await q.statistics(deps.db, contractScopeOf(actor), year);
  // Sub-types add up into the five categories of the registration statistics.
  const byCategory = new Map<string, { n: number; amount: number }>();
  for (const r of s.byType) {
    const c = categoryOf(r.key ?? '') ?? 'service';
    const cur = byCategory.get(c) ?? { n: 0, amount: 0 };
    byCategory.set(c, { n: cur.n + Number(r.n), amount: cur.amount + Number(r.amount ?? 0) });
  }
  return {
    year: year ?? null,
    total: {
      count: s.total.count,
      transactionAmountFen: s.total.amountFen,
      transactionAmount: fenToYuanString(s.total.amountFen),
      contractValueFen: s.total.valueFen,
      contractValue: fenToYuanString(s.total.valueFen),
    },
    byType: CONTRACT_CATEGORIES.filter((c) => byCategory.has(c.value)).map((c) => {
      const v = byCategory.get(c.value) ?? { n: 0, amount: 0 };
      return bucket(c.value, c.label, v.n, v.amount);
    }),
    byKeyField: s.byKeyField.map((r) => bucket(r.key ?? 'other', contractLabelOf(KEY_FIELDS, r.key ?? 'other'), r.n, r.amount)),
    byRegion: s.byRegion.map((r) => bucket(r.key ?? '', regionName(r.key) ?? r.key ?? '', r.n, r.amount)),
    byPartyNature: s.byNature.map((r) => ({ ...bucket(r.key ?? 'other', contractLabelOf(LEGAL_NATURES, r.key), r.n, r.amount), role: r.role, roleLabel: contractLabelOf(PARTY_ROLES, r.role) })),
  };
}
