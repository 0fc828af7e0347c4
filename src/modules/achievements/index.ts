/** Public door of the achievements module (科技成果登记). */
export { registerAchievementRoutes } from './achievements.routes.js';
export { type AchievementsDeps, remindStaleOwners } from './achievements.service.js';
export { achievements } from './achievements.tables.js';
export { normalizeTitle, titleSimilarity } from './title-similarity.js';
export { normalizePatentNumber } from './patent-number.js';
export { achievementRecordKind, ACHIEVEMENT_COLUMNS } from './achievements.collection.js';
export { achievementDocsByIds, achievementFacetLabel, achievementHits, allAchievementDocs, type AchievementIndexDoc } from './achievements.search.js';
export {
  type CodeOption,
  COOPERATION_MODES,
  COOPERATION_MODE_VALUES,
  INDUSTRIES,
  INDUSTRY_VALUES,
  KEY_FIELDS,
  KEY_FIELD_VALUES,
  labelOf,
  valuesOf,
} from './achievement-codes.js';
