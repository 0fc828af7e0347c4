/**
 * The demands module's coded lists, shared with the server: demand-codes.ts is pure, so the web
 * bundles it as it is (web/vite.config.ts keeps the achievements door it reads the registry's
 * lists through down to those lists). Select options, tags and checks match the API's.
 */
export {
  BUDGET_MODES,
  CLAIM_MODES,
  CLAIM_STATUSES,
  CLOSE_REASONS,
  COOPERATION_MODES,
  type CodeOption,
  DECLINE_REASONS,
  type DeclineReason,
  DEMAND_SOURCES,
  DEMAND_STATUSES,
  DEMAND_TYPES,
  type DemandStatus,
  FOLLOW_UP_KINDS,
  INDUSTRIES,
  KEY_FIELDS,
  labelOf as codeLabel,
  PROPOSAL_STATUSES,
  PUBLIC_DEMAND_STATUSES,
  RESPONSE_HOURS,
  WORKED_DEMAND_STATUSES,
} from '../../../../src/modules/demands/demand-codes.js';
export { fenToYuanString, formatFen, parseYuanToFen } from '../../../../src/platform/money.js';
