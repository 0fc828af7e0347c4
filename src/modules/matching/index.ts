/** Public door of the matching module (供需对接). */
export { registerMatchingRoutes } from './matching.routes.js';
export {
  CANDIDATES,
  demandFeaturesOf,
  demandText,
  type MatchingDeps,
  type RankedAchievement,
  rankAchievementsForText,
  recordVerdict,
  rematch,
  rematchAll,
  type RematchProgress,
  type RematchResult,
  STORED_PER_DEMAND,
  type VerdictInput,
  weightsInForce,
} from './matching.service.js';
export { COMPONENT_LABELS, COMPONENTS, type Component, DEFAULT_WEIGHTS, type DemandFeatures, scoreMatch, type Weights } from './match-scoring.js';
export { matchFeedback, matchingWeights, matchRecommendations, savedSearches } from './matching.tables.js';
// Saved searches and alerts (保存的检索与提醒).
export { registerSavedSearchRoutes } from './saved-searches.routes.js';
export { MAX_SAVED_SEARCHES_PER_USER, type SavedSearchesDeps } from './saved-searches.service.js';
export {
  type AlertsRuntime,
  createAlerts,
  DEMAND_ALERT_MIN_SCORE,
  demandsToAlert,
  MAX_DEMAND_ALERTS_PER_ACHIEVEMENT,
  pollAlerts,
  startAlerts,
  stopAlerts,
} from './matching.alerts.js';
