import { shanghaiToday } from './campaign-rules.js';

/** The Beijing calendar day `days` from today (negative: before), YYYY-MM-DD. */
export function dayFromToday(days: number, now = new Date()): string {
  return shanghaiToday(new Date(now.getTime() + days * 86_400_000));
}

let n = 0;

/** A valid campaign body: 武汉市, from 60 days ago to 60 days ahead; override any field. */
export function buildCampaignInput(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    name: `科惠行动·测试专场${n}`,
    description: '走访重点企业，挖掘技术需求，组织认领对接。',
    regionCodes: ['420100'],
    startsOn: dayFromToday(-60),
    endsOn: dayFromToday(60),
    targetVisits: 20,
    targetDemands: 30,
    targetEvents: 2,
    ...overrides,
  };
}

/** A valid visit body to an enterprise not on the platform in 洪山区, 10 days ago. */
export function buildVisitInput(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    enterpriseName: `武汉测试精密制造有限公司${n}`,
    regionCode: '420111',
    visitedOn: dayFromToday(-10),
    team: ['王经纪', '李科长'],
    notes: '企业希望引进激光焊接工艺，降低返修率。',
    ...overrides,
  };
}

/** A valid docking event body in 武汉市, held 5 days ago. */
export function buildEventInput(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    title: `光谷激光产业认领对接会${n}`,
    heldOn: dayFromToday(-5),
    place: '武汉光谷科技会展中心 3 号厅',
    regionCode: '420100',
    participantCount: 60,
    participants: ['武汉光谷星辰激光科技有限公司', '江城理工大学'],
    intentionsSigned: 3,
    outcomes: '现场发布需求 5 项，签约意向 3 项。',
    ...overrides,
  };
}
