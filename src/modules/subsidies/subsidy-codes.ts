/**
 * Coded lists of the subsidies module (补助与奖励). Plain data with no imports, so the web app
 * bundles this file too.
 */
export interface SubsidyCodeOption {
  value: string;
  label: string;
}

/**
 * 补助类型: the rule kinds of subsidy-rules.ts. A programme picks one kind; its parameters (rates
 * in basis points, caps in fen) are the data the operator edits.
 */
export const SUBSIDY_KINDS = [
  { value: 'rd_university_reward', label: '高校院所研发合同奖励', linked: 'contract' },
  { value: 'rd_enterprise_subsidy', label: '企业研发费用补助', linked: 'contract' },
  { value: 'intermediary_conversion', label: '中介机构成果转化补助', linked: 'deal' },
  { value: 'sales_post_subsidy', label: '新产品销售后补助', linked: 'contract' },
  { value: 'guidance_injection', label: '引导基金投后注资', linked: 'investment' },
  { value: 'incubator_injection', label: '孵化器内初创企业投后注资', linked: 'investment' },
  { value: 'angel_matching', label: '天使基金配套', linked: 'investment' },
] as const satisfies readonly (SubsidyCodeOption & { linked: 'contract' | 'deal' | 'investment' })[];
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number]['value'];
export const SUBSIDY_KIND_VALUES = SUBSIDY_KINDS.map((k) => k.value) as [SubsidyKind, ...SubsidyKind[]];

/** Programme version life cycle: draft → active → superseded (by version n+1) | closed. */
export const PROGRAMME_STATUSES = [
  { value: 'draft', label: '草稿' },
  { value: 'active', label: '生效中' },
  { value: 'superseded', label: '已被新版本取代' },
  { value: 'closed', label: '已关闭' },
] as const satisfies readonly SubsidyCodeOption[];
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]['value'];

/** Application life cycle: submitted → under_review (first expert score) → approved → disbursed; rejected; withdrawn. */
export const APPLICATION_STATUSES = [
  { value: 'submitted', label: '已申请' },
  { value: 'under_review', label: '审核中' },
  { value: 'approved', label: '已批准' },
  { value: 'rejected', label: '未批准' },
  { value: 'withdrawn', label: '已撤回' },
  { value: 'disbursed', label: '已拨付' },
] as const satisfies readonly SubsidyCodeOption[];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]['value'];
export const APPLICATION_STATUS_VALUES = APPLICATION_STATUSES.map((s) => s.value) as [ApplicationStatus, ...ApplicationStatus[]];

/** Statuses still open to review (scores, approval, rejection, withdrawal). */
export const REVIEWABLE_STATUSES: ApplicationStatus[] = ['submitted', 'under_review'];
/** Statuses whose approved amount counts against caps and budgets. */
export const APPROVED_STATUSES: ApplicationStatus[] = ['approved', 'disbursed'];
/** Statuses that no longer hold the linked record (a new application may be made). */
export const CLOSED_STATUSES: ApplicationStatus[] = ['rejected', 'withdrawn'];

export function subsidyLabelOf(list: readonly SubsidyCodeOption[], value: string): string {
  return list.find((o) => o.value === value)?.label ?? value;
}
