import type { Db } from '../../platform/db.js';
import { commonAncestor, shanghaiToday } from './campaign-rules.js';
import * as q from './campaigns.queries.js';

interface DemoOrganization {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  status: string;
}

interface VisitSpec {
  /** A demo enterprise by name (registered), or a name with its region (not on the platform). */
  enterprise: string;
  regionCode?: string;
  on: string;
  team: string[];
  notes: string;
}

interface EventSpec {
  title: string;
  /** After today: a planned event. */
  on: string;
  place: string;
  regionCode: string;
  participantCount: number;
  participants: string[];
  intentionsSigned: number;
  outcomes: string;
  achievements: number;
}

interface CampaignSpec {
  name: string;
  description: string;
  regionCodes: string[];
  startsOn: string;
  endsOn: string;
  targets: [visits: number, demands: number, events: number];
  visits: VisitSpec[];
  events: EventSpec[];
}

const DAY = 86_400_000;

/**
 * Three campaigns in Hubei cities (written by us): 武汉东湖高新区 (active, two districts), 宜昌
 * (active, the whole city) and 襄阳·荆门 last year (ended). Dates are relative to today so the
 * demo always shows one of each status; demands are left to the demands module's own demo.
 */
export async function seedCampaignsDemo(db: Db, organizations: DemoOrganization[], now = new Date()): Promise<number> {
  const createdBy = await q.selectUserIdByEmail(db, 'operator@kehui.example.cn');
  if (!createdBy) return 0;
  const day = (daysAgo: number) => shanghaiToday(new Date(now.getTime() - daysAgo * DAY));
  const thisYear = Number(day(0).slice(0, 4));
  const lastYear = thisYear - 1;
  const enterprises = new Map(organizations.filter((o) => o.type === 'enterprise' && o.status === 'verified').map((o) => [o.name, o]));
  const wuhanTeam = ['王经纪', '武汉市科技局 刘科长'];
  const yichangTeam = ['宜昌科技成果转化服务中心 周主任', '宜昌市科技局 陈科长'];
  const xiangyangTeam = ['襄阳技术市场服务有限公司 张经理', '省科技厅 成果处'];

  const specs: CampaignSpec[] = [
    {
      name: `${thisYear} 年武汉东湖高新区科惠行动`,
      description: '走访洪山区、江夏区光电子信息与智能网联汽车企业，挖掘技术需求，组织高校院所认领对接。',
      regionCodes: ['420111', '420115'],
      startsOn: day(150),
      endsOn: day(-60),
      targets: [30, 45, 4],
      visits: [
        { enterprise: '武汉光谷星辰激光科技有限公司', on: day(140), team: wuhanTeam, notes: '高反射材料焊接良率偏低，希望引进新型光束整形技术。' },
        { enterprise: '武汉长江智能网联汽车有限公司', on: day(131), team: wuhanTeam, notes: '车路协同感知算法需要高校联合攻关。' },
        { enterprise: '武汉光谷精密光学有限公司', regionCode: '420111', on: day(118), team: wuhanTeam, notes: '非球面镜片检测效率低。' },
        { enterprise: '武汉江夏智能装备有限公司', regionCode: '420115', on: day(104), team: ['王经纪'], notes: '焊装产线视觉检测改造。' },
        { enterprise: '武汉洪山新材料科技有限公司', regionCode: '420111', on: day(96), team: wuhanTeam, notes: '石墨烯导热膜量产工艺。' },
        { enterprise: '武汉光谷星辰激光科技有限公司', on: day(75), team: ['王经纪'], notes: '回访：光束整形方案已与江城理工大学初步接洽。' },
        { enterprise: '武汉江夏生物医药有限公司', regionCode: '420115', on: day(61), team: wuhanTeam, notes: '缓释制剂工艺放大。' },
        { enterprise: '武汉长江智能网联汽车有限公司', on: day(47), team: wuhanTeam, notes: '回访：提出毫米波雷达标定需求。' },
        { enterprise: '武汉光电传感器件有限公司', regionCode: '420111', on: day(33), team: ['王经纪'], notes: '光纤传感解调仪国产化。' },
        { enterprise: '武汉江夏节能环保设备有限公司', regionCode: '420115', on: day(19), team: wuhanTeam, notes: '工业余热回收换热器优化。' },
        { enterprise: '武汉洪山数字医疗有限公司', regionCode: '420111', on: day(8), team: wuhanTeam, notes: '医学影像辅助诊断算法合作。' },
      ],
      events: [
        {
          title: '光电子信息产业需求认领对接会',
          on: day(90),
          place: '武汉东湖新技术开发区 光谷科技会展中心',
          regionCode: '420111',
          participantCount: 86,
          participants: ['江城理工大学', '湖北光电信息研究院', '湖北知行技术转移服务有限公司', '武汉光谷星辰激光科技有限公司'],
          intentionsSigned: 5,
          outcomes: '发布企业技术需求 12 项，推介科技成果 8 项，现场达成合作意向 5 项。',
          achievements: 3,
        },
        {
          title: '智能网联汽车技术供需对接会',
          on: day(20),
          place: '江夏区 武汉长江智能网联汽车有限公司 报告厅',
          regionCode: '420115',
          participantCount: 54,
          participants: ['江城理工大学', '楚天新材料研究院', '武汉长江智能网联汽车有限公司'],
          intentionsSigned: 3,
          outcomes: '围绕车路协同与雷达标定需求开展路演，签订合作意向 3 项。',
          achievements: 2,
        },
        {
          title: '生物医药与数字医疗成果路演',
          on: day(-25),
          place: '洪山区 光谷生物城 创新中心',
          regionCode: '420111',
          participantCount: 0,
          participants: [],
          intentionsSigned: 0,
          outcomes: '',
          achievements: 0,
        },
      ],
    },
    {
      name: `${thisYear} 年宜昌市科惠行动`,
      description: '聚焦新能源电池与磷化工绿色转型，走访重点企业，组织认领对接活动。',
      regionCodes: ['420500'],
      startsOn: day(100),
      endsOn: day(-120),
      targets: [20, 30, 3],
      visits: [
        { enterprise: '宜昌三峡新能源电池有限公司', on: day(92), team: yichangTeam, notes: '磷酸铁锂正极材料一致性提升。' },
        { enterprise: '宜昌磷化工绿色材料有限公司', on: day(80), team: yichangTeam, notes: '磷石膏综合利用技术。' },
        { enterprise: '宜昌伍家岗精细化工有限公司', regionCode: '420503', on: day(66), team: yichangTeam, notes: '废水深度处理。' },
        { enterprise: '宜都市装备制造有限公司', regionCode: '420581', on: day(51), team: ['宜昌市科技局 陈科长'], notes: '数控机床远程运维。' },
        { enterprise: '枝江市生物发酵有限公司', regionCode: '420583', on: day(37), team: yichangTeam, notes: '发酵菌种选育。' },
        { enterprise: '宜昌三峡新能源电池有限公司', on: day(12), team: yichangTeam, notes: '回访：储能电池热管理方案对接中。' },
      ],
      events: [
        {
          title: '新能源电池与储能技术对接会',
          on: day(30),
          place: '宜昌市西陵区 三峡科技创新中心',
          regionCode: '420502',
          participantCount: 62,
          participants: ['三峡工程技术学院', '宜昌科技成果转化服务中心', '宜昌三峡新能源电池有限公司'],
          intentionsSigned: 4,
          outcomes: '发布需求 8 项，对接高校院所 6 家，签约意向 4 项。',
          achievements: 2,
        },
      ],
    },
    {
      name: `${lastYear} 年襄阳·荆门科惠行动`,
      description: '汉江流域装备制造与循环经济企业走访，已结束。',
      regionCodes: ['420600', '420800'],
      startsOn: `${lastYear}-03-01`,
      endsOn: `${lastYear}-11-30`,
      targets: [15, 20, 2],
      visits: [
        { enterprise: '襄阳轴承智能制造有限公司', on: `${lastYear}-03-18`, team: xiangyangTeam, notes: '精密轴承热处理变形控制。' },
        { enterprise: '荆门循环经济环保科技有限公司', on: `${lastYear}-04-09`, team: xiangyangTeam, notes: '废旧电池回收湿法冶金。' },
        { enterprise: '襄阳汽车零部件有限公司', regionCode: '420607', on: `${lastYear}-05-21`, team: xiangyangTeam, notes: '轻量化铝合金压铸。' },
        { enterprise: '钟祥市农产品加工有限公司', regionCode: '420881', on: `${lastYear}-06-12`, team: xiangyangTeam, notes: '香菇深加工。' },
        { enterprise: '枣阳市纺织机械有限公司', regionCode: '420683', on: `${lastYear}-07-08`, team: xiangyangTeam, notes: '织机智能化改造。' },
        { enterprise: '襄阳轴承智能制造有限公司', on: `${lastYear}-09-16`, team: xiangyangTeam, notes: '回访：热处理工艺合作已签约。' },
        { enterprise: '京山市轻工机械有限公司', regionCode: '420882', on: `${lastYear}-10-14`, team: xiangyangTeam, notes: '包装机械伺服控制。' },
      ],
      events: [
        {
          title: '汉江流域装备制造技术对接会',
          on: `${lastYear}-06-26`,
          place: '襄阳市樊城区 襄阳科技馆',
          regionCode: '420606',
          participantCount: 75,
          participants: ['汉江师范工学院', '襄阳技术市场服务有限公司', '襄阳轴承智能制造有限公司'],
          intentionsSigned: 6,
          outcomes: '发布需求 10 项，签约意向 6 项，其中 2 项已完成技术合同登记。',
          achievements: 2,
        },
        {
          title: '循环经济与绿色制造成果推介会',
          on: `${lastYear}-10-28`,
          place: '荆门市掇刀区 荆门高新区科技大厦',
          regionCode: '420804',
          participantCount: 48,
          participants: ['江汉石化装备研究所', '荆门循环经济环保科技有限公司'],
          intentionsSigned: 2,
          outcomes: '推介成果 6 项，签约意向 2 项。',
          achievements: 1,
        },
      ],
    },
  ];

  // Published achievements of the demo universities, presented a few per event.
  const presentable = await q.publishedAchievementIds(db, '42', 12);
  let made = 0;
  for (const spec of specs) {
    const scopeRegionCode = commonAncestor(spec.regionCodes);
    if (!scopeRegionCode) continue;
    const [targetVisits, targetDemands, targetEvents] = spec.targets;
    const campaign = await q.insertCampaign(db, {
      name: spec.name,
      description: spec.description,
      regionCodes: spec.regionCodes,
      scopeRegionCode,
      startsOn: spec.startsOn,
      endsOn: spec.endsOn,
      targetVisits,
      targetDemands,
      targetEvents,
      createdBy,
    });
    for (const v of spec.visits) {
      const org = enterprises.get(v.enterprise);
      const regionCode = org?.regionCode ?? v.regionCode;
      if (!regionCode) continue;
      await q.insertVisit(db, {
        campaignId: campaign.id,
        enterpriseOrganizationId: org?.id ?? null,
        enterpriseName: v.enterprise,
        regionCode,
        visitedOn: v.on,
        team: v.team,
        notes: v.notes,
        createdBy,
      });
    }
    for (const [i, e] of spec.events.entries()) {
      await q.insertEvent(db, {
        campaignId: campaign.id,
        title: e.title,
        heldOn: e.on,
        place: e.place,
        regionCode: e.regionCode,
        participantCount: e.participantCount,
        participants: e.participants,
        achievementIds: presentable.slice(i * 3, i * 3 + e.achievements),
        intentionsSigned: e.intentionsSigned,
        outcomes: e.outcomes,
        createdBy,
      });
    }
    made++;
  }
  return made;
}
