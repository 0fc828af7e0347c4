import { shanghaiDay } from './demand-rules.js';

let n = 0;

/** A complete, valid demand body for tests; override any field. The deadline is 60 days ahead. */
export function buildDemandInput(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    title: `激光焊接铜铝异种材料工艺需求${Date.now() % 100000}-${n}-${Math.random().toString(36).slice(2, 6)}`,
    publicSummary: '寻求动力电池极耳铜铝异种材料激光焊接工艺合作，要求气孔率低、飞溅少。',
    description: '动力电池极耳铜铝异种材料激光焊接时飞溅大、气孔率高，需要稳定的焊接工艺及在线监测方案。',
    indicators: '气孔率低于 1%，焊缝拉力不低于母材 80%。',
    existingConditions: '已有 6kW 光纤激光器两台与自动化焊接工装。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['激光焊接', '铜铝焊接'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budgetMode: 'range',
    budgetMin: '50万',
    budgetMax: '80万',
    budgetFirm: true,
    deadline: shanghaiDay(new Date(Date.now() + 60 * 86400_000)),
    contactName: '刘工',
    contactPhone: '027-87650000',
    contactEmail: 'liu@xingchen.example.cn',
    ...overrides,
  };
}
