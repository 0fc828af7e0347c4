/**
 * Coded value lists of the demands module (技术需求), in the same `{ value, label }` form as the
 * achievement registry's (see achievement-codes.ts): values are stored and sent over the API,
 * labels are shown. Key field, industry and cooperation modes are the registry's own lists, so a
 * demand and an achievement speak the same codes (matching relies on it).
 */
import { type CodeOption, labelOf, valuesOf } from '../achievements/achievement-codes.js';

export {
  COOPERATION_MODES,
  COOPERATION_MODE_VALUES,
  INDUSTRIES,
  INDUSTRY_VALUES,
  KEY_FIELDS,
  KEY_FIELD_VALUES,
  keyFieldSearchText,
} from '../achievements/achievement-codes.js';
export { type CodeOption, labelOf };

/** Demand type (需求类型). */
export const DEMAND_TYPES = [
  { value: 'development', label: '技术开发' },
  { value: 'transfer', label: '技术转让' },
  { value: 'license', label: '技术许可' },
  { value: 'consulting', label: '技术咨询' },
  { value: 'service', label: '技术服务' },
  { value: 'talent', label: '人才需求' },
  { value: 'equipment', label: '设备需求' },
  { value: 'open_competition', label: '揭榜挂帅' },
] as const;
export const DEMAND_TYPE_VALUES = valuesOf(DEMAND_TYPES);
export type DemandType = (typeof DEMAND_TYPE_VALUES)[number];

/**
 * Life cycle (see README): draft → submitted → published (or returned) → claimed → docking →
 * matched → contracted → closed. A claimant's refusal returns a claimed demand to published.
 */
export const DEMAND_STATUSES = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'published', label: '待认领' },
  { value: 'claimed', label: '已认领' },
  { value: 'docking', label: '对接中' },
  { value: 'matched', label: '已匹配' },
  { value: 'contracted', label: '已签约' },
  { value: 'closed', label: '已关闭' },
] as const;
export const DEMAND_STATUS_VALUES = valuesOf(DEMAND_STATUSES);
export type DemandStatus = (typeof DEMAND_STATUS_VALUES)[number];

/** Statuses in which the demand is on the public board. */
export const PUBLIC_DEMAND_STATUSES: readonly DemandStatus[] = ['published', 'claimed', 'docking', 'matched', 'contracted'];
/** Statuses in which a claimant works the demand (follow-ups, messages, proposals). */
export const WORKED_DEMAND_STATUSES: readonly DemandStatus[] = ['claimed', 'docking', 'matched', 'contracted'];

/** Budget (预算): a range, or 面议. */
export const BUDGET_MODES = [
  { value: 'range', label: '预算区间' },
  { value: 'negotiable', label: '面议' },
] as const;
export const BUDGET_MODE_VALUES = valuesOf(BUDGET_MODES);

/** Where the record came from (来源). */
export const DEMAND_SOURCES = [
  { value: 'enterprise', label: '企业发布' },
  { value: 'campaign', label: '科惠行动走访采集' },
  { value: 'broker', label: '技术经纪人录入' },
  { value: 'import', label: '批量导入' },
] as const;
export const DEMAND_SOURCE_VALUES = valuesOf(DEMAND_SOURCES);
export type DemandSource = (typeof DEMAND_SOURCE_VALUES)[number];

/** How a demand reached its claimant. */
export const CLAIM_MODES = [
  { value: 'claim', label: '认领' },
  { value: 'dispatch', label: '派发' },
] as const;
export const CLAIM_MODE_VALUES = valuesOf(CLAIM_MODES);

/** A claim's state: working, refused by the claimant (back to the pool), or ended with the demand. */
export const CLAIM_STATUSES = [
  { value: 'active', label: '进行中' },
  { value: 'refused', label: '已拒绝' },
  { value: 'ended', label: '已结束' },
] as const;
export const CLAIM_STATUS_VALUES = valuesOf(CLAIM_STATUSES);

/** Follow-up entry kinds (跟进记录). */
export const FOLLOW_UP_KINDS = [
  { value: 'call', label: '电话沟通' },
  { value: 'visit', label: '上门走访' },
  { value: 'meeting', label: '对接会谈' },
  { value: 'proposal', label: '提交方案' },
  { value: 'other', label: '其他' },
] as const;
export const FOLLOW_UP_KIND_VALUES = valuesOf(FOLLOW_UP_KINDS);

/** Why a demand was closed. */
export const CLOSE_REASONS = [
  { value: 'solved', label: '已解决' },
  { value: 'withdrawn', label: '企业撤回' },
  { value: 'expired', label: '已过期' },
] as const;
export const CLOSE_REASON_VALUES = valuesOf(CLOSE_REASONS);

/**
 * Structured reasons for turning down a proposed solution (拒绝原因). Stored as codes for analysis
 * and, later, for matching to learn from.
 */
export const DECLINE_REASONS = [
  { value: 'immature', label: '技术不成熟' },
  { value: 'price', label: '价格不合适' },
  { value: 'indicators', label: '指标不满足' },
  { value: 'ip_unclear', label: '知识产权不清晰' },
  { value: 'cooperation_mode', label: '合作方式不合适' },
  { value: 'slow_response', label: '响应太慢' },
  { value: 'unclear_description', label: '描述不清' },
  { value: 'other', label: '其他' },
] as const;
export const DECLINE_REASON_VALUES = valuesOf(DECLINE_REASONS);
export type DeclineReason = (typeof DECLINE_REASON_VALUES)[number];

/** Proposal (推荐方案) states. */
export const PROPOSAL_STATUSES = [
  { value: 'proposed', label: '待企业答复' },
  { value: 'accepted', label: '企业接受' },
  { value: 'declined', label: '企业婉拒' },
  { value: 'withdrawn', label: '已撤回' },
] as const;
export const PROPOSAL_STATUS_VALUES = valuesOf(PROPOSAL_STATUSES);

/** The feedback promise: 48 hours from publication to the claimant's first follow-up, and per message. */
export const RESPONSE_HOURS = 48;
export const RESPONSE_MS = RESPONSE_HOURS * 3600_000;
