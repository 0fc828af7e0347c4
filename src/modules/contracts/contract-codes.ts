/**
 * Coded lists and pure rules of technology-contract registration (技术合同认定登记). Plain data and
 * functions with no imports, so the web app bundles this file too.
 */
export interface ContractCodeOption {
  value: string;
  label: string;
}

/**
 * 合同类别: the five categories of the 技术合同认定规则, each with the digit it carries in the
 * registration number (position 11).
 */
export const CONTRACT_CATEGORIES = [
  { value: 'development', label: '技术开发', digit: '1' },
  { value: 'transfer', label: '技术转让', digit: '2' },
  { value: 'license', label: '技术许可', digit: '3' },
  { value: 'consulting', label: '技术咨询', digit: '4' },
  { value: 'service', label: '技术服务', digit: '5' },
] as const;
export type ContractCategory = (typeof CONTRACT_CATEGORIES)[number]['value'];

/** 合同类型: the category and its sub-types (委托开发/合作开发, 专利权转让, …, 技术培训, 技术中介). */
export const CONTRACT_TYPES = [
  { value: 'development_commissioned', label: '技术开发（委托）', category: 'development' },
  { value: 'development_cooperative', label: '技术开发（合作）', category: 'development' },
  { value: 'transfer_patent', label: '技术转让（专利权）', category: 'transfer' },
  { value: 'transfer_patent_application', label: '技术转让（专利申请权）', category: 'transfer' },
  { value: 'transfer_technical_secret', label: '技术转让（技术秘密）', category: 'transfer' },
  { value: 'transfer_other', label: '技术转让（其他：软件著作权、集成电路布图设计、植物新品种等）', category: 'transfer' },
  { value: 'license_patent', label: '技术许可（专利实施许可）', category: 'license' },
  { value: 'license_technical_secret', label: '技术许可（技术秘密使用许可）', category: 'license' },
  { value: 'license_other', label: '技术许可（其他）', category: 'license' },
  { value: 'consulting', label: '技术咨询', category: 'consulting' },
  { value: 'service', label: '技术服务', category: 'service' },
  { value: 'service_training', label: '技术服务（技术培训）', category: 'service' },
  { value: 'service_intermediary', label: '技术服务（技术中介）', category: 'service' },
] as const satisfies readonly (ContractCodeOption & { category: ContractCategory })[];
export type ContractType = (typeof CONTRACT_TYPES)[number]['value'];
export const CONTRACT_TYPE_VALUES = CONTRACT_TYPES.map((t) => t.value) as [ContractType, ...ContractType[]];

/**
 * 当事方法人性质 (legal nature of a party), used by the statistics "by party nature". Enterprises
 * are split by ownership as the registration forms do.
 */
export const LEGAL_NATURES = [
  { value: 'enterprise_state', label: '企业（国有）' },
  { value: 'enterprise_private', label: '企业（民营）' },
  { value: 'enterprise_foreign', label: '企业（外资）' },
  { value: 'university', label: '高等院校' },
  { value: 'research_institute', label: '科研院所' },
  { value: 'public_institution', label: '机关事业单位' },
  { value: 'social_organization', label: '社会团体' },
  { value: 'individual', label: '个人' },
  { value: 'other', label: '其他' },
] as const satisfies readonly ContractCodeOption[];
export type LegalNature = (typeof LEGAL_NATURES)[number]['value'];
export const LEGAL_NATURE_VALUES = LEGAL_NATURES.map((n) => n.value) as [LegalNature, ...LegalNature[]];

/** 当事方角色: buyer (pays for the technology), seller (supplies it), intermediary (中介方). */
export const PARTY_ROLES = [
  { value: 'buyer', label: '买方' },
  { value: 'seller', label: '卖方' },
  { value: 'intermediary', label: '中介方' },
] as const satisfies readonly ContractCodeOption[];
export type PartyRole = (typeof PARTY_ROLES)[number]['value'];
export const PARTY_ROLE_VALUES = PARTY_ROLES.map((r) => r.value) as [PartyRole, ...PartyRole[]];

/** The names the contract itself gives the buyer and the seller, per type. */
const ROLE_NAMES: Record<string, { buyer: string; seller: string }> = {
  development_commissioned: { buyer: '委托方', seller: '研究开发方' },
  development_cooperative: { buyer: '合作方（甲方）', seller: '合作方（乙方）' },
  transfer: { buyer: '受让方', seller: '让与方' },
  license: { buyer: '被许可方', seller: '许可方' },
  consulting: { buyer: '委托方', seller: '受托方' },
  service: { buyer: '委托方', seller: '受托方' },
};

