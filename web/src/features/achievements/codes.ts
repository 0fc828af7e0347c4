/**
 * The achievement registry's coded lists and field labels, shared with the server: these files
 * are pure (no server dependencies), so the web bundles them as they are: a new code appears in the
 * select boxes, and the form checks shares, patent numbers and amounts exactly as the server will,
 * without a second copy to keep in step.
 */
export {
  ACHIEVEMENT_STATUSES,
  ACHIEVEMENT_TYPES,
  ATTRIBUTES,
  COOPERATION_MODES,
  type CodeOption,
  DISCLOSURE_TIERS,
  INDUSTRIES,
  IP_ITEM_TYPES,
  IP_STATUSES,
  KEY_FIELDS,
  labelOf as codeLabel,
  PRICING_MODES,
  STAGES,
  TEAM_ROLES,
  TRL_LEVELS,
} from '../../../../src/modules/achievements/achievement-codes.js';
export {
  type AchievementData,
  diffData,
  FIELD_LABELS,
} from '../../../../src/modules/achievements/achievement-rules.js';
export { checkMaturity, STAGE_TRL_RANGES } from '../../../../src/modules/achievements/maturity-rules.js';
export { checkPatentNumber } from '../../../../src/modules/achievements/patent-number.js';
export { checkOwnerShares, checkTeamContributions } from '../../../../src/modules/achievements/shares.js';
export { fenToYuanString, formatFen, parseYuanToFen } from '../../../../src/platform/money.js';
