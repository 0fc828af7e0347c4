/**
 * Realistic Chinese enterprise demands (技术需求) for the matching benchmark, made from the same
 * vocabulary as the achievement generator (src/modules/achievements/achievement-generator.ts), so
 * that demands and achievements share topics the way real ones do. Deterministic for a given seed.
 */
import { ADVANTAGES, GENERATOR_VOCABULARY, prng } from '../../src/modules/achievements/achievement-generator.js';

const PROBLEMS = ['良品率偏低', '能耗偏高', '使用寿命短', '依赖进口、成本高', '检测效率低', '稳定性不足', '一致性差', '工艺窗口窄'];
const TITLE_PATTERNS = [
  (t: string, o: string, u: string) => `${u}用${o}${t}技术需求`,
  (t: string, o: string) => `寻求${t}${o}解决方案`,
  (_t: string, o: string, u: string) => `${u}${o}关键技术攻关`,
  (t: string, o: string) => `${o}${t}工艺改进合作`,
  (t: string, o: string, u: string) => `面向${u}的${t}${o}国产化替代`,
];
/** Demand types and the cooperation modes an enterprise usually names with them. */
const TYPES: [string, string[]][] = [
  ['development', ['joint_development']],
  ['development', ['joint_development', 'technical_service']],
  ['transfer', ['transfer']],
  ['transfer', ['transfer', 'license']],
  ['license', ['license']],
  ['service', ['technical_service']],
  ['consulting', []],
  ['equipment', ['transfer']],
  ['open_competition', ['joint_development']],
];
const WAN = 1_000_000; // 1 万元 in fen

export interface GeneratedDemand {
  title: string;
  publicSummary: string;
  description: string;
  indicators: string;
  existingConditions: string;
  keyField: string;
  industry: string;
  keywords: string[];
  demandType: string;
  cooperationModes: string[];
  budgetMode: 'range' | 'negotiable';
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  budgetFirm: boolean;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

export function generateDemand(seed: number): GeneratedDemand {
  const rand = prng(seed);
  const keyField = pick(rand, Object.keys(GENERATOR_VOCABULARY));
  const f = GENERATOR_VOCABULARY[keyField] ?? { topics: ['技术'], objects: ['装置'], uses: ['制造业'], industry: 'C' };
  const topic = pick(rand, f.topics);
  const object = pick(rand, f.objects);
  const use = pick(rand, f.uses);
  const problem = pick(rand, PROBLEMS);
  const target = pick(rand, ADVANTAGES);
  const [demandType, cooperationModes] = pick(rand, TYPES);
  const priced = rand() < 0.7;
  const minWan = (5 + Math.floor(rand() * 200)) * (rand() < 0.2 ? 10 : 1);
  const maxWan = minWan + Math.floor(minWan * (0.2 + rand()));
  return {
    title: pick(rand, TITLE_PATTERNS)(topic, object, use),
    publicSummary: `寻求${topic}${object}相关技术，解决${use}中${problem}的问题。`,
    description:
      `我公司主要面向${use}市场，现有${object}在批量生产中${problem}，制约了产品竞争力。` +
      `希望引进或联合开发${topic}相关技术，完成${object}的工艺改进与样机验证，并在${pick(rand, f.uses)}场景推广应用。`,
    indicators: `改进后${target}；产品关键性能达到国内同类先进水平。`,
    existingConditions: `具备${object}中试产线和基本检测条件，有专职研发团队。`,
    keyField,
    industry: f.industry,
    keywords: [...new Set([topic, object])],
    demandType,
    cooperationModes: [...cooperationModes],
    budgetMode: priced ? 'range' : 'negotiable',
    budgetMinFen: priced ? minWan * WAN : null,
    budgetMaxFen: priced ? maxWan * WAN : null,
    budgetFirm: priced && rand() < 0.5,
  };
}
