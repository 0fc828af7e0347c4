import { STAGES, type Stage, TRL_LEVELS, labelOf } from './achievement-codes.js';

/**
 * Consistency between an achievement's self-assessed technology readiness level (TRL 1–9, see
 * TRL_LEVELS) and its development stage (阶段). Buyers filter on both, so a record claiming
 * 量产 at TRL 3 misleads them; a mismatch is refused at submission and the applicant corrects
 * one of the two.
 *
 * Each stage admits a band of levels. Neighbouring bands overlap by one or two levels because
 * the boundary is a judgement call (a 中试 line may be finishing TRL 4 work or already running
 * TRL 8 qualification batches), and the reviewer, not this rule, settles borderline cases:
 *
 *   stage            TRL   why
 *   实验室 lab        1–4   principle, concept and laboratory validation (TRL 4 = lab prototype verified)
 *   小试 pilot_small  3–6   bench-scale process trials: from lab proof to a relevant-environment demo
 *   中试 pilot        5–8   pilot-scale runs need parts verified in a relevant environment (TRL 5+)
 *   量产 mass_production 7–9 producing in volume needs a prototype proven in the real environment (TRL 7+)
 */
export const STAGE_TRL_RANGES: Readonly<Record<Stage, { readonly min: number; readonly max: number }>> = {
  lab: { min: 1, max: 4 },
  pilot_small: { min: 3, max: 6 },
  pilot: { min: 5, max: 8 },
  mass_production: { min: 7, max: 9 },
};

/**
 * Checks that `trl` is a whole level 1–9 and agrees with `stage` (see {@link STAGE_TRL_RANGES}).
 * Returns a Simplified Chinese message, or null when consistent.
 */
export function checkMaturity(trl: number, stage: Stage): string | null {
  if (!Number.isInteger(trl) || trl < 1 || trl > 9) return '技术就绪度应为 1 至 9 级的整数';
  // Stage normally comes through z.enum, but callers such as the Excel import may pass raw cells.
  const range = Object.hasOwn(STAGE_TRL_RANGES, stage) ? STAGE_TRL_RANGES[stage] : undefined;
  const stageLabel = labelOf(STAGES, stage);
  if (range === undefined || stageLabel === undefined) return '成果所处阶段无效';
  if (trl < range.min) {
    return `技术就绪度 ${trl} 级与成果所处阶段“${stageLabel}”不一致：${stageLabel}阶段应达到 ${range.min} 级及以上`;
  }
  if (trl > range.max) {
    return `技术就绪度 ${trl} 级与成果所处阶段“${stageLabel}”不一致：${stageLabel}阶段通常不超过 ${range.max} 级，请核对阶段或就绪度`;
  }
  return null;
}

/**
 * The one-sentence Chinese description of a TRL level, for form help text and detail pages, or
 * undefined for anything but a whole level 1–9.
 */
export function trlDescription(level: number): string | undefined {
  return TRL_LEVELS.find((l) => l.level === level)?.description;
}