/**
 * Life cycle: submitted (待受理) → accepted (审查中, to be decided within 30 days) → registered
 * (已登记) or refused (未予登记); withdrawn (已撤回) by the submitter before the decision.
 */
export const CONTRACT_STATUSES = [
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '审查中' },
  { value: 'registered', label: '已登记' },
  { value: 'refused', label: '未予登记' },
  { value: 'withdrawn', label: '已撤回' },
] as const satisfies readonly ContractCodeOption[];
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]['value'];
export const CONTRACT_STATUS_VALUES = CONTRACT_STATUSES.map((s) => s.value) as [ContractStatus, ...ContractStatus[]];

/** Statuses before the decision: the submitter may still withdraw. */
export const OPEN_CONTRACT_STATUSES: readonly ContractStatus[] = ['submitted', 'accepted'];

/** A registrar decides within 30 calendar days of acceptance (湖北技术合同认定登记服务承诺). */
export const DECISION_DAYS = 30;

export function contractLabelOf(list: readonly ContractCodeOption[], value: string | null | undefined): string {
  return list.find((o) => o.value === value)?.label ?? value ?? '';
}

export function categoryOf(type: string): ContractCategory | null {
  return CONTRACT_TYPES.find((t) => t.value === type)?.category ?? null;
}

/** The type digit of the registration number: 1 技术开发 … 5 技术服务. */
export function typeDigitOf(type: string): string | null {
  const category = categoryOf(type);
  return CONTRACT_CATEGORIES.find((c) => c.value === category)?.digit ?? null;
}

/** 委托方 / 研究开发方 / 让与方 …: the role as the contract of this type names it. */
export function roleNameOf(type: string, role: string): string {
  if (role === 'intermediary') return '中介方';
  const names = ROLE_NAMES[type] ?? ROLE_NAMES[categoryOf(type) ?? ''];
  if (!names || (role !== 'buyer' && role !== 'seller')) return contractLabelOf(PARTY_ROLES, role);
  return names[role];
}

/**
 * The 16-digit registration number (登记编号): registration region (6, GB/T 2260) + year (4) +
 * type digit (1) + serial within region and year (5). Throws RangeError on a bad part (a bug
 * upstream: every part comes from validated data).
 */
export function formatRegistrationNumber(regionCode: string, year: number, type: string, serial: number): string {
  const digit = typeDigitOf(type);
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`region code must be 6 digits, got ${regionCode}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
  if (!digit) throw new RangeError(`unknown contract type ${type}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 99_999) throw new RangeError(`serial must be 1–99999, got ${serial}`);
  return `${regionCode}${year}${digit}${String(serial).padStart(5, '0')}`;
}

/** The parts of a registration number, or null when it is not 16 digits with a known type digit. */
export function parseRegistrationNumber(n: string): { regionCode: string; year: number; category: ContractCategory; serial: number } | null {
  const m = /^(\d{6})(\d{4})([1-5])(\d{5})$/.exec(n);
  if (!m) return null;
  const [, regionCode = '', year = '', digit = '', serial = ''] = m;
  const category = CONTRACT_CATEGORIES.find((c) => c.digit === digit)?.value;
  if (!category || Number(serial) < 1) return null;
  return { regionCode, year: Number(year), category, serial: Number(serial) };
}

/** Adds calendar days to a YYYY-MM-DD day (no time zone involved: the day is already Shanghai's). */
export function addCalendarDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a day: ${day}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day a registration must be decided by: acceptance day + 30 calendar days. */
export function decisionDueOn(acceptedOn: string): string {
  return addCalendarDays(acceptedOn, DECISION_DAYS);
}

/** 逾期: accepted, and today (Shanghai) is after the due day. */
export function isOverdue(status: string, dueOn: string | null, today: string): boolean {
  return status === 'accepted' && dueOn !== null && today > dueOn;
}

/** The city (市州) a region code belongs to, for statistics: 420111 → 420100; a province stays itself. */
export function cityOf(regionCode: string): string {
  if (!/^\d{6}$/.test(regionCode) || regionCode.endsWith('0000')) return regionCode;
  return `${regionCode.slice(0, 4)}00`;
}
