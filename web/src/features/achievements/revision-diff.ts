import { type AchievementData, diffData } from './codes.js';
import type { AchievementDetail, FieldChange } from './types.js';

/** The record's current (published) content in the stored shape, to compare a revision against. */
export function currentData(detail: AchievementDetail): AchievementData {
  return {
    title: detail.title,
    type: detail.type,
    attribute: detail.attribute,
    keyField: detail.keyField,
    industry: detail.industry,
    keywords: detail.keywords,
    abstract: detail.abstract,
    innovationPoints: detail.innovationPoints ?? '',
    indicators: detail.indicators ?? '',
    applicationScenarios: detail.applicationScenarios ?? '',
    trl: detail.trl,
    stage: detail.stage,
    ipItems: detail.ipItems ?? [],
    owners: detail.owners,
    team: detail.team ?? [],
    contactName: detail.contact.visible ? detail.contact.name : '',
    contactPhone: detail.contact.visible ? detail.contact.phone : '',
    contactEmail: detail.contact.visible ? detail.contact.email : null,
    cooperationModes: detail.cooperationModes,
    pricingMode: detail.pricingMode,
    priceFen: detail.priceFen,
    fundingProgramme: detail.fundingProgramme,
    fundingProjectNumber: detail.fundingProjectNumber,
    isFiscallyFunded: detail.isFiscallyFunded,
    isDualUse: detail.isDualUse,
    disclosureTier: detail.disclosureTier,
  };
}

/**
 * The same value with object keys in one order and unset keys dropped. The API orders the keys of
 * list rows (ipItems, owners, team) by its schema while a stored revision keeps the database's
 * order, and the diff compares JSON text.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && item !== null) out[key] = canonical(item);
  }
  return out;
}

/** What the pending revision changes, field by field (empty when there is none). */
export function revisionChanges(detail: AchievementDetail): FieldChange[] {
  if (!detail.pendingRevision) return [];
  const before = canonical(currentData(detail)) as Partial<AchievementData>;
  const after = canonical(detail.pendingRevision.data) as Partial<AchievementData>;
  return diffData(before, after);
}
