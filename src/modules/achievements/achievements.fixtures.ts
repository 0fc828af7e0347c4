import { call, type Session, type TestApp } from '../../test-support/test-app.js';

/** A complete, valid achievement body for tests and demo data; override any field. */
export function buildAchievementInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `高功率光纤激光器关键技术${Math.random().toString(36).slice(2, 8)}`,
    type: 'patent',
    attribute: 'original',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['光纤激光器', '高功率', '激光切割'],
    abstract: '本成果研制了万瓦级高功率连续光纤激光器，突破了大模场增益光纤与高功率合束器关键技术，可用于金属切割与焊接。',
    innovationPoints: '自主设计的大模场光纤结构，抑制非线性效应。',
    indicators: '输出功率 10kW，光电转换效率 35%。',
    applicationScenarios: '汽车制造、船舶焊接、钣金加工。',
    trl: 7,
    stage: 'pilot',
    ipItems: [{ type: 'invention_patent', number: '201710601862.3', status: 'granted', title: '一种高功率光纤激光器' }],
    team: [{ name: '李明', role: 'lead', contribution: 60 }, { name: '王芳', role: 'core', contribution: 40 }],
    contactName: '技术转移中心',
    contactPhone: '027-87540000',
    contactEmail: 'ttc@example.edu.cn',
    cooperationModes: ['transfer', 'license'],
    pricingMode: 'asking',
    price: '1,200,000.50',
    fundingProgramme: '湖北省重点研发计划',
    fundingProjectNumber: '2021BAA001',
    isFiscallyFunded: true,
    isDualUse: false,
    disclosureTier: 'public',
    ...overrides,
  };
}

/** Creates an achievement as `owner`, submits it and has `operator` publish it; returns its id. */
export async function publishAchievement(t: TestApp, owner: Session, operator: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await call(t, 'POST', '/api/achievements', { as: owner, body: buildAchievementInput(overrides) });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json<{ id: string }>().id;
  for (const [step, as] of [['submit', owner], ['publish', operator]] as const) {
    const res = await call(t, 'POST', `/api/achievements/${id}/${step}`, { as });
    if (res.statusCode !== 200) throw new Error(`${step}: ${res.statusCode} ${res.body}`);
  }
  return id;
}
